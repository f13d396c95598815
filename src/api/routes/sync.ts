import { z } from 'zod';
import { CRMS, ENTITY_KINDS, type Crm } from '../../domain/crm';
import { countOpenDeadLetters, getDeadLetter, listDeadLetters, markDeadLetterReplayed } from '../../store/deadLetters';
import { listSyncConflicts } from '../../store/syncConflicts';
import { saveMapping } from '../../store/syncMappings';
import { markPending, pendingSummary } from '../../store/syncPending';
import { connectedCrms, getSyncStates } from '../../store/syncState';
import { PARTNER_FIELDS } from '../../sync/entities/partner';
import { REGISTRATION_FIELDS } from '../../sync/entities/registration';
import { DEFAULT_MAPPING } from '../../sync/mapping/defaults';
import { loadMapping } from '../../sync/mapping/load';
import { SyncMapping } from '../../sync/mapping/types';
import type { SyncControl } from '../../sync/service';
import type { Deps } from '../../usecases/context';
import { notFound, validationError, type ErrorDetail } from '../../usecases/errors';
import { defineRoute } from '../route';
import { ErrorBody, pageOf, Timestamp } from '../views';
import { IdParams, PageQuery, pageOrBadCursor } from './common';

const CrmName = z.enum(CRMS);
const errors = { 400: { description: 'Invalid input', schema: ErrorBody }, 401: { description: 'Missing or invalid API key', schema: ErrorBody } };
const CATALOG = { partner: PARTNER_FIELDS, registration: REGISTRATION_FIELDS };

const ProvisionReport = z.object({
  created: z.array(z.string()),
  present: z.array(z.string()),
  missing: z.array(z.string()).describe('What could not be created and an admin must install (e.g. a Salesforce package)'),
  customObjects: z.array(z.object({ name: z.string(), objectTypeId: z.string(), fullyQualifiedName: z.string() })).optional(),
});
const DeadLetterView = z.object({
  id: z.uuid(),
  crm: CrmName,
  entityKind: z.enum(['partner', 'registration']),
  recordKey: z.string(),
  reason: z.string(),
  details: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'replayed']),
  createdAt: Timestamp,
  replayedAt: Timestamp.nullable(),
});
const SyncFieldConflictView = z.object({
  id: z.uuid(),
  entityKind: z.enum(['partner', 'registration']),
  entityId: z.string(),
  crm: CrmName,
  crmId: z.string(),
  field: z.string(),
  baseValue: z.string().nullable(),
  trellisValue: z.string().nullable(),
  crmValue: z.string().nullable(),
  winner: z.enum(['trellis', 'crm']),
  rule: z.string(),
  detectedAt: Timestamp,
  choice: z.object({ winner: z.enum(['trellis', 'crm']), by: z.string(), at: Timestamp }).nullable(),
});
const SyncStatusView = z.object({
  crm: CrmName,
  summary: z.string(),
  healthy: z.boolean(),
  waiting: z.number().int(),
  lagSeconds: z.number().int(),
  lastSuccessAt: Timestamp.nullable(),
  lastError: z.object({ message: z.string(), at: Timestamp.nullable() }).nullable(),
  waitingError: z.string().nullable(),
  deadLetters: z.object({ open: z.number().int(), latestReason: z.string().nullable() }),
  backfill: z.object({ status: z.enum(['none', 'running', 'done', 'failed']), recordsSeen: z.number().int(), startedAt: Timestamp.nullable(), finishedAt: Timestamp.nullable() }),
  outboundMessageUrl: z.string().optional().describe('Salesforce: where its outbound messages are to be sent'),
});

/** A tenant sends the whole mapping; the one every tenant starts with shows its shape. */
const MappingBody = SyncMapping.meta({ examples: [DEFAULT_MAPPING] });

const LABEL: Record<Crm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/** Every mapped field must be one Trellis has, at most once per object. */
function checkMapping(mapping: SyncMapping): void {
  const details: ErrorDetail[] = [];
  for (const kind of ENTITY_KINDS) {
    for (const crm of CRMS) {
      const seen = new Set<string>();
      mapping[kind][crm].fields.forEach((f, i) => {
        if (!(f.field in CATALOG[kind])) details.push({ path: [kind, crm, 'fields', i, 'field'], message: `not a ${kind} field; one of ${Object.keys(CATALOG[kind]).join(', ')}` });
        if (seen.has(f.field)) details.push({ path: [kind, crm, 'fields', i, 'field'], message: 'mapped twice' });
        seen.add(f.field);
      });
    }
  }
  if (details.length > 0) throw validationError('Invalid mapping', details);
}

const ago = (from: Date | null, now: Date) => (from ? Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000)) : 0);

/** The sync admin API: mapping, provisioning, dead letters, backfill and status. */
export const syncRoutes = (deps: Deps, sync: SyncControl, endpoints: { salesforceOutboundUrl?: (tenantId: string) => string }) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/sync/mappings',
    summary: 'The field mapping in force (the defaults until changed)',
    tag: 'Sync',
    auth: 'tenant',
    responses: { 200: { description: 'The mapping', schema: SyncMapping }, ...errors },
    async handle({ actor }) {
      return { status: 200, body: await loadMapping(deps.db, actor.tenantId) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/sync/mappings',
    summary: 'Replace the field mapping: CRM field names and who owns each field',
    tag: 'Sync',
    auth: 'tenant',
    body: MappingBody,
    responses: { 200: { description: 'The saved mapping', schema: SyncMapping }, ...errors },
    async handle({ body, actor }) {
      checkMapping(body);
      await saveMapping(deps.db, actor.tenantId, body);
      return { status: 200, body };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/sync/provision',
    summary: 'Create the properties and custom objects the mapping needs (HubSpot), or check them and select them for Change Data Capture (Salesforce)',
    tag: 'Sync',
    auth: 'tenant',
    responses: { 200: { description: 'What was created, found, and is still missing, per CRM', schema: z.object({ hubspot: ProvisionReport.optional(), salesforce: ProvisionReport.optional() }) }, ...errors },
    async handle({ actor }) {
      const reports: Record<string, unknown> = {};
      for (const crm of await connectedCrms(deps.db, actor.tenantId)) reports[crm] = await sync.provision(actor.tenantId, crm);
      return { status: 200, body: reports };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/sync/dead-letters',
    summary: 'Records a CRM refused, newest first, with the reason',
    tag: 'Sync',
    auth: 'tenant',
    query: PageQuery.extend({ status: z.enum(['open', 'replayed']).optional().describe('Only dead letters in this status') }).strict(),
    responses: { 200: { description: 'A page of dead letters', schema: pageOf(DeadLetterView) }, ...errors },
    async handle({ query, actor }) {
      return { status: 200, body: pageOrBadCursor(await listDeadLetters(deps.db, actor.tenantId, query)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/sync/dead-letters/:id',
    summary: 'One dead letter with what the CRM said',
    tag: 'Sync',
    auth: 'tenant',
    params: IdParams,
    responses: { 200: { description: 'The dead letter', schema: DeadLetterView }, 404: { description: 'No such dead letter', schema: ErrorBody }, ...errors },
    async handle({ params, actor }) {
      const letter = await getDeadLetter(deps.db, actor.tenantId, params.id);
      if (!letter) throw notFound('dead letter');
      return { status: 200, body: letter };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/sync/dead-letters/:id/replay',
    summary: 'Sync the record again (after fixing what the CRM refused)',
    tag: 'Sync',
    auth: 'tenant',
    params: IdParams,
    responses: { 200: { description: 'The dead letter, now replayed', schema: DeadLetterView }, 404: { description: 'No open dead letter with that id', schema: ErrorBody }, ...errors },
    async handle({ params, actor }) {
      const letter = await deps.db.transaction(async (tx) => {
        const replayed = await markDeadLetterReplayed(tx, actor.tenantId, params.id);
        if (replayed) await markPending(tx, actor.tenantId, replayed.crm, replayed.entityKind, [replayed.recordKey]);
        return replayed;
      });
      if (!letter) throw notFound('open dead letter');
      await sync.runtime.wake(actor.tenantId, letter.crm);
      return { status: 200, body: letter };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/sync/backfill',
    summary: 'Start (or resume) the full sync with a connected CRM',
    tag: 'Sync',
    auth: 'tenant',
    body: z.object({ crm: CrmName.describe('The connected CRM to sync everything with') }).strict().meta({ examples: [{ crm: 'hubspot' }] }),
    responses: { 202: { description: 'The backfill is running; follow it on /api/v1/sync/status', schema: z.object({ crm: CrmName, status: z.literal('started') }) }, 404: { description: 'Not connected to that CRM', schema: ErrorBody }, ...errors },
    async handle({ body, actor }) {
      if (!(await connectedCrms(deps.db, actor.tenantId)).includes(body.crm)) throw notFound(`${LABEL[body.crm]} connection`);
      await sync.startBackfill(actor.tenantId, body.crm);
      return { status: 202, body: { crm: body.crm, status: 'started' } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/sync/conflicts',
    summary: 'Fields edited in Trellis and a CRM at the same time, and which edit was kept',
    tag: 'Sync',
    auth: 'tenant',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25).describe('How many to return at most (1–100)') }).strict(),
    responses: { 200: { description: 'Recent sync field conflicts', schema: z.object({ data: z.array(SyncFieldConflictView) }) }, ...errors },
    async handle({ query, actor }) {
      return { status: 200, body: { data: await listSyncConflicts(deps.db, actor.tenantId, query.limit) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/sync/status',
    summary: 'How sync with each connected CRM is doing, in plain words',
    tag: 'Sync',
    auth: 'tenant',
    responses: { 200: { description: 'Per CRM: waiting records, lag, last success, last error, dead letters, backfill', schema: z.object({ crms: z.array(SyncStatusView) }) }, ...errors },
    async handle({ actor }) {
      const now = deps.clock.now();
      const [crms, pending, states, letters] = await Promise.all([
        connectedCrms(deps.db, actor.tenantId),
        pendingSummary(deps.db, actor.tenantId),
        getSyncStates(deps.db, actor.tenantId),
        countOpenDeadLetters(deps.db, actor.tenantId),
      ]);
      const body = crms.map((crm) => {
        const waiting = pending.find((p) => p.crm === crm);
        const state = states.find((s) => s.crm === crm);
        const dead = letters.find((l) => l.crm === crm);
        const lagSeconds = ago(waiting?.oldest ?? null, now);
        const healthy = !dead && (!state?.lastErrorAt || (state.lastSuccessAt !== null && state.lastSuccessAt > state.lastErrorAt));
        return {
          crm,
          summary: `${LABEL[crm]}: ${waiting ? `${waiting.waiting} change(s) waiting, oldest ${lagSeconds}s ago` : 'everything is in sync'}${dead ? `; ${dead.open} record(s) need attention` : ''}.`,
          healthy,
          waiting: waiting?.waiting ?? 0,
          lagSeconds,
          lastSuccessAt: state?.lastSuccessAt ?? null,
          lastError: state?.lastError ? { message: state.lastError, at: state.lastErrorAt } : null,
          waitingError: waiting?.lastError ?? null,
          deadLetters: { open: dead?.open ?? 0, latestReason: dead?.latest ?? null },
          backfill: { status: state?.backfillStatus ?? 'none', recordsSeen: state?.backfillSeen ?? 0, startedAt: state?.backfillStartedAt ?? null, finishedAt: state?.backfillFinishedAt ?? null },
          ...(crm === 'salesforce' && endpoints.salesforceOutboundUrl ? { outboundMessageUrl: endpoints.salesforceOutboundUrl(actor.tenantId) } : {}),
        };
      });
      return { status: 200, body: { crms: body } };
    },
  }),
];
