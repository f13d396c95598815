import { z } from 'zod';
import { CountryCode, Region } from '../../domain/partner';
import { LeadProducts } from '../../domain/referral';
import { regionOfLead } from '../../domain/regions';
import { RoutingPolicy } from '../../domain/routingPolicy';
import { getRoutingPolicy } from '../../store/routingRules';
import type { Deps } from '../../usecases/context';
import { rankPartnersForLead, replaceRoutingPolicy } from '../../usecases/routing';
import { defineRoute } from '../route';
import { RoutingPreviewView, routingPreviewView } from '../routingViews';
import { ErrorBody } from '../views';

const tag = 'Routing';
const errors = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key', schema: ErrorBody },
};

/** A lead to rank partners for; the region defaults to the country's. */
const PreviewLead = z
  .object({
    region: Region.optional().describe('The lead’s region; left out: the country’s'),
    country: CountryCode.optional().describe('The lead’s country, ISO 3166-1 alpha-2, e.g. DE'),
    products: LeadProducts,
  })
  .strict()
  .meta({ examples: [{ country: 'DE', products: ['Analytics Suite'] }] });

const RoutingPolicyBody = RoutingPolicy.meta({
  examples: [
    {
      rules: [
        {
          name: 'EMEA analytics',
          when: { regions: ['EMEA'], products: ['analytics'] },
          only: { specialties: ['analytics'] },
          prefer: { minTier: 'gold', points: 15 },
        },
      ],
      weights: { region: 30, country: 10, expertise: 35, tier: { registered: 0, silver: 5, gold: 10, platinum: 15 }, performance: 20, atRiskPenalty: 15 },
      capacity: { perTier: { registered: 2, silver: 5, gold: 8, platinum: 12 }, partners: { '7c9e6679-7425-40de-944b-e07fc1f90ae7': 20 } },
      fairness: { nearEqualPoints: 5, windowDays: 30 },
    },
  ],
});

/** How leads are routed: the tenant's rules, weights, capacity limits and fairness, and a dry run of them. */
export const routingRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/routing/rules',
    summary: 'The routing policy: rules in the order they are tried, weights, capacity limits and fairness',
    tag,
    auth: 'tenant',
    responses: { 200: { description: 'The policy in force (the defaults until one is saved)', schema: RoutingPolicy }, 401: errors[401] },
    async handle({ actor }) {
      return { status: 200, body: await getRoutingPolicy(deps.db, actor.tenantId) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/routing/rules',
    summary: 'Replace the routing policy; fields left out take their defaults',
    tag,
    auth: 'tenant',
    body: RoutingPolicyBody,
    responses: { 200: { description: 'The policy now in force', schema: RoutingPolicy }, ...errors },
    async handle({ body, actor }) {
      return { status: 200, body: await replaceRoutingPolicy(deps, actor, body) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/routing/preview',
    permission: 'read',
    summary: 'Dry run: the partners a lead would go to, ranked with reasons, and who is excluded and why; assigns nothing',
    tag,
    auth: 'tenant',
    body: PreviewLead,
    responses: { 200: { description: 'Ranked candidates and exclusions', schema: RoutingPreviewView }, ...errors },
    async handle({ body, actor }) {
      const lead = { region: regionOfLead(body.region, body.country), country: body.country ?? null, products: body.products };
      const { decision, partners } = await rankPartnersForLead(deps, actor, lead);
      return { status: 200, body: routingPreviewView(decision, partners) };
    },
  }),
];
