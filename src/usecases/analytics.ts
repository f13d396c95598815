import type { AttributionModel } from '../domain/attribution';
import { healthOverview, type HealthOverview } from '../domain/healthOverview';
import { partnerReturn, winRate } from '../domain/partnerMetrics';
import type { Region, Tier } from '../domain/partner';
import { partnerCredits, wonRevenueSplit } from '../store/analytics/attribution';
import { partnerLifetimeValues } from '../store/analytics/cltv';
import { dealCurrencies } from '../store/analytics/currencies';
import { partnerHealthPoints } from '../store/analytics/health';
import { openPipeline, type PipelineGroup } from '../store/analytics/pipeline';
import type { AnalyticsScope } from '../store/analytics/scope';
import { analyticsSession } from '../store/analytics/session';
import { registrationVelocity } from '../store/analytics/velocity';
import { winRateCounts } from '../store/analytics/winRates';
import type { Queryable } from '../store/db';
import type { Actor, Deps } from './context';

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
    // A null code is the CRM's company currency; amounts add up across currencies only when the filter names one.
    currencies: await dealCurrencies(db, scope),
  };
}

export function pipelineReport(deps: Deps, actor: Actor, f: AnalyticsFilters, groupBy: PipelineGroup) {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => ({ ...(await context(q, scope)), groupBy, ...(await openPipeline(q, scope, groupBy)) }));
}

export function attributionReport(deps: Deps, actor: Actor, f: AnalyticsFilters, choice: AttributionChoice) {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => {
    const split = await wonRevenueSplit(q, scope);
    const partners = await partnerCredits(q, scope, choice.model, choice.halfLifeDays);
    return { ...(await context(q, scope)), ...choice, ...split, partners };
  });
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
  return analyticsSession(deps.db, async (q) => ({ ...(await context(q, scope)), partners: await partnerLifetimeValues(q, scope) }));
}

/** Revenue attributed under the chosen model, per partner and in total; the investment side stays empty, with the reason. */
export function partnerReturnReport(deps: Deps, actor: Actor, f: AnalyticsFilters, choice: AttributionChoice) {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => {
    const credits = await partnerCredits(q, scope, choice.model, choice.halfLifeDays);
    const total = credits.reduce((sum, c) => sum + c.revenue, 0);
    return {
      ...(await context(q, scope)),
      ...choice,
      total: partnerReturn(Math.round(total * 100) / 100),
      partners: credits.map((c) => ({ partnerId: c.partnerId, name: c.name, region: c.region, tier: c.tier, ...partnerReturn(c.revenue) })),
    };
  });
}

export function healthReport(deps: Deps, actor: Actor, f: AnalyticsFilters): Promise<HealthOverview & { filters: ReturnType<typeof filtersOf> }> {
  const scope = scopeOf(deps, actor, f);
  return analyticsSession(deps.db, async (q) => ({ filters: filtersOf(scope), ...healthOverview(await partnerHealthPoints(q, scope)) }));
}
