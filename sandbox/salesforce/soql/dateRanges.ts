import type { Literal, RelativeDateName } from './ast';

const DAY = 86_400_000;

/** A half-open span of time [start, end) in ms; every date or datetime literal denotes one. */
export interface TimeRange {
  start: number;
  end: number;
}

/**
 * The span a temporal literal covers, in UTC (the emulated orgs' time zone):
 * a date is its whole day, a datetime its millisecond, and date literals such
 * as LAST_N_DAYS:n their documented windows around `now`.
 */
export function literalRange(literal: Literal, now: number): TimeRange | undefined {
  switch (literal.kind) {
    case 'date': {
      const start = Date.parse(`${literal.value}T00:00:00Z`);
      return { start, end: start + DAY };
    }
    case 'datetime':
      return { start: literal.value, end: literal.value + 1 };
    case 'relativeDate':
      return relativeRange(literal.name, literal.n ?? 0, now);
    default:
      return undefined;
  }
}

function relativeRange(name: RelativeDateName, n: number, now: number): TimeRange {
  const today = Math.floor(now / DAY) * DAY;
  const date = new Date(today);
  const monthStart = (offset: number) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1);
  switch (name) {
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'LAST_N_DAYS':
      // Salesforce counts today plus the n days before it.
      return { start: today - n * DAY, end: today + DAY };
    case 'NEXT_N_DAYS':
      return { start: today + DAY, end: today + (n + 1) * DAY };
    case 'N_DAYS_AGO':
      return { start: today - n * DAY, end: today - (n - 1) * DAY };
    case 'THIS_MONTH':
      return { start: monthStart(0), end: monthStart(1) };
    case 'LAST_MONTH':
      return { start: monthStart(-1), end: monthStart(0) };
    case 'NEXT_MONTH':
      return { start: monthStart(1), end: monthStart(2) };
    case 'THIS_YEAR':
      return { start: Date.UTC(date.getUTCFullYear(), 0, 1), end: Date.UTC(date.getUTCFullYear() + 1, 0, 1) };
  }
}
