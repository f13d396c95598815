import { z } from 'zod';
import { listAuditEntries } from '../../store/auditLog';
import type { Deps } from '../../usecases/context';
import { defineRoute } from '../route';
import { ErrorBody, Timestamp } from '../views';

const AuditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('How many to return at most (1–200)'),
    cursor: z.string().regex(/^\d{1,19}$/, 'not a cursor this API issued').optional().describe('Where to continue: the `nextCursor` of the previous page'),
    entityType: z.string().max(100).optional().describe('Only changes to this kind of thing, e.g. partner'),
    entityId: z.uuid().optional().describe('Only changes to this one'),
    action: z.string().max(100).optional().describe('Only this action, e.g. partner.updated'),
  })
  .strict();

const AuditEntryView = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.uuid(),
  details: z.record(z.string(), z.unknown()),
  at: Timestamp,
});

/** Who changed what and when, for the workspace's admins (and their security reviews). */
export const auditLogRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/audit-log',
    permission: 'administer',
    summary: 'The audit log, newest first: every change with its actor (user, Slack user or API key) and details',
    tag: 'Audit log',
    auth: 'tenant',
    query: AuditQuery,
    responses: {
      200: { description: 'A page of entries; pass `nextCursor` as `cursor` for older ones', schema: z.object({ data: z.array(AuditEntryView), nextCursor: z.string().nullable() }) },
      400: { description: 'Invalid filter', schema: ErrorBody },
      401: { description: 'Missing, invalid, revoked or expired API key', schema: ErrorBody },
      403: { description: 'Only admins read the audit log', schema: ErrorBody },
    },
    async handle({ actor, query }) {
      const page = await listAuditEntries(deps.db, actor.tenantId, { ...query, before: query.cursor });
      return { status: 200, body: { data: page.data.map((e) => ({ ...e, at: e.at.toISOString() })), nextCursor: page.nextBefore } };
    },
  }),
];
