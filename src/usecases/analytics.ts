import type { AttributionModel } from '../domain/attribution';
import { healthOverview, type HealthOverview } from '../domain/healthOverview';
import { partnerReturn, winRate } from '../domain/partnerMetrics';
import type { Region, Tier } from '../domain/partner';
import { partnerCredits, wonRevenueSplit } from '../store/analytics/attribution';
import { partnerLifetimeValues } from '../store/analytics/cltv';
import { dealCurrencies } from '../store/analytics/currencies';
import { dealsBehind, type DealSelection } from '../store/analytics/dealsBehind';
import { partnerHealthPoints } from '../store/analytics/health';
import { openPipeline, type PipelineGroup } from '../store/analytics/pipeline';
import type { AnalyticsScope } from '../store/analytics/scope';
import { analyticsSession } from '../store/analytics/session';
import { registrationVelocity, submittedRegistrations } from '../store/analytics/velocity';
import { winRateCounts } from '../store/analytics/winRates';
import type { Queryable } from '../store/db';
import { getPartner } from '../store/partners';
import { requirePermission } from './authorize';
import type { Actor, Deps } from './context';
import { notFound } from './errors';

/** The filters a partner manager sets: region, tier, period (close dates; submission dates for registrations) and currency. */
export interface AnalyticsFilters {
  region?: Region | undefined;
  tier?: Tier | undefined;
  from?: string | undefined;
  to?: string | undefined;
  currency?: string | undefined;
}

export interface AttributionChoice {
  model: AttributionModel;
  halfLifeDays: number;
}

const scopeOf = (deps: Deps, actor: Actor, f: AnalyticsFilters): AnalyticsScope => ({
  tenantId: actor.tenantId,
  from: f.from ?? null,
  to: f.to ?? null,
  currency: f.currency ?? null,
  region: f.region ?? null,
  tier: f.tier ?? null,
  now: deps.clock.now(),
});

const filtersOf = (scope: AnalyticsScope) => ({ region: scope.region, tier: scope.tier, from: scope.from, to: scope.to, currency: scope.currency });

/** What every report says about the figures: the filters applied and the currencies its deals are in. */
async function context(db: Queryable, scope: AnalyticsScope) {
  return {
    filters: filtersOf(scope),
    // A null code is the CRM's company currency.
    currencies: await dealCurrencies(db, scope),
  };
}

/**
 * A report with money figures: one set when the filter names a currency or the period's deals are
 * in one, else a set per currency (`byCurrency`), so that no figure adds up amounts in different
 * currencies. Deals without a currency code (the CRM's company currency) count only in the first case.
 */
async function inEachCurrency<T extends object>(q: Queryable, scope: AnalyticsScope, figures: (scope: AnalyticsScope) => Promise<T>) {
  const ctx = await context(q, scope);
  const codes = ctx.currencies.map((c) => c.code).filter((c): c is string => c !== null);
  if (scope.currency !== null || codes.length <= 1) return { ...ctx, ...(await figures(scope)) };
  const byCurrency: Array<T & { currency: string }> = [];
  for (const currency of codes) byCurrency.push({ currency, ...(await figures({ ...scope, currency })) });
  return { ...ctx, byCurrency };
}

export function pipelineReport(deps: Deps, actor: Actor, f: AnalyticsFilters, groupBy: PipelineGroup) {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => ({ groupBy, ...(await inEachCurrency(q, scope, (s) => openPipeline(q, s, groupBy))) }));
}

export function attributionReport(deps: Deps, actor: Actor, f: AnalyticsFilters, choice: AttributionChoice) {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => ({
    ...choice,
    ...(await inEachCurrency(q, scope, async (s) => ({ ...(await wonRevenueSplit(q, s)), partners: await partnerCredits(q, s, choice.model, choice.halfLifeDays) }))),
  }));
}

export function registrationVelocityReport(deps: Deps, actor: Actor, f: AnalyticsFilters) {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => ({ ...(await context(q, scope)), ...(await registrationVelocity(q, scope)) }));
}

export function winRateReport(deps: Deps, actor: Actor, f: AnalyticsFilters) {
  const scope = scopeOf(deps, actor, f);
  const withRate = <T extends { won: number; lost: number }>(c: T) => ({ ...c, winRate: winRate(c.won, c.lost) });
  return analyticsSession(deps.db, async (q) => {
    const counts = await winRateCounts(q, scope);
    return {
      ...(await context(q, scope)),
      partnerInvolved: withRate(counts.partnerInvolved),
      direct: withRate(counts.direct),
      partners: counts.partners.map(withRate),
    };
  });
}

export function lifetimeValueReport(deps: Deps, actor: Actor, f: AnalyticsFilters) {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => inEachCurrency(q, scope, async (s) => ({ partners: await partnerLifetimeValues(q, s) })));
}

/** Revenue attributed under the chosen model, per partner and in total; the investment side stays empty, with the reason. */
export function partnerReturnReport(deps: Deps, actor: Actor, f: AnalyticsFilters, choice: AttributionChoice) {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => ({
    ...choice,
    ...(await inEachCurrency(q, scope, async (s) => {
      const credits = await partnerCredits(q, s, choice.model, choice.halfLifeDays);
      const total = credits.reduce((sum, c) => sum + c.revenue, 0);
      return {
        total: partnerReturn(Math.round(total * 100) / 100),
        partners: credits.map((c) => ({ partnerId: c.partnerId, name: c.name, region: c.region, tier: c.tier, ...partnerReturn(c.revenue) })),
      };
    })),
  }));
}

export function healthReport(deps: Deps, actor: Actor, f: AnalyticsFilters): Promise<HealthOverview & { filters: ReturnType<typeof filtersOf> }> {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => ({ filters: filtersOf(scope), ...healthOverview(await partnerHealthPoints(q, scope)) }));
}

/** How many deals or registrations a drill-down lists at most; its totals count every one. */
export const SHOWN_AT_MOST = 200;

/**
 * The deals behind a chart's figure for the same filters (a partner's, a region's, an outcome's),
 * with their totals per currency; a partner the tenant does not have is not found.
 */
export function dealsBehindReport(deps: Deps, actor: Actor, f: AnalyticsFilters, selection: DealSelection) {
  requirePermission(actor, 'read', 'read partner analytics');
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => {
    if (selection.partnerId !== null && !(await getPartner(q, actor.tenantId, selection.partnerId))) throw notFound('partner');
    return { ...(await context(q, scope)), outcome: selection.outcome, ...(await dealsBehind(q, scope, selection, SHOWN_AT_MOST)) };
  });
}

/** The registrations behind a point of the weekly series: those of the filters' partners submitted in the period. */
export function registrationsBehindReport(deps: Deps, actor: Actor, f: AnalyticsFilters) {
  requirePermission(actor, 'read', 'read partner analytics');
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, (q) => submittedRegistrations(q, scope, SHOWN_AT_MOST));
}
