import { z } from 'zod';
import { HEALTH_COMPONENTS, HealthModel } from '../../domain/healthModel';
import { listLatestPartnerHealth } from '../../store/partnerHealth';
import type { Deps } from '../../usecases/context';
import { loadHealthModel, partnerHealthReport } from '../../usecases/partnerHealth';
import { replacePolicy } from '../../usecases/tenantPolicies';
import { defineRoute } from '../route';
import { ErrorBody, pageOf } from '../views';
import { IdParams, PageQuery, pageOrBadCursor } from './common';

const errors = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key', schema: ErrorBody },
};
const tag = 'Partner health';
const Timestamp = z.iso.datetime();

const HealthView = z.object({
  partnerId: z.uuid(),
  scored: z.boolean(),
  score: z.number().int().nullable(),
  atRisk: z.boolean(),
  reasons: z.array(z.string()),
  previousScore: z.number().int().nullable(),
  /** When the evaluation shown was made: the dashboard, the cards and Slack show the same one. Null before the first. */
  evaluatedAt: Timestamp.nullable(),
  summary: z.string(),
  components: z.array(
    z.object({
      component: z.enum(HEALTH_COMPONENTS),
      value: z.number().int().nullable(),
      weight: z.number(),
      effectiveWeight: z.number(),
      explanation: z.string(),
    }),
  ),
  leftOut: z.array(z.enum(HEALTH_COMPONENTS)),
  rule: z.object({ atRiskBelow: z.number().int(), dropPoints: z.number().int(), dropWindowDays: z.number().int() }),
  trend: z.array(z.object({ evaluatedAt: Timestamp, score: z.number().int(), atRisk: z.boolean() })),
});

const LatestHealthView = z.object({
  partnerId: z.uuid(),
  name: z.string(),
  evaluatedAt: Timestamp,
  score: z.number().int(),
  atRisk: z.boolean(),
  reasons: z.array(z.string()),
});

/** `?atRisk=true|false`; query strings are text. */
const BooleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

const HealthModelBody = HealthModel.meta({
  examples: [{ weights: { engagement: 20, pipeline: 35, enablement: 15, satisfaction: 20, support: 10 }, atRiskBelow: 45, dropPoints: 15, dropWindowDays: 30 }],
});

export const partnerHealthRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/partners/:id/health',
    summary: "A partner's health as last evaluated, explained by component, with the trend of its evaluations",
    tag,
    auth: 'tenant',
    params: IdParams,
    responses: { 200: { description: 'Health', schema: HealthView }, 404: { description: 'No such partner', schema: ErrorBody }, ...errors },
    async handle({ params, actor }) {
      const { health, trend } = await partnerHealthReport(deps, actor, params.id);
      return { status: 200, body: { partnerId: params.id, ...health, trend } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/health/partners',
    summary: 'Partners by their latest health evaluation, most recently evaluated first (filter `atRisk`)',
    tag,
    auth: 'tenant',
    query: PageQuery.extend({ atRisk: BooleanText.optional().describe('true: only partners at risk; false: only those not') }).strict(),
    responses: { 200: { description: 'A page of partners with their latest health', schema: pageOf(LatestHealthView) }, ...errors },
    async handle({ query, actor }) {
      return { status: 200, body: pageOrBadCursor(await listLatestPartnerHealth(deps.db, actor.tenantId, query)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/health/model',
    summary: 'How the tenant weighs health components and flags partners at risk',
    tag,
    auth: 'tenant',
    responses: { 200: { description: 'The health model (defaults until changed)', schema: HealthModel }, ...errors },
    async handle({ actor }) {
      return { status: 200, body: await loadHealthModel(deps.db, actor.tenantId) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/health/model',
    summary: 'Replace the health model; omitted fields take their defaults',
    tag,
    auth: 'tenant',
    body: HealthModelBody,
    responses: { 200: { description: 'The health model', schema: HealthModel }, ...errors },
    async handle({ body, actor }) {
      return { status: 200, body: await replacePolicy(deps, actor, 'health_model', body) };
    },
  }),
];
