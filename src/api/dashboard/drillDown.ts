import type { Request, Response } from 'express';
import type { DealOutcome } from '../../store/analytics/dealsBehind';
import type { AnalyticsFilters } from '../../usecases/analytics';
import { messagePage } from '../pages/layout';
import { DrillDownPageQuery } from '../routes/analytics';

/** The dashboard's filters a drill-down page reads from its address, and the address to pass them on in its links. */
export interface DrillDown {
  filters: AnalyticsFilters;
  outcome: DealOutcome | null;
  /** The filters as they came, the dashboard's own (period, model, groupBy) too, for links to the next page and back. */
  carried: URLSearchParams;
}

/** What the dashboard's address holds, besides the drill-down's filters; the dashboard checks these itself. */
const DASHBOARD_KEYS = ['period', 'model', 'groupBy'] as const;

/** The drill-down of a page's address; null after answering 400 with the first invalid field and its reason. */
export function readDrillDown(req: Request, res: Response): DrillDown | null {
  const query = req.query as Record<string, unknown>;
  const parsed = DrillDownPageQuery.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    res.status(400).type('html').send(messagePage('Invalid filters', `The address names filters Trellis cannot apply: ${issue.path.join('.') || 'query'}: ${issue.message}.`));
    return null;
  }
  const { outcome, ...filters } = parsed.data;
  const carried = new URLSearchParams();
  for (const [key, value] of Object.entries(parsed.data)) if (value !== undefined) carried.set(key, value);
  for (const key of DASHBOARD_KEYS) {
    const value = query[key];
    if (typeof value === 'string' && /^\w{1,20}$/.test(value)) carried.set(key, value);
  }
  return { filters, outcome: outcome ?? null, carried };
}

/** `path` with the carried filters, some replaced or dropped (`null`). */
export function withFilters(path: string, carried: URLSearchParams, changes: Record<string, string | null> = {}): string {
  const params = new URLSearchParams(carried);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** "Open deals", "Won deals in EUR", … with the period: what a drill-down page lists. */
export function describeDrillDown({ filters: f, outcome }: DrillDown): string {
  const deals = outcome ? `${outcome[0]!.toUpperCase()}${outcome.slice(1)} deals` : 'Deals';
  const partners = [f.region, f.tier].filter(Boolean).join(' · ');
  const period = f.from || f.to ? `closing ${f.from ?? 'any time'} to ${f.to ?? 'any time'}` : 'closing any time';
  return `${deals}${partners ? ` of ${partners} partners` : ''} ${period}${f.currency ? `, in ${f.currency}` : ''}`;
}
