import { decidingRegistration } from '../../../src/domain/decidingRegistration';
import type { RegistrationStatus } from '../../../src/domain/registration';

const reg = (id: string, status: RegistrationStatus, submitted: string) => ({ id, status, submittedAt: new Date(submitted) });

describe('the registration a deal shows when several point at it', () => {
  it('shows an approved registration over a newer pending one', () => {
    expect(decidingRegistration([reg('a', 'approved', '2026-01-01'), reg('b', 'pending', '2026-02-01')])!.id).toBe('a');
    expect(decidingRegistration([reg('b', 'pending', '2026-02-01'), reg('a', 'approved', '2026-01-01')])!.id).toBe('a');
  });

  it('shows a pending registration over newer rejected, expired and closed ones', () => {
    const regs = [reg('a', 'pending', '2026-01-01'), reg('b', 'rejected', '2026-02-01'), reg('c', 'expired', '2026-03-01'), reg('d', 'lost', '2026-04-01')];
    expect(decidingRegistration(regs)!.id).toBe('a');
  });

  it('shows the newest of equals, in any order given', () => {
    const regs = [reg('a', 'pending', '2026-01-01'), reg('b', 'pending', '2026-03-01'), reg('c', 'pending', '2026-02-01')];
    expect(decidingRegistration(regs)!.id).toBe('b');
    expect(decidingRegistration([...regs].reverse())!.id).toBe('b');
    expect(decidingRegistration([reg('x', 'rejected', '2026-01-01'), reg('y', 'won', '2026-05-01')])!.id).toBe('y');
  });

  it('breaks a tie of status and instant by id, so repeated placements agree', () => {
    const regs = [reg('a', 'approved', '2026-01-01'), reg('b', 'approved', '2026-01-01')];
    expect(decidingRegistration(regs)!.id).toBe('b');
    expect(decidingRegistration([...regs].reverse())!.id).toBe('b');
  });

  it('shows nothing without registrations', () => {
    expect(decidingRegistration([])).toBeNull();
  });
});
