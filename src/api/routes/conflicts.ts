import { z } from 'zod';
import { CONFLICT_RESOLUTIONS } from '../../domain/conflicts';
import { getConflict, listConflicts } from '../../store/conflicts';
import type { Deps } from '../../usecases/context';
import { notFound } from '../../usecases/errors';
import { resolveConflict } from '../../usecases/resolveConflict';
import { defineRoute } from '../route';
import { ConflictView, ErrorBody, pageOf } from '../views';
import { DecidedBy, IdParams, PageQuery, actingAs, pageOrBadCursor } from './common';

const errors = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key', schema: ErrorBody },
};

export const conflictRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/conflicts',
    summary: 'List channel conflicts, newest first',
    tag: 'Conflicts',
    auth: 'tenant',
    query: PageQuery.extend({ status: z.enum(['open', 'resolved']).optional().describe('Only conflicts in this status'), registrationId: z.uuid().optional().describe('Only conflicts of this registration') }).strict(),
    responses: { 200: { description: 'A page of conflicts', schema: pageOf(ConflictView) }, ...errors },
    async handle({ query, actor }) {
      return { status: 200, body: pageOrBadCursor(await listConflicts(deps.db, actor.tenantId, query)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/conflicts/:id',
    summary: 'Get a channel conflict',
    tag: 'Conflicts',
    auth: 'tenant',
    params: IdParams,
    responses: { 200: { description: 'The conflict', schema: ConflictView }, 404: { description: 'No such conflict', schema: ErrorBody }, ...errors },
    async handle({ params, actor }) {
      const conflict = await getConflict(deps.db, actor.tenantId, params.id);
      if (!conflict) throw notFound('conflict');
      return { status: 200, body: conflict };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/conflicts/:id/resolve',
    permission: 'decide',
    summary: 'Resolve a conflict: existing_wins rejects the newer registration, new_wins the earlier pending one',
    tag: 'Conflicts',
    auth: 'tenant',
    params: IdParams,
    body: z
      .object({
        resolution: z.enum(CONFLICT_RESOLUTIONS).describe('Which registration keeps the customer, or that the two are not one customer’s'),
        note: z.string().trim().max(2000).optional().describe('Why, for the audit log and the partners'),
        decidedBy: DecidedBy,
      })
      .strict()
      .meta({ examples: [{ resolution: 'existing_wins', note: 'Registered first, and already working the deal' }] }),
    responses: {
      200: { description: 'The resolved conflict', schema: ConflictView },
      404: { description: 'No such conflict', schema: ErrorBody },
      409: { description: 'Already resolved, or the resolution does not apply', schema: ErrorBody },
      ...errors,
    },
    async handle({ params, body, actor }) {
      return { status: 200, body: await resolveConflict(deps, actingAs(actor, body.decidedBy), params.id, body.resolution, body.note) };
    },
  }),
];
