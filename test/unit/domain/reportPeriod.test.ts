import { splitPeriod } from '../../../src/domain/reportPeriod';

describe('report periods split into whole months and partial-month edges', () => {
  it.each<[string | null, string | null, ReturnType<typeof splitPeriod>]>([
    [null, null, { firstMonth: null, lastMonth: null, edges: [] }],
    ['2026-01-01', '2026-03-31', { firstMonth: '2026-01-01', lastMonth: '2026-03-01', edges: [] }],
    // February of a leap year ends on the 29th.
    ['2028-01-01', '2028-02-29', { firstMonth: '2028-01-01', lastMonth: '2028-02-01', edges: [] }],
    [
      '2026-01-10',
      '2026-03-05',
      { firstMonth: '2026-02-01', lastMonth: '2026-02-01', edges: [{ from: '2026-01-10', to: '2026-01-31' }, { from: '2026-03-01', to: '2026-03-05' }] },
    ],
    // Within one month: one edge, and no whole month (the first comes after the last).
    ['2026-01-10', '2026-01-20', { firstMonth: '2026-02-01', lastMonth: '2025-12-01', edges: [{ from: '2026-01-10', to: '2026-01-20' }] }],
    ['2026-01-01', '2026-01-20', { firstMonth: '2026-01-01', lastMonth: '2025-12-01', edges: [{ from: '2026-01-01', to: '2026-01-20' }] }],
    ['2026-01-15', '2026-01-31', { firstMonth: '2026-02-01', lastMonth: '2026-01-01', edges: [{ from: '2026-01-15', to: '2026-01-31' }] }],
    ['2025-12-31', '2026-01-01', { firstMonth: '2026-01-01', lastMonth: '2025-12-01', edges: [{ from: '2025-12-31', to: '2025-12-31' }, { from: '2026-01-01', to: '2026-01-01' }] }],
    // Open-ended on one side.
    ['2026-06-15', null, { firstMonth: '2026-07-01', lastMonth: null, edges: [{ from: '2026-06-15', to: '2026-06-30' }] }],
    [null, '2026-06-15', { firstMonth: null, lastMonth: '2026-05-01', edges: [{ from: '2026-06-01', to: '2026-06-15' }] }],
  ])('%s to %s', (from, to, expected) => {
    expect(splitPeriod(from, to)).toEqual(expected);
  });

  it('covers every day of the period exactly once', () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const start = Date.parse('2025-11-20T00:00:00Z');
    for (const [a, b] of [[0, 0], [0, 11], [3, 70], [11, 41], [12, 100], [40, 41]] as const) {
      const from = day(start + a * 86_400_000);
      const to = day(start + b * 86_400_000);
      const { firstMonth, lastMonth, edges } = splitPeriod(from, to);
      const covered: string[] = [];
      for (let ms = Date.parse(`${from}T00:00:00Z`); day(ms) <= to; ms += 86_400_000) {
        const d = day(ms);
        const inMonths = firstMonth !== null && lastMonth !== null && d.slice(0, 7) >= firstMonth.slice(0, 7) && d.slice(0, 7) <= lastMonth.slice(0, 7) ? 1 : 0;
        const inEdges = edges.filter((e) => e.from <= d && d <= e.to).length;
        if (inMonths + inEdges === 1) covered.push(d);
      }
      expect(covered.length).toBe(b - a + 1);
    }
  });
});
