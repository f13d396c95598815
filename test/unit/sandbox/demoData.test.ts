import { demoData } from '../../../sandbox/demo/data';

const today = new Date('2026-06-15T10:00:00Z');
const DAY_MS = 86_400_000;

describe('demo data: a year of history', () => {
  it('is the same for the same seed and day, and different for another seed', () => {
    expect(demoData(today)).toEqual(demoData(today));
    expect(demoData(today, 7).registrations).not.toEqual(demoData(today).registrations);
  });

  it('moves with "today": every date keeps its distance to the day it is generated on', () => {
    const later = demoData(new Date(today.getTime() + 10 * DAY_MS));
    const shift = (iso: string) => new Date(new Date(iso).getTime() + 10 * DAY_MS).toISOString();
    expect(later.registrations.map((r) => r.submittedAt)).toEqual(demoData(today).registrations.map((r) => shift(r.submittedAt)));
  });

  it('spreads registrations over twelve months, decided within hours to days, before today', () => {
    const { registrations } = demoData(today);
    const months = new Set(registrations.map((r) => r.submittedAt.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
    const hours = registrations.filter((r) => r.decidedAt).map((r) => (Date.parse(r.decidedAt!) - Date.parse(r.submittedAt)) / 3_600_000);
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...hours)).toBeLessThanOrEqual(7 * 24);
    const instants = registrations.flatMap((r) => [r.submittedAt, r.decidedAt, r.closedAt]).filter((t): t is string => t !== undefined);
    expect(instants.every((t) => Date.parse(t) < today.getTime())).toBe(true);
    expect(new Set(registrations.map((r) => r.outcome ?? r.decision?.kind ?? 'pending'))).toEqual(new Set(['won', 'lost', 'approve', 'reject', 'pending']));
  });

  it('closes the CRM deals whose cycle has run, won and lost, and leaves the rest open', () => {
    const { deals } = demoData(today);
    const closed = deals.filter((d) => d.stage >= 5);
    expect(closed.every((d) => d.createdDate < d.closeDate && d.closeDate < '2026-06-15')).toBe(true);
    expect(deals.filter((d) => d.stage < 5).every((d) => d.closeDate > '2026-06-15')).toBe(true);
    expect(new Set(closed.map((d) => d.closeDate.slice(0, 7))).size).toBeGreaterThanOrEqual(10);
    expect(closed.some((d) => d.stage === 5) && closed.some((d) => d.stage === 6)).toBe(true);
  });

  it('has certifications that expire within 30 days, PSAT answers, support cases, portal activity, co-selling and referrals', () => {
    const { signals } = demoData(today);
    const soon = signals.certifications.filter((c) => Date.parse(c.expiresAt) > today.getTime() && Date.parse(c.expiresAt) < today.getTime() + 30 * DAY_MS);
    expect(soon.length).toBeGreaterThanOrEqual(3);
    expect(signals.certifications.some((c) => Date.parse(c.expiresAt) < today.getTime())).toBe(true);
    expect(signals.satisfaction.length).toBeGreaterThan(100);
    expect(signals.supportCases.some((c) => c.closedAt === null)).toBe(true);
    expect(new Set(signals.activity.map((a) => a.kind))).toEqual(new Set(['portal_login', 'portal_action', 'api_call']));
    expect(new Set(signals.coSell.map((e) => e.role))).toEqual(new Set(['co_sell', 'implementation', 'referral']));
    expect(signals.referrals.some((r) => r.outcome?.kind === 'converted')).toBe(true);
  });
});
