/**
 * How a report period (inclusive YYYY-MM-DD bounds, null for open-ended) splits into the whole
 * calendar months inside it, which the reports read from monthly rollups, and the days of the
 * partly covered months at either end, which they compute from the touchpoints.
 */
export interface PeriodSplit {
  /** First day of the first and of the last whole month; null leaves that side open. */
  firstMonth: string | null;
  lastMonth: string | null;
  /** At most two inclusive day ranges outside the whole months, in order. */
  edges: Array<{ from: string; to: string }>;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonthStart = (day: string) => {
  const d = new Date(dayMs(monthStart(day)));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return isoDay(d.getTime());
};
const previousDay = (day: string) => isoDay(dayMs(day) - DAY_MS);

export function splitPeriod(from: string | null, to: string | null): PeriodSplit {
  const edges: PeriodSplit['edges'] = [];
  let firstMonth: string | null = null;
  let lastMonth: string | null = null;
  if (from !== null) {
    firstMonth = from === monthStart(from) ? from : nextMonthStart(from);
    if (firstMonth !== from) {
      const monthEnd = previousDay(firstMonth);
      edges.push({ from, to: to !== null && to < monthEnd ? to : monthEnd });
    }
  }
  if (to !== null) {
    const endsMonth = nextMonthStart(to) === isoDay(dayMs(to) + DAY_MS);
    lastMonth = endsMonth ? monthStart(to) : monthStart(previousDay(monthStart(to)));
    // Unless the start's partial month already reaches the end of the period.
    const sameMonthAsEdge = edges.length > 0 && edges[0]!.to === to;
    if (!endsMonth && !sameMonthAsEdge) {
      const start = monthStart(to);
      edges.push({ from: from !== null && from > start ? from : start, to });
    }
  }
  return { firstMonth, lastMonth, edges };
}
