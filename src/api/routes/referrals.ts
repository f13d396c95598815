import { z } from 'zod';
import { Region } from '../../domain/partner';
import { ReferralInput, ReferralStatus } from '../../domain/referral';
import { listAssignmentsOfReferral } from '../../store/referralAssignments';
import { getReferral, listReferrals } from '../../store/referrals';
import type { Deps } from '../../usecases/context';
import { notFound } from '../../usecases/errors';
import {
  acceptAssignedReferral,
  closeAcceptedReferral,
  createReferral,
  declineAssignedReferral,
  rerouteWaitingReferral,
} from '../../usecases/referrals';
import { defineRoute } from '../route';
import { ReferralDetailView, ReferralView, referralDetailView } from '../routingViews';
import { ErrorBody, pageOf } from '../views';
import { DecidedBy, IdParams, PageQuery, actingAs, pageOrBadCursor } from './common';

const tag = 'Referrals';
const errors = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key', schema: ErrorBody },
};
const decisionResponses = {
  200: { description: 'The referral after the decision, with its assignments', schema: ReferralDetailView },
  404: { description: 'No such referral', schema: ErrorBody },
  409: { description: 'The referral is not in a state that allows this', schema: ErrorBody },
  ...errors,
};

export const referralRoutes = (deps: Deps) => {
  const detail = async (tenantId: string, id: string) => {
    const referral = await getReferral(deps.db, tenantId, id);
    if (!referral) throw notFound('referral');
    return referralDetailView(referral, await listAssignmentsOfReferral(deps.db, tenantId, id));
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/referrals',
      permission: 'register_deals',
      summary: 'Pass a lead to a partner: it is routed at once and returned with the assignment and its reasons',
      tag,
      auth: 'tenant',
      idempotent: true,
      body: ReferralInput,
      responses: { 201: { description: 'The referral, assigned or with the reason nobody fits', schema: ReferralDetailView }, ...errors },
      async handle({ body, actor }) {
        const referral = await createReferral(deps, actor, body);
        return { status: 201, body: await detail(actor.tenantId, referral.id) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/referrals',
      summary: 'List referrals, newest first',
      tag,
      auth: 'tenant',
      query: PageQuery.extend({ status: ReferralStatus.optional().describe('Only referrals in this status'), partnerId: z.uuid().optional().describe('Only referrals assigned to this partner'), region: Region.optional() }).strict(),
      responses: { 200: { description: 'A page of referrals', schema: pageOf(ReferralView) }, ...errors },
      async handle({ query, actor }) {
        return { status: 200, body: pageOrBadCursor(await listReferrals(deps.db, actor.tenantId, query)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/referrals/:id',
      summary: 'Get a referral with every assignment and its reasons',
      tag,
      auth: 'tenant',
      params: IdParams,
      responses: { 200: { description: 'The referral', schema: ReferralDetailView }, 404: decisionResponses[404], ...errors },
      async handle({ params, actor }) {
        return { status: 200, body: await detail(actor.tenantId, params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/referrals/:id/accept',
      permission: 'manage_partners',
      summary: 'The assigned partner accepts the referral',
      tag,
      auth: 'tenant',
      params: IdParams,
      body: z.object({ decidedBy: DecidedBy }).strict().default({}).meta({ examples: [{ decidedBy: 'sam@northwind.io' }] }),
      responses: decisionResponses,
      async handle({ params, body, actor }) {
        await acceptAssignedReferral(deps, actingAs(actor, body.decidedBy), params.id);
        return { status: 200, body: await detail(actor.tenantId, params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/referrals/:id/decline',
      permission: 'manage_partners',
      summary: 'The assigned partner declines; the referral goes on to the next eligible partner that has not declined it',
      tag,
      auth: 'tenant',
      params: IdParams,
      body: z
        .object({ reason: z.string().trim().min(1).max(2000).optional().describe('Why the partner declines'), decidedBy: DecidedBy })
        .strict()
        .default({})
        .meta({ examples: [{ reason: 'No capacity this quarter' }] }),
      responses: decisionResponses,
      async handle({ params, body, actor }) {
        await declineAssignedReferral(deps, actingAs(actor, body.decidedBy), params.id, body.reason ?? null);
        return { status: 200, body: await detail(actor.tenantId, params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/referrals/:id/route',
      permission: 'manage_partners',
      summary: 'Route again a referral still waiting for a partner (new, or declined by everyone), e.g. after the rules changed',
      tag,
      auth: 'tenant',
      params: IdParams,
      responses: decisionResponses,
      async handle({ params, actor }) {
        await rerouteWaitingReferral(deps, actor, params.id);
        return { status: 200, body: await detail(actor.tenantId, params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/referrals/:id/close',
      permission: 'manage_partners',
      summary: 'Record the outcome of an accepted referral (converted or lost)',
      tag,
      auth: 'tenant',
      params: IdParams,
      body: z
        .object({ outcome: z.enum(['converted', 'lost']).describe('Whether the lead became a customer'), decidedBy: DecidedBy })
        .strict()
        .meta({ examples: [{ outcome: 'converted' }] }),
      responses: decisionResponses,
      async handle({ params, body, actor }) {
        await closeAcceptedReferral(deps, actingAs(actor, body.decidedBy), params.id, body.outcome);
        return { status: 200, body: await detail(actor.tenantId, params.id) };
      },
    }),
  ];
};
