/** Channel metrics over plain numbers: the definitions the analytics queries implement at scale. */

const DAY_MS = 86_400_000;

/**
 * The p-th percentile (0..1) with linear interpolation between closest ranks, as PostgreSQL's
 * percentile_cont computes it; null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export interface DurationSummary {
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** Median and 90th percentile of durations given in days. */
export function summarizeDays(days: readonly number[]): DurationSummary {
  return { count: days.length, medianDays: percentile(days, 0.5), p90Days: percentile(days, 0.9) };
}

export const daysBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / DAY_MS;

/** Won share of closed deals; null when none closed (no rate is not a 0 % rate). */
export const winRate = (won: number, lost: number): number | null => (won + lost === 0 ? null : won / (won + lost));

export interface WonDeal {
  customerId: string;
  amount: number;
  closedOn: Date;
}

export interface CustomerLifetimeValue {
  customers: number;
  wonRevenue: number;
  /** Won revenue per customer. */
  cltv: number | null;
  /** Average span from a customer's first to its latest won deal. */
  averageLifetimeDays: number | null;
}

/** Won revenue per customer, and how long customers kept buying. */
export function customerLifetimeValue(deals: readonly WonDeal[]): CustomerLifetimeValue {
  const byCustomer = new Map<string, { first: number; last: number }>();
  let wonRevenue = 0;
  for (const d of deals) {
    wonRevenue += d.amount;
    const t = d.closedOn.getTime();
    const span = byCustomer.get(d.customerId);
    byCustomer.set(d.customerId, span ? { first: Math.min(span.first, t), last: Math.max(span.last, t) } : { first: t, last: t });
  }
  const customers = byCustomer.size;
  if (customers === 0) return { customers, wonRevenue, cltv: null, averageLifetimeDays: null };
  const lifetimes = [...byCustomer.values()].map((s) => (s.last - s.first) / DAY_MS);
  return { customers, wonRevenue, cltv: wonRevenue / customers, averageLifetimeDays: lifetimes.reduce((a, b) => a + b, 0) / customers };
}

export interface PartnerReturn {
  attributedRevenue: number;
  investment: null;
  roi: null;
  reason: string;
}

/** Return on partner investment: the revenue side only, until Trellis records what is spent on partners. */
export const partnerReturn = (attributedRevenue: number): PartnerReturn => ({
  attributedRevenue,
  investment: null,
  roi: null,
  reason: 'Trellis does not record partner spend (MDF, incentives) yet, so only the revenue side is reported.',
});
