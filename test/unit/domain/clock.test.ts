import { fixedClock, systemClock } from '../../../src/domain/clock';

describe('clocks', () => {
  it('a fixed clock stays put until set or advanced by whole days', () => {
    const clock = fixedClock('2026-03-02T09:00:00Z');
    expect(clock.now()).toEqual(new Date('2026-03-02T09:00:00Z'));
    clock.advanceDays(3);
    expect(clock.now()).toEqual(new Date('2026-03-05T09:00:00Z'));
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now()).toEqual(new Date('2027-01-01T00:00:00Z'));
  });

  it('a fixed clock hands out copies, so a caller changing its date does not move the clock', () => {
    const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
    clock.now().setUTCFullYear(2030);
    expect(clock.now()).toEqual(new Date('2026-03-02T09:00:00Z'));
  });

  it('the system clock tells the time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
