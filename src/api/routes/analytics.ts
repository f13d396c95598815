import { z } from 'zod';
import { AttributionModel, DEFAULT_HALF_LIFE_DAYS } from '../../domain/attribution';
import { Region, Tier } from '../../domain/partner';
import { CRMS } from '../../domain/crm';
import { DEAL_OUTCOMES } from '../../store/analytics/dealsBehind';
import { PIPELINE_GROUPS } from '../../store/analytics/pipeline';
import {
  attributionReport,
  dealsBehindReport,
  SHOWN_AT_MOST,
  healthReport,
  lifetimeValueReport,
  partnerReturnReport,
  pipelineReport,
  registrationVelocityReport,
  winRateReport,
} from '../../usecases/analytics';
import type { Deps } from '../../usecases/context';
import { defineRoute, type Authenticator } from '../route';
import { ErrorBody } from '../views';

const Filters = z.object({
  region: Region.optional(),
  tier: Tier.optional(),
  from: z.iso.date().optional().describe('First day counted, as YYYY-MM-DD'),
  to: z.iso.date().optional().describe('Last day counted, as YYYY-MM-DD'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD').optional().describe('Only amounts in this ISO 4217 currency'),
});
const Attribution = {
  model: AttributionModel.default('linear').describe('How won revenue is shared among the partners who touched a deal'),
  halfLifeDays: z.coerce.number().positive().max(365).default(DEFAULT_HALF_LIFE_DAYS).describe('time_decay: after how many days a touch counts half'),
};

/** The period's end must not come before its start; the failure names `to`. */
const withPeriod = <S extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(schema: S) =>
  schema.refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });

const FiltersQuery = withPeriod(Filters.strict());
const PipelineQuery = withPeriod(Filters.extend({ groupBy: z.enum(PIPELINE_GROUPS).default('partner').describe('What each row of the answer is') }).strict());
const AttributionQuery = withPeriod(Filters.extend(Attribution).strict());

/** The filters of a drill-down: the dashboard's, and the outcome of the deals the figure counts. */
export const DrillDownFilters = Filters.extend({
  outcome: z.enum(DEAL_OUTCOMES).optional().describe('Only deals still open, won or lost (by the close date filter)'),
});
const DealsQuery = withPeriod(DrillDownFilters.strict());
/** A drill-down page's address also carries the dashboard's own filters (period, model, groupBy), for the way back. */
export const DrillDownPageQuery = withPeriod(DrillDownFilters);

const CurrencyCode = z.string().nullable().describe('ISO 4217 code; null when the CRM gives none (its company currency)');
const DealsBehind = z.object({
  filters: z.object({ region: Region.nullable(), tier: Tier.nullable(), from: z.string().nullable(), to: z.string().nullable(), currency: z.string().nullable() }),
  currencies: z.array(z.object({ code: CurrencyCode, deals: z.number().int() })).describe('How many deals of the period are in each currency, whatever the currency filter'),
  outcome: z.enum(DEAL_OUTCOMES).nullable(),
  totals: z
    .array(z.object({ currency: CurrencyCode, amount: z.number(), deals: z.number().int() }))
    .describe('Per currency, every selected deal once: the figure the dashboard shows for the same filters'),
  deals: z
    .array(
      z.object({
        id: z.uuid(),
        crm: z.enum(CRMS),
        crmId: z.string().describe('The deal’s id in its CRM'),
        name: z.string(),
        amount: z.number(),
        currency: CurrencyCode,
        outcome: z.enum(DEAL_OUTCOMES),
        closeDate: z.string().nullable(),
        partners: z.array(z.object({ id: z.uuid(), name: z.string(), region: Region, tier: Tier })).describe('The partners of the filters whose touchpoints on the deal count'),
      }),
    )
    .describe(`The largest first, at most ${SHOWN_AT_MOST}`),
});

const Report = z.record(z.string(), z.unknown());
const errors = {
  400: { description: 'Invalid filters; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key or dashboard session', schema: ErrorBody },
};
const TAG = 'Analytics';

/** Partner intelligence over CRM deals, touchpoints, registrations and health snapshots; read-only. */
export const analyticsRoutes = (deps: Deps, auth: Authenticator) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/pipeline',
    summary: 'Open pipeline touched by partners, grouped by partner, region or tier',
    tag: TAG,
    auth,
    query: PipelineQuery,
    responses: { 200: { description: 'Open pipeline of the period', schema: Report }, ...errors },
    async handle({ query, actor }) {
      const { groupBy, ...filters } = query;
      return { status: 200, body: await pipelineReport(deps, actor, filters, groupBy) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/attribution',
    summary: 'Won revenue: partner-sourced, partner-influenced and direct, and per partner under an attribution model',
    tag: TAG,
    auth,
    query: AttributionQuery,
    responses: { 200: { description: 'Attribution of the period', schema: Report }, ...errors },
    async handle({ query, actor }) {
      const { model, halfLifeDays, ...filters } = query;
      return { status: 200, body: await attributionReport(deps, actor, filters, { model, halfLifeDays }) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/registration-velocity',
    summary: 'Deal registration approval time and registration-to-win time (median, p90), and weekly submissions',
    tag: TAG,
    auth,
    query: FiltersQuery,
    responses: { 200: { description: 'Velocity of the period', schema: Report }, ...errors },
    async handle({ query, actor }) {
      return { status: 200, body: await registrationVelocityReport(deps, actor, query) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/win-rates',
    summary: 'Win rates of deals partners touched, of direct deals, and per partner',
    tag: TAG,
    auth,
    query: FiltersQuery,
    responses: { 200: { description: 'Win rates of the period', schema: Report }, ...errors },
    async handle({ query, actor }) {
      return { status: 200, body: await winRateReport(deps, actor, query) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/cltv',
    summary: 'Customer lifetime value by partner: won revenue per customer and customer lifetime',
    tag: TAG,
    auth,
    query: FiltersQuery,
    responses: { 200: { description: 'Lifetime value per partner', schema: Report }, ...errors },
    async handle({ query, actor }) {
      return { status: 200, body: await lifetimeValueReport(deps, actor, query) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/partner-roi',
    summary: 'Return on partner investment: attributed revenue; investment is not recorded yet',
    tag: TAG,
    auth,
    query: AttributionQuery,
    responses: { 200: { description: 'Revenue side of the return per partner', schema: Report }, ...errors },
    async handle({ query, actor }) {
      const { model, halfLifeDays, ...filters } = query;
      return { status: 200, body: await partnerReturnReport(deps, actor, filters, { model, halfLifeDays }) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/deals',
    summary: 'The deals behind a figure: those partners of the region and tier touched, closing in the period, with totals per currency',
    tag: TAG,
    auth,
    query: DealsQuery,
    responses: { 200: { description: 'Deals of the period partners touched', schema: DealsBehind }, ...errors },
    async handle({ query, actor }) {
      const { outcome, ...filters } = query;
      return { status: 200, body: await dealsBehindReport(deps, actor, filters, { partnerId: null, outcome: outcome ?? null }) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/partners/:id/deals',
    summary: 'The deals behind a partner’s figure: those it touched, closing in the period, with totals per currency',
    tag: TAG,
    auth,
    params: z.object({ id: z.uuid().describe('The partner') }),
    query: DealsQuery,
    responses: {
      200: { description: 'Deals of the period the partner touched', schema: DealsBehind },
      ...errors,
      404: { description: 'The workspace has no such partner', schema: ErrorBody },
    },
    async handle({ params, query, actor }) {
      const { outcome, ...filters } = query;
      return { status: 200, body: await dealsBehindReport(deps, actor, filters, { partnerId: params.id, outcome: outcome ?? null }) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/health',
    summary: 'Partner health: score distribution, movers over the period and the partners at risk',
    tag: TAG,
    auth,
    query: FiltersQuery,
    responses: { 200: { description: 'Health at the end of the period', schema: Report }, ...errors },
    async handle({ query, actor }) {
      return { status: 200, body: await healthReport(deps, actor, query) };
    },
  }),
];
