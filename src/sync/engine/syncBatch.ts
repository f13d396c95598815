import type { Crm, EntityKind } from '../../domain/crm';
import type { Queryable } from '../../store/db';
import { parkDeadLetter } from '../../store/deadLetters';
import { appendOutboxEvent } from '../../store/outbox';
import { linksByCrmId, linksByEntity, moveLink, recordWriteIntent, saveLinks, tombstoneLink, type LinkState, type SyncLink } from '../../store/syncLinks';
import { clearPending, deferPending, duePending, entityKey, markPending, type PendingRecord } from '../../store/syncPending';
import { recordSyncConflict } from '../../store/syncConflicts';
import { updateSyncState } from '../../store/syncState';
import type { Deps } from '../../usecases/context';
import { partnerEntity } from '../entities/partner';
import { registrationEntity } from '../entities/registration';
import type { EntityState, SyncedEntity } from '../entities/synced';
import { AppMisconfigured, CrmError } from '../errors';
import { hashValues } from '../hash';
import { placeRegistrationsOnDeals } from '../hubspot/registrationsOnDeals';
import { fromCrmValues, objectSpec, ownerOf, toCrmValues } from '../mapping/translate';
import type { ObjectMapping } from '../mapping/types';
import { mergeRecord, type MergeResult } from '../merge';
import type { CrmAdapter, CrmRecord, CrmWrite, FieldValues } from '../port';
import { backoffMs } from './backoff';
import { BatchClaims } from './batchClaims';
import { writeIsolatingRefusals } from './isolate';
import type { SyncMetrics } from './metrics';
import { syncTarget } from './targets';

export type AdapterFactory = (tenantId: string, crm: Crm) => CrmAdapter;

export interface SyncEngineDeps extends Deps {
  adapters: AdapterFactory;
  metrics?: SyncMetrics | undefined;
}

export interface BatchOutcome {
  /** Records synced this round. */
  processed: number;
  /** Whether more records are due right now. */
  more: boolean;
}

const CRM_LABEL: Record<Crm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/** Every entity kind the engine syncs, by the kind its waiting records name. */
export const SYNCED_ENTITIES: Record<EntityKind, SyncedEntity> = { partner: partnerEntity, registration: registrationEntity };

/** One entity's round with one CRM: what it is on each side and what the merge decided. */
interface Plan {
  rows: PendingRecord[];
  entity: EntityState;
  link: SyncLink | null;
  record: CrmRecord | null;
  merge: MergeResult;
}

/**
 * Syncs the records waiting for one tenant's CRM, one batch: reads the CRM's truth for all
 * of them in one call, merges each three ways, writes what the CRM lacks in one call, then
 * commits each record (Trellis edits, agreed values, conflicts, events) in its own transaction.
 * A CRM failure of the whole call leaves the records waiting and is thrown for the queue to pace.
 */
export async function syncDueRecords(deps: SyncEngineDeps, tenantId: string, crm: Crm, claims = new BatchClaims()): Promise<BatchOutcome> {
  const adapter = deps.adapters(tenantId, crm);
  const size = adapter.capabilities.batchSize;
  const now = deps.clock.now();
  // One kind per batch (one CRM object per call): the kind of the record waiting longest.
  const rows = await claims.pick(async () => {
    const [first] = await duePending(deps.db, tenantId, crm, 1, now, { held: claims.heldRecords() });
    return first ? duePending(deps.db, tenantId, crm, size, now, { kind: first.kind, held: claims.heldRecords() }) : [];
  });
  if (rows.length === 0) return { processed: 0, more: false };
  const kind = rows[0]!.kind;
  let processed = rows.length;
  try {
    const target = await syncTarget(deps, adapter, tenantId, kind);
    if (target === 'deals') await placeRegistrationsOnDeals(deps, adapter, tenantId, rows);
    else processed = await syncEntities(deps, adapter, tenantId, SYNCED_ENTITIES[kind], target, rows, claims);
    await updateSyncState(deps.db, tenantId, crm, { lastSuccessAt: deps.clock.now() });
  } catch (err) {
    if (!(err instanceof CrmError)) throw err;
    await handleCallFailure(deps, tenantId, crm, rows, err);
    throw err;
  } finally {
    claims.releaseRecords(rows);
  }
  // A batch whose every entity was held by a concurrent one leaves the rest to that one.
  const more = processed > 0 && (await duePending(deps.db, tenantId, crm, 1, deps.clock.now(), { held: claims.heldRecords() })).length > 0;
  return { processed, more };
}

async function handleCallFailure(deps: SyncEngineDeps, tenantId: string, crm: Crm, rows: PendingRecord[], err: CrmError): Promise<void> {
  const now = deps.clock.now().getTime();
  deps.metrics?.errors.inc({ crm, kind: err.kind });
  if (err.kind === 'permanent') {
    // The CRM refused the call itself (e.g. a mapped property it does not have): park each record with the CRM's words.
    for (const row of rows) await park(deps.db, tenantId, crm, row, `${CRM_LABEL[crm]} refused the request: ${err.message}`, { status: err.status });
    await clearPending(deps.db, tenantId, crm, rows);
  } else {
    const attempts = Math.max(...rows.map((r) => r.attempts));
    const wait = err.kind === 'rate_limited' ? (err.retryAfterMs ?? 1000) : err.kind === 'auth' ? 60_000 : backoffMs(attempts);
    await deferPending(deps.db, tenantId, crm, rows, new Date(now + wait), err.message);
  }
  await updateSyncState(deps.db, tenantId, crm, { lastError: describeFailure(crm, err), lastErrorAt: new Date(now) });
}

/** What went wrong, in words an admin can act on. */
function describeFailure(crm: Crm, err: CrmError): string {
  const name = CRM_LABEL[crm];
  switch (err.kind) {
    case 'rate_limited':
      return `${name} asked Trellis to slow down (rate limit); syncing resumes by itself. ${err.message}`;
    case 'auth':
      if (err instanceof AppMisconfigured) return `${name} refused Trellis's own app credentials; Trellis retries once its operator fixes them, nothing to do on your side. ${err.message}`;
      return `${name} refused Trellis's credentials; an admin may need to reconnect ${name}. ${err.message}`;
    case 'transient':
      return `${name} was unavailable; Trellis retries with backoff. ${err.message}`;
    case 'permanent':
      return `${name} refused a request; the records are in the dead-letter list. ${err.message}`;
  }
}

async function park(q: Queryable, tenantId: string, crm: Crm, row: PendingRecord, reason: string, details: Record<string, unknown>): Promise<void> {
  await parkDeadLetter(q, tenantId, crm, { kind: row.kind, key: row.key, reason, details });
}

async function syncEntities(
  deps: SyncEngineDeps,
  adapter: CrmAdapter,
  tenantId: string,
  entity: SyncedEntity,
  mapping: ObjectMapping,
  picked: PendingRecord[],
  claims: BatchClaims,
): Promise<number> {
  const { db } = deps;
  const crm = adapter.crm;
  const { kind } = entity;
  const byCrmId = await linksByCrmId(db, tenantId, crm, kind, picked.filter((r) => r.key.startsWith('c:')).map((r) => r.key.slice(2)));
  const entityOf = (row: PendingRecord) => (row.key.startsWith('e:') ? row.key.slice(2) : byCrmId.get(row.key.slice(2))?.entityId);
  // An entity a concurrent batch is merging waits (still pending) for a later batch.
  const held = claims.holdEntities([...new Set(picked.map(entityOf).filter((id): id is string => id !== undefined))]);
  try {
    const rows = picked.filter((r) => entityOf(r) === undefined || held.has(entityOf(r)!));
    if (rows.length > 0) await syncHeldEntities(deps, adapter, tenantId, entity, mapping, rows, byCrmId);
    return rows.length;
  } finally {
    claims.releaseEntities(held);
  }
}

async function syncHeldEntities(
  deps: SyncEngineDeps,
  adapter: CrmAdapter,
  tenantId: string,
  entity: SyncedEntity,
  mapping: ObjectMapping,
  rows: PendingRecord[],
  byCrmId: Map<string, SyncLink>,
) {
  const { db } = deps;
  const crm = adapter.crm;
  const { kind } = entity;
  const spec = objectSpec(mapping);
  const entityRows = rows.filter((r) => r.key.startsWith('e:'));
  const crmRows = rows.filter((r) => r.key.startsWith('c:'));
  const entityIds = [...new Set([...entityRows.map((r) => r.key.slice(2)), ...[...byCrmId.values()].map((l) => l.entityId)])];
  const links = await linksByEntity(db, tenantId, crm, kind, entityIds);
  const unlinkedCrmIds = crmRows.map((r) => r.key.slice(2)).filter((id) => !byCrmId.has(id));

  // The CRM's truth for every record involved, in one read.
  const liveLinks = [...links.values()].filter((l) => !l.tombstonedAt);
  const read = await adapter.read(spec, [...new Set([...liveLinks.map((l) => l.crmId), ...unlinkedCrmIds])]);
  deps.metrics?.requests.inc({ crm, call: 'read' });
  const records = new Map(read.found.map((r) => [r.id, r]));
  for (const { from, into } of read.mergedInto) {
    const intoLink = await linksByCrmId(db, tenantId, crm, kind, [into]);
    const link = liveLinks.find((l) => l.crmId === from);
    if (link && intoLink.size === 0) {
      await moveLink(db, tenantId, crm, kind, from, into);
      Object.assign(link, { crmId: into, syncedValues: {}, syncedHash: null });
    } else if (link) {
      await tombstoneLink(db, tenantId, crm, kind, from, `merged into ${CRM_LABEL[crm]} record ${into}, which is another ${entity.noun}`);
      link.tombstonedAt = deps.clock.now();
    }
  }
  for (const id of read.missing) {
    // Deleted in the CRM: the entity stays in Trellis and stops being written there.
    const link = liveLinks.find((l) => l.crmId === id);
    if (!link) continue;
    await tombstoneLink(db, tenantId, crm, kind, id, `deleted in ${CRM_LABEL[crm]}`);
    link.tombstonedAt = deps.clock.now();
  }

  const rowsOf = new Map<string, PendingRecord[]>();
  const addRow = (entityId: string, row: PendingRecord) => rowsOf.set(entityId, [...(rowsOf.get(entityId) ?? []), row]);
  for (const row of entityRows) addRow(row.key.slice(2), row);
  for (const row of crmRows) {
    const link = byCrmId.get(row.key.slice(2));
    if (link) addRow(link.entityId, row);
  }

  const owners = ownerOf(mapping);
  const plans: Plan[] = [];
  const done: PendingRecord[] = [];
  const states = new Map((await entity.load(db, tenantId, crm, [...rowsOf.keys()])).map((e) => [e.id, e]));
  for (const [entityId, entityRowsForId] of rowsOf) {
    const state = states.get(entityId);
    const link = links.get(entityId) ?? null;
    if (!state || link?.tombstonedAt) {
      done.push(...entityRowsForId);
      continue;
    }
    const record = link ? (records.get(link.crmId) ?? null) : null;
    const crmValues = record ? fromCrmValues(mapping, record.values) : null;
    const merge = mergeRecord({
      owners,
      base: link?.syncedHash ? link.syncedValues : null,
      ...(link?.syncedHash ? { writing: link.writing } : {}),
      trellis: state.values,
      trellisModifiedAt: state.updatedAt,
      crm: crmValues,
      crmModifiedAt: record?.modifiedAt ?? null,
    });
    plans.push({ rows: entityRowsForId, entity: state, link, record, merge });
  }

  // New CRM records: ours whose link was never committed, entities created in the CRM, or records that are none of Trellis's.
  const created: Array<{ row: PendingRecord; record: CrmRecord }> = [];
  for (const row of crmRows.filter((r) => !byCrmId.has(r.key.slice(2)))) {
    const record = records.get(row.key.slice(2));
    if (record) created.push({ row, record });
    else done.push(row);
  }

  const writes: CrmWrite[] = plans
    .filter((p) => p.link === null || Object.keys(p.merge.toCrm).length > 0)
    .map((p) => ({
      trellisId: p.entity.id,
      crmId: p.link?.crmId ?? null,
      values: toCrmValues(mapping, p.merge.toCrm),
      ...(p.entity.relations.length > 0 ? { relations: p.entity.relations } : {}),
    }));
  // Before the CRM call: what we are about to write, and the conflicts it settles, so neither is forgotten if the round dies.
  const intents = plans.filter((p) => p.link && Object.keys(p.merge.toCrm).length > 0).map((p) => ({ crmId: p.link!.crmId, values: p.merge.toCrm }));
  const conflicted = plans.filter((p) => p.link && p.merge.conflicts.length > 0);
  if (intents.length + conflicted.length > 0) {
    await db.transaction(async (tx) => {
      await recordWriteIntent(tx, tenantId, crm, kind, intents);
      for (const plan of conflicted) await recordConflicts(tx, deps, tenantId, crm, kind, plan, plan.link!.crmId);
    });
  }
  const outcomes = writes.length > 0 ? await writeIsolatingRefusals(adapter, spec, writes) : [];
  if (writes.length > 0) deps.metrics?.requests.inc({ crm, call: 'write' });
  const outcomeOf = new Map(outcomes.map((o) => [o.trellisId, o]));

  // The whole batch commits in one transaction; each record's outcome is decided on its own inside it.
  // Entities are locked in id order, so two CRMs' batches touching the same ones cannot deadlock.
  plans.sort((a, b) => (a.entity.id < b.entity.id ? -1 : 1));
  await db.transaction(async (tx) => {
    const agreed: LinkState[] = [];
    for (const plan of plans) {
      const outcome = outcomeOf.get(plan.entity.id);
      if (outcome && !outcome.ok) {
        const reason = `${CRM_LABEL[crm]} refused ${entity.noun} "${plan.entity.name}": ${outcome.rejection.message} (${outcome.rejection.code})`;
        for (const row of plan.rows) await park(tx, tenantId, crm, row, reason, { [`${entity.kind}Id`]: plan.entity.id, code: outcome.rejection.code });
        deps.metrics?.records.inc({ crm, direction: 'outbound', outcome: 'dead_letter' });
      } else {
        const link = await commitPlan(tx, deps, tenantId, crm, entity, plan, outcome?.ok ? outcome.crmId : plan.link!.crmId);
        if (link) agreed.push(link);
      }
      done.push(...plan.rows);
    }
    await saveLinks(tx, tenantId, crm, kind, agreed);
    await clearPending(tx, tenantId, crm, done);
  });
  for (const entry of created) await adoptCrmRecord(deps, tenantId, crm, entity, mapping, entry.row, entry.record);
}

/** Stores each conflict the merge found (once) and announces it for alerts. */
async function recordConflicts(tx: Queryable, deps: SyncEngineDeps, tenantId: string, crm: Crm, entityKind: EntityKind, plan: Plan, crmId: string): Promise<void> {
  for (const c of plan.merge.conflicts) {
    const entityId = plan.entity.id;
    const conflict = { entityKind, entityId, crm, crmId, field: c.field, baseValue: c.base, trellisValue: c.trellis, crmValue: c.crm, winner: c.winner, rule: c.rule };
    const id = await recordSyncConflict(tx, tenantId, conflict);
    if (!id) continue;
    await appendOutboxEvent(tx, tenantId, 'sync_conflict.detected', id, {
      origin: crm, conflictId: id, entityKind, entityId, crm, field: c.field, trellisValue: c.trellis, crmValue: c.crm, winner: c.winner,
    });
    deps.metrics?.conflicts.inc({ crm });
  }
}

/** Commits one merged record's Trellis edits (if the entity did not move meanwhile); returns the values now agreed, or null when parked. */
async function commitPlan(tx: Queryable, deps: SyncEngineDeps, tenantId: string, crm: Crm, entity: SyncedEntity, plan: Plan, crmId: string): Promise<LinkState | null> {
  const { merge } = plan;
  const toTrellis = Object.keys(merge.toTrellis);
  let agreed = merge.agreed;
  if (toTrellis.length > 0) {
    const outcome = await entity.applyCrmEdits(tx, tenantId, crm, plan.entity, merge.toTrellis);
    if (typeof outcome === 'object') {
      const reason = `${CRM_LABEL[crm]} record ${crmId} holds values Trellis cannot accept for ${entity.noun} "${plan.entity.name}": ${outcome.rejected}`;
      for (const row of plan.rows) await park(tx, tenantId, crm, row, reason, { [`${entity.kind}Id`]: plan.entity.id, crmId, values: merge.toTrellis });
      deps.metrics?.records.inc({ crm, direction: 'inbound', outcome: 'dead_letter' });
      return null;
    }
    if (outcome === 'moved') {
      // The entity changed while we merged: keep the CRM's edits unagreed so the next round merges them again.
      agreed = { ...merge.agreed, ...Object.fromEntries(toTrellis.map((f) => [f, plan.link?.syncedValues[f] ?? null])) };
      await markPending(tx, tenantId, crm, entity.kind, [entityKey(plan.entity.id)]);
    } else {
      deps.metrics?.records.inc({ crm, direction: 'inbound', outcome: 'applied' });
    }
  }
  if (Object.keys(merge.toCrm).length > 0 || !plan.link) deps.metrics?.records.inc({ crm, direction: 'outbound', outcome: 'written' });
  return { entityId: plan.entity.id, crmId, syncedValues: agreed, syncedHash: hashValues(agreed), crmModifiedAt: plan.record?.modifiedAt ?? null };
}

/** The values both sides already hold: what a newly linked record agrees on, so the next round pushes the rest. */
const matching = (ours: FieldValues, theirs: FieldValues): FieldValues => Object.fromEntries(Object.entries(ours).filter(([k, v]) => theirs[k] === v));

/**
 * A CRM record Trellis has no link for. If it carries a Trellis id, it is ours (a crash came
 * between the CRM's answer and our commit): link it. Otherwise the entity kind decides whether
 * it becomes a Trellis entity (a company marked as a partner) or is none of Trellis's business.
 */
async function adoptCrmRecord(deps: SyncEngineDeps, tenantId: string, crm: Crm, entity: SyncedEntity, mapping: ObjectMapping, row: PendingRecord, record: CrmRecord): Promise<void> {
  const { kind } = entity;
  const values = fromCrmValues(mapping, record.values);
  const trellisId = record.values[mapping.idField];
  const [ours] = trellisId && /^[0-9a-f-]{36}$/.test(trellisId) ? await entity.load(deps.db, tenantId, crm, [trellisId]) : [];
  if (ours) {
    const existing = await linksByEntity(deps.db, tenantId, crm, kind, [ours.id]);
    if (!existing.has(ours.id)) {
      const agreed = matching(ours.values, values);
      await saveLinks(deps.db, tenantId, crm, kind, [{ entityId: ours.id, crmId: record.id, syncedValues: agreed, syncedHash: hashValues(agreed), crmModifiedAt: record.modifiedAt }]);
      await markPending(deps.db, tenantId, crm, kind, [entityKey(ours.id)]);
    }
    await clearPending(deps.db, tenantId, crm, [row]);
    return;
  }
  await deps.db.transaction(async (tx) => {
    const adopted = await entity.adoptForeign(tx, tenantId, crm, values);
    if (adopted && 'rejected' in adopted) {
      await park(tx, tenantId, crm, row, `${CRM_LABEL[crm]} record ${record.id} cannot become a Trellis ${entity.noun}: ${adopted.rejected}`, { crmId: record.id, values });
    } else if (adopted) {
      const [created] = await entity.load(tx, tenantId, crm, [adopted.created]);
      // What the CRM holds now is agreed; the Trellis id (and any normalised value) goes back on the next round.
      const agreed = matching(created!.values, values);
      await saveLinks(tx, tenantId, crm, kind, [{ entityId: adopted.created, crmId: record.id, syncedValues: agreed, syncedHash: hashValues(agreed), crmModifiedAt: record.modifiedAt }]);
      await markPending(tx, tenantId, crm, kind, [entityKey(adopted.created)]);
      deps.metrics?.records.inc({ crm, direction: 'inbound', outcome: 'created' });
    }
    await clearPending(tx, tenantId, crm, [row]);
  });
}
