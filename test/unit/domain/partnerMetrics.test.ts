import { customerLifetimeValue, daysBetween, partnerReturn, percentile, summarizeDays, winRate } from '../../../src/domain/partnerMetrics';

describe('percentiles (as percentile_cont: linear between closest ranks)', () => {
  it.each<[number[], number, number | null]>([
    [[], 0.5, null],
    [[5], 0.5, 5],
    [[5], 0.9, 5],
    [[1, 2, 3, 4], 0.5, 2.5],
    // rank 0.9 × 3 = 2.7: 3 + 0.7 × (4 − 3)
    [[4, 1, 3, 2], 0.9, 3.7],
    [[10, 1, 3], 0.5, 3],
    [[2, 2, 2, 9], 0.5, 2],
  ])('%j at %d → %d', (values, p, expected) => {
    const got = percentile(values, p);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 12);
  });

  it('summarizes durations in days', () => {
    expect(summarizeDays([])).toEqual({ count: 0, medianDays: null, p90Days: null });
    expect(summarizeDays([1, 3, 2, 10, 4])).toEqual({ count: 5, medianDays: 3, p90Days: expect.closeTo(7.6, 12) });
    expect(daysBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T12:00:00Z'))).toBe(1.5);
  });
});

describe('win rate', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [3, 1, 0.75],
    [0, 4, 0],
    [2, 0, 1],
  ])('%d won, %d lost → %d', (won, lost, expected) => {
    expect(winRate(won, lost)).toBe(expected);
  });
});

describe('customer lifetime value', () => {
  it('is won revenue per customer, with the average span between a customer’s first and latest win', () => {
    const d = (customerId: string, amount: number, on: string) => ({ customerId, amount, closedOn: new Date(`${on}T00:00:00Z`) });
    // Globex buys twice 30 days apart, Initech once: (30 + 0) / 2 = 15 days.
    expect(customerLifetimeValue([d('globex', 100, '2026-01-01'), d('initech', 200, '2026-02-10'), d('globex', 300, '2026-01-31')])).toEqual({
      customers: 2,
      wonRevenue: 600,
      cltv: 300,
      averageLifetimeDays: 15,
    });
  });

  it('spans from a customer’s first to its latest win, in whatever order the deals come', () => {
    const d = (amount: number, on: string) => ({ customerId: 'globex', amount, closedOn: new Date(`${on}T00:00:00Z`) });
    expect(customerLifetimeValue([d(1, '2026-02-10'), d(1, '2026-01-01'), d(1, '2026-03-12'), d(1, '2026-01-31')]).averageLifetimeDays).toBe(70);
  });

  it('has no value without won deals', () => {
    expect(customerLifetimeValue([])).toEqual({ customers: 0, wonRevenue: 0, cltv: null, averageLifetimeDays: null });
  });
});

describe('return on partner investment', () => {
  it('reports the revenue side only, and says why the investment is missing', () => {
    const r = partnerReturn(125000);
    expect(r).toMatchObject({ attributedRevenue: 125000, investment: null, roi: null });
    expect(r.reason).toBe('Trellis does not record partner spend (MDF, incentives) yet, so only the revenue side is reported.');
  });
});
