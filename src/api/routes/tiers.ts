import { z } from 'zod';
import { TIERS } from '../../domain/partner';
import { TierRules } from '../../domain/tierRules';
import { getPartner } from '../../store/partners';
import { listTierChanges } from '../../store/tierChanges';
import type { Deps } from '../../usecases/context';
import { notFound } from '../../usecases/errors';
import { replacePolicy } from '../../usecases/tenantPolicies';
import { loadTierRules, recalculateTenantTiers } from '../../usecases/tierRules';
import { defineRoute } from '../route';
import { ErrorBody, pageOf } from '../views';
import { IdParams, PageQuery, pageOrBadCursor } from './common';

const errors = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key', schema: ErrorBody },
};
const tag = 'Tiers';

const TierChangeView = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  oldTier: z.enum(TIERS),
  newTier: z.enum(TIERS),
  reason: z.string(),
  changedBy: z.string(),
  changedAt: z.iso.datetime(),
});

const TierRulesBody = TierRules.meta({
  examples: [
    {
      currency: 'USD',
      tiers: [
        { tier: 'silver', minAnnualWonRevenue: 50000, minCurrentCertifications: 1, minRegistrations: 5 },
        { tier: 'gold', minAnnualWonRevenue: 250000, minCurrentCertifications: 3, minRegistrations: 15 },
        { tier: 'platinum', minAnnualWonRevenue: 1000000, minCurrentCertifications: 6, minRegistrations: 40 },
      ],
      regionalAdjustments: { APAC: 0.8, LATAM: 0.7 },
    },
  ],
});

export const tierRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/tier-rules',
    summary: "The tenant's tier targets and regional adjustments",
    tag,
    auth: 'tenant',
    responses: { 200: { description: 'The tier rules', schema: TierRules }, 404: { description: 'No tier rules: tiers are set by hand', schema: ErrorBody }, ...errors },
    async handle({ actor }) {
      const rules = await loadTierRules(deps.db, actor.tenantId);
      if (!rules) throw notFound('tier rules');
      return { status: 200, body: rules };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/tier-rules',
    summary: 'Replace the tier rules; the scheduled recalculation applies them',
    tag,
    auth: 'tenant',
    body: TierRulesBody,
    responses: { 200: { description: 'The tier rules', schema: TierRules }, ...errors },
    async handle({ body, actor }) {
      return { status: 200, body: await replacePolicy(deps, actor, 'tier_rules', body) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/tier-rules/recalculate',
    summary: "Recalculate every partner's tier now instead of waiting for the schedule",
    tag,
    auth: 'tenant',
    responses: { 200: { description: 'How many partners were evaluated and changed', schema: z.object({ evaluated: z.number().int(), changed: z.number().int() }) }, ...errors },
    async handle({ actor }) {
      return { status: 200, body: await recalculateTenantTiers(deps, actor.tenantId) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/partners/:id/tier-history',
    summary: "A partner's tier changes, newest first, with the reason for each",
    tag,
    auth: 'tenant',
    params: IdParams,
    query: PageQuery.strict(),
    responses: { 200: { description: 'A page of tier changes', schema: pageOf(TierChangeView) }, 404: { description: 'No such partner', schema: ErrorBody }, ...errors },
    async handle({ params, query, actor }) {
      if (!(await getPartner(deps.db, actor.tenantId, params.id))) throw notFound('partner');
      return { status: 200, body: pageOrBadCursor(await listTierChanges(deps.db, actor.tenantId, params.id, query)) };
    },
  }),
];
