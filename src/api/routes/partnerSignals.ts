import { ActivityInput, CertificationInput, SatisfactionInput, SupportCaseInput } from '../../domain/partnerSignals';
import type { Deps } from '../../usecases/context';
import { recordActivity, recordCertification, recordSatisfaction, recordSupportCase } from '../../usecases/partnerSignals';
import { defineRoute } from '../route';
import { z } from 'zod';
import { ACTIVITY_KINDS } from '../../domain/partnerSignals';
import { ErrorBody, Timestamp } from '../views';
import { IdParams } from './common';

const responses = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key', schema: ErrorBody },
  404: { description: 'No such partner', schema: ErrorBody },
};
const tag = 'Partner signals';

const CertificationView = z.object({ id: z.uuid(), partnerId: z.uuid(), name: z.string(), holderEmail: z.string().nullable(), issuedAt: Timestamp, expiresAt: Timestamp.nullable() });
const SatisfactionView = z.object({ id: z.uuid(), partnerId: z.uuid(), score: z.number().int(), respondentEmail: z.string().nullable(), comment: z.string().nullable(), respondedAt: Timestamp });
const SupportCaseView = z.object({ id: z.uuid(), partnerId: z.uuid(), externalId: z.string(), subject: z.string().nullable(), openedAt: Timestamp, closedAt: Timestamp.nullable() });
const ActivityView = z.object({ id: z.uuid(), partnerId: z.uuid(), kind: z.enum(ACTIVITY_KINDS), occurredAt: Timestamp });

/** What the LMS, PSAT surveys, the help desk and the partner portal tell Trellis about a partner; health is scored from it. */
export const partnerSignalRoutes = (deps: Deps) => [
  defineRoute({
    method: 'post',
    path: '/api/v1/partners/:id/certifications',
    permission: 'manage_partners',
    summary: 'Record a certification a partner earned',
    tag,
    auth: 'tenant',
    idempotent: true,
    params: IdParams,
    body: CertificationInput,
    responses: { 201: { description: 'The certification', schema: CertificationView }, ...responses },
    async handle({ params, body, actor }) {
      return { status: 201, body: await recordCertification(deps, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/partners/:id/satisfaction',
    permission: 'manage_partners',
    summary: 'Record a PSAT response about a partner (1–5)',
    tag,
    auth: 'tenant',
    idempotent: true,
    params: IdParams,
    body: SatisfactionInput,
    responses: { 201: { description: 'The response', schema: SatisfactionView }, ...responses },
    async handle({ params, body, actor }) {
      return { status: 201, body: await recordSatisfaction(deps, actor, params.id, body) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/partners/:id/support-cases',
    permission: 'manage_partners',
    summary: "Record a partner's support case, or update it by its help desk id (e.g. when it closes)",
    tag,
    auth: 'tenant',
    params: IdParams,
    body: SupportCaseInput,
    responses: {
      200: { description: 'The case, updated', schema: SupportCaseView },
      201: { description: 'The case, recorded', schema: SupportCaseView },
      409: { description: 'The help desk id belongs to another partner', schema: ErrorBody },
      ...responses,
    },
    async handle({ params, body, actor }) {
      const { created, supportCase } = await recordSupportCase(deps, actor, params.id, body);
      return { status: created ? 201 : 200, body: supportCase };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/partners/:id/activity',
    permission: 'manage_partners',
    summary: 'Record a portal login, portal action or API call by a partner',
    tag,
    auth: 'tenant',
    idempotent: true,
    params: IdParams,
    body: ActivityInput,
    responses: { 201: { description: 'The activity event', schema: ActivityView }, ...responses },
    async handle({ params, body, actor }) {
      return { status: 201, body: await recordActivity(deps, actor, params.id, body) };
    },
  }),
];
