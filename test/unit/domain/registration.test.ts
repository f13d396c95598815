import {
  approveRegistration,
  closeRegistration,
  expireRegistration,
  isOpen,
  rejectRegistration,
  DealRegistrationInput,
  type DealRegistration,
  type RegistrationStatus,
} from '../../../src/domain/registration';

const now = new Date('2026-03-02T09:00:00Z');

function registration(status: RegistrationStatus, protectionExpiresAt: Date | null = null): DealRegistration {
  return {
    id: 'r1',
    partnerId: 'p1',
    accountId: 'a1',
    customer: { name: 'Globex', domain: 'globex.com', country: 'US' },
    products: ['analytics'],
    amount: 1000,
    currency: 'USD',
    expectedCloseDate: '2026-06-30',
    region: 'NA',
    notes: null,
    status,
    submittedAt: new Date('2026-03-01T00:00:00Z'),
    decision: null,
    override: null,
    protectionExpiresAt,
    closedAt: null,
  };
}

const approve = (reg: DealRegistration, blocking: string[] = [], overrideReason?: string) =>
  approveRegistration(reg, { actor: 'maria@vendor.com', now, protectionWindowDays: 90, blockingRegistrationIds: blocking, overrideReason });

describe('lifecycle', () => {
  const all: RegistrationStatus[] = ['pending', 'approved', 'rejected', 'won', 'lost', 'expired'];
  const allowed = new Set(['pending>approved', 'pending>rejected', 'approved>won', 'approved>lost', 'approved>expired']);

  it.each(all.flatMap((from) => (['approved', 'rejected', 'won', 'lost', 'expired'] as const).map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const past = new Date(now.getTime() - 1000);
      const reg = registration(from, from === 'approved' ? past : null);
      const result =
        to === 'approved'
          ? approve(reg)
          : to === 'rejected'
            ? rejectRegistration(reg, 'maria@vendor.com', 'duplicate', now)
            : to === 'expired'
              ? expireRegistration(reg, now)
              : closeRegistration(reg, to, now);
      expect(result.ok).toBe(allowed.has(`${from}>${to}`));
      if (!result.ok) expect(result.error.code).toBe('illegal_transition');
    },
  );

  it('says why a change is refused in plain English', () => {
    const refusal = (result: ReturnType<typeof approve>) => (result.ok ? null : result.error.message);
    expect(refusal(rejectRegistration(registration('approved'), 'maria@vendor.com', 'late', now))).toBe('an approved registration cannot become rejected');
    expect(refusal(rejectRegistration(registration('won'), 'maria@vendor.com', 'late', now))).toBe('a won registration cannot become rejected');
    expect(refusal(approve(registration('approved')))).toBe('the registration is already approved');
  });
});

describe('approval', () => {
  it('records who and when, and starts the protection window', () => {
    const result = approve(registration('pending'));
    expect(result).toMatchObject({
      ok: true,
      value: {
        status: 'approved',
        decision: { by: 'maria@vendor.com', at: now, reason: null },
        override: null,
        protectionExpiresAt: new Date('2026-05-31T09:00:00Z'),
      },
    });
  });

  it('is refused while a protected registration blocks it, and names the blocker', () => {
    const result = approve(registration('pending'), ['r0']);
    expect(result).toMatchObject({ ok: false, error: { code: 'blocked_by_protected_registration', details: { blockingRegistrationIds: ['r0'] } } });
  });

  it('goes through with a recorded manager override', () => {
    const result = approve(registration('pending'), ['r0'], 'customer asked for this partner');
    expect(result).toMatchObject({ ok: true, value: { override: { by: 'maria@vendor.com', at: now, reason: 'customer asked for this partner' } } });
  });

  it('refuses an override when nothing blocks', () => {
    expect(approve(registration('pending'), [], 'because')).toMatchObject({ ok: false, error: { code: 'override_not_allowed' } });
  });
});

describe('expiry and openness', () => {
  it('does not expire inside the window', () => {
    const result = expireRegistration(registration('approved', new Date(now.getTime() + 1)), now);
    expect(result.ok).toBe(false);
  });

  it('an approved registration is open only inside its window', () => {
    expect(isOpen(registration('approved', new Date(now.getTime() + 1)), now)).toBe(true);
    expect(isOpen(registration('approved', now), now)).toBe(false);
    expect(isOpen(registration('pending'), now)).toBe(true);
    expect(isOpen(registration('rejected'), now)).toBe(false);
  });
});

describe('DealRegistrationInput', () => {
  const valid = {
    partnerId: '0e7a4c1e-1111-4c1e-9a4c-0e7a4c1e1111',
    customer: { name: 'Globex', domain: 'https://globex.com', country: 'us' },
    products: ['Analytics', 'analytics ', 'Payments'],
    amount: 1000.5,
    currency: 'eur',
    expectedCloseDate: '2026-06-30',
  };

  it('normalizes products, country and currency', () => {
    expect(DealRegistrationInput.parse(valid)).toMatchObject({ products: ['analytics', 'payments'], currency: 'EUR', customer: { country: 'US' } });
  });

  it.each<[string, Record<string, unknown>, (string | number)[]]>([
    ['an impossible date', { expectedCloseDate: '2026-02-30' }, ['expectedCloseDate']],
    ['an unknown currency', { currency: 'XYZ' }, ['currency']],
    ['a negative amount', { amount: -1 }, ['amount']],
    ['fractions of a cent', { amount: 1.001 }, ['amount']],
    ['no products', { products: [] }, ['products']],
    ['a bad domain', { customer: { name: 'Globex', domain: 'not a domain' } }, ['customer', 'domain']],
    ['an unknown country', { customer: { name: 'Globex', country: 'XX' } }, ['customer', 'country']],
    ['an unknown field', { discount: 5 }, []],
  ])('rejects %s at its path', (_label, change, path) => {
    const result = DealRegistrationInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });
});
