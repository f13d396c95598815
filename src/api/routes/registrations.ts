import { z } from 'zod';
import { Region } from '../../domain/partner';
import { DealRegistrationInput, RegistrationStatus, type DealRegistration } from '../../domain/registration';
import { listConflictsOfRegistration } from '../../store/conflicts';
import { getRegistration, listRegistrations } from '../../store/registrations';
import { awaitingDecisionOf } from '../../usecases/approvers';
import type { Deps } from '../../usecases/context';
import { approveDealRegistration, closeDealRegistration, rejectDealRegistration } from '../../usecases/decideDealRegistration';
import { notFound } from '../../usecases/errors';
import { checkDealRegistration, submitDealRegistration } from '../../usecases/submitDealRegistration';
import type { Metrics } from '../metrics';
import { defineRoute } from '../route';
import { ErrorBody, RegistrationConflictView, RegistrationView, dryRunConflictView, pageOf, registrationView } from '../views';
import { DecidedBy, IdParams, PageQuery, actingAs, pageOrBadCursor } from './common';

const errors = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key', schema: ErrorBody },
};
const notFoundResponse = { 404: { description: 'No such registration', schema: ErrorBody } };
const decisionResponses = {
  200: { description: 'The registration after the decision', schema: RegistrationView },
  409: { description: 'The registration is not in a state that allows this, or a protected registration blocks it', schema: ErrorBody },
  ...notFoundResponse,
  ...errors,
};

export const registrationRoutes = (deps: Deps, metrics: Metrics) => {
  const awaiting = async (tenantId: string, registration: DealRegistration) => (await awaitingDecisionOf(deps.db, tenantId, [registration])).get(registration.id);
  const view = async (tenantId: string, id: string) => {
    const registration = await getRegistration(deps.db, tenantId, id);
    if (!registration) throw notFound('deal registration');
    return registrationView(registration, await awaiting(tenantId, registration), await listConflictsOfRegistration(deps.db, tenantId, id));
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/deal-registrations',
      permission: 'register_deals',
      summary: 'Register a deal; channel conflicts are detected and returned',
      tag: 'Deal registrations',
      auth: 'tenant',
      idempotent: true,
      body: DealRegistrationInput,
      responses: {
        201: { description: 'The registration with its conflicts', schema: RegistrationView },
        409: { description: 'Refused by the rules of engagement: the partner already holds an open registration of this customer for these products (`duplicate_registration`, naming it)', schema: ErrorBody },
        ...errors,
      },
      async handle({ body, actor }) {
        const { registration, conflicts } = await submitDealRegistration(deps, actor, body);
        for (const c of conflicts) metrics.conflictsDetected.inc({ kind: c.kind });
        return { status: 201, body: registrationView(registration, await awaiting(actor.tenantId, registration), conflicts) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/deal-registrations/check',
      permission: 'read',
      summary: 'Dry run: the conflicts a registration would have, creating nothing',
      tag: 'Deal registrations',
      auth: 'tenant',
      body: DealRegistrationInput,
      responses: { 200: { description: 'Conflicts found', schema: z.object({ conflicts: z.array(RegistrationConflictView) }) }, ...errors },
      async handle({ body, actor }) {
        const conflicts = await checkDealRegistration(deps, actor, body);
        return { status: 200, body: { conflicts: conflicts.map(dryRunConflictView) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/deal-registrations',
      summary: 'List deal registrations, newest first',
      tag: 'Deal registrations',
      auth: 'tenant',
      query: PageQuery.extend({ status: RegistrationStatus.optional().describe('Only registrations in this status'), partnerId: z.uuid().optional().describe('Only this partner’s registrations'), region: Region.optional() }).strict(),
      responses: { 200: { description: 'A page of registrations', schema: pageOf(RegistrationView.omit({ conflicts: true })) }, ...errors },
      async handle({ query, actor }) {
        const page = pageOrBadCursor(await listRegistrations(deps.db, actor.tenantId, query));
        const waiting = await awaitingDecisionOf(deps.db, actor.tenantId, page.data);
        return { status: 200, body: { ...page, data: page.data.map((r) => registrationView(r, waiting.get(r.id))) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/deal-registrations/:id',
      summary: 'Get a deal registration with its conflicts',
      tag: 'Deal registrations',
      auth: 'tenant',
      params: IdParams,
      responses: { 200: { description: 'The registration', schema: RegistrationView }, ...notFoundResponse, ...errors },
      async handle({ params, actor }) {
        return { status: 200, body: await view(actor.tenantId, params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/deal-registrations/:id/approve',
      permission: 'decide',
      summary: 'Approve; under first_to_register a conflict with a protected registration needs `override.reason`',
      tag: 'Deal registrations',
      auth: 'tenant',
      params: IdParams,
      body: z
        .object({
          decidedBy: DecidedBy,
          override: z
            .object({ reason: z.string().trim().min(1).max(2000).describe('Why approving beats the protected registration; recorded with the decision') })
            .strict()
            .optional()
            .describe('Approve despite a conflict with a protected registration (rules of engagement allowing)'),
        })
        .strict()
        .default({})
        .meta({ examples: [{ decidedBy: 'maria@vendor.com' }] }),
      responses: decisionResponses,
      async handle({ params, body, actor }) {
        await approveDealRegistration(deps, actingAs(actor, body.decidedBy), params.id, body.override?.reason);
        return { status: 200, body: await view(actor.tenantId, params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/deal-registrations/:id/reject',
      permission: 'decide',
      summary: 'Reject with a reason',
      tag: 'Deal registrations',
      auth: 'tenant',
      params: IdParams,
      body: z
        .object({ reason: z.string().trim().min(1).max(2000).describe('Why it is rejected; the partner sees it'), decidedBy: DecidedBy })
        .strict()
        .meta({ examples: [{ reason: 'Globex already works with another partner on this project', decidedBy: 'maria@vendor.com' }] }),
      responses: decisionResponses,
      async handle({ params, body, actor }) {
        await rejectDealRegistration(deps, actingAs(actor, body.decidedBy), params.id, body.reason);
        return { status: 200, body: await view(actor.tenantId, params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/deal-registrations/:id/close',
      permission: 'decide',
      summary: 'Record the outcome of an approved registration (won or lost)',
      tag: 'Deal registrations',
      auth: 'tenant',
      params: IdParams,
      body: z
        .object({ outcome: z.enum(['won', 'lost']).describe('How the deal ended'), decidedBy: DecidedBy })
        .strict()
        .meta({ examples: [{ outcome: 'won' }] }),
      responses: decisionResponses,
      async handle({ params, body, actor }) {
        await closeDealRegistration(deps, actingAs(actor, body.decidedBy), params.id, body.outcome);
        return { status: 200, body: await view(actor.tenantId, params.id) };
      },
    }),
  ];
};
