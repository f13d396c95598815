import type { Partner } from '../../domain/partner';
import type { Crm } from '../../store/connections';
import type { Queryable } from '../../store/db';
import { parkDeadLetter } from '../../store/deadLetters';
import { appendOutboxEvent } from '../../store/outbox';
import { getPartner, getPartnersByIds } from '../../store/partners';
import { linksByCrmId, linksByEntity, moveLink, recordWriteIntent, saveLink, tombstoneLink, type SyncLink } from '../../store/syncLinks';
import { clearPending, deferPending, duePending, entityKey, markPending, type PendingRecord } from '../../store/syncPending';
import { recordSyncConflict } from '../../store/syncConflicts';
import { updateSyncState } from '../../store/syncState';
import { applyCrmEditsToPartner, createPartnerFromCrm } from '../../usecases/applyCrmPartner';
import type { Deps } from '../../usecases/context';
import { partnerInputFrom, partnerPatchFrom, partnerValues } from '../entities/partner';
import { CrmError } from '../errors';
import { hashValues } from '../hash';
import { loadMapping } from '../mapping/load';
import { fromCrmValues, objectSpec, ownerOf, toCrmValues } from '../mapping/translate';
import type { ObjectMapping } from '../mapping/types';
import { mergeRecord, type MergeResult } from '../merge';
import type { CrmAdapter, CrmObjectSpec, CrmRecord, CrmWrite, FieldValues } from '../port';
import { backoffMs } from './backoff';
import { writeIsolatingRefusals } from './isolate';
import type { SyncMetrics } from './metrics';

export type AdapterFactory = (tenantId: string, crm: Crm) => CrmAdapter;

export interface SyncEngineDeps extends Deps {
  adapters: AdapterFactory;
  metrics?: SyncMetrics | undefined;
}

export interface BatchOutcome {
  /** Records taken from the waiting set this round. */
  processed: number;
  /** Whether more records are due right now. */
  more: boolean;
}

const CRM_LABEL: Record<Crm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/** One partner's round with one CRM: what it is on each side and what the merge decided. */
interface Plan {
  rows: PendingRecord[];
  partner: Partner;
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
export async function syncDueRecords(deps: SyncEngineDeps, tenantId: string, crm: Crm): Promise<BatchOutcome> {
  const adapter = deps.adapters(tenantId, crm);
  const size = adapter.capabilities.batchSize;
  const due = (await duePending(deps.db, tenantId, crm, size + 1, deps.clock.now())).filter((r) => r.kind === 'partner');
  const rows = due.slice(0, size);
  if (rows.length === 0) return { processed: 0, more: false };
  const mapping = (await loadMapping(deps.db, tenantId)).partner[crm];
  const spec = objectSpec(mapping);
  try {
    await syncPartners(deps, adapter, tenantId, mapping, spec, rows);
    await updateSyncState(deps.db, tenantId, crm, { lastSuccessAt: deps.clock.now() });
  } catch (err) {
    if (!(err instanceof CrmError)) throw err;
    await handleCallFailure(deps, tenantId, crm, rows, err);
    throw err;
  }
  return { processed: rows.length, more: due.length > size };
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

async function syncPartners(deps: SyncEngineDeps, adapter: CrmAdapter, tenantId: string, mapping: ObjectMapping, spec: CrmObjectSpec, rows: PendingRecord[]) {
  const { db } = deps;
  const crm = adapter.crm;
  const entityRows = rows.filter((r) => r.key.startsWith('e:'));
  const crmRows = rows.filter((r) => r.key.startsWith('c:'));
  const byCrmId = await linksByCrmId(db, tenantId, crm, 'partner', crmRows.map((r) => r.key.slice(2)));
  const entityIds = [...new Set([...entityRows.map((r) => r.key.slice(2)), ...[...byCrmId.values()].map((l) => l.entityId)])];
  const links = await linksByEntity(db, tenantId, crm, 'partner', entityIds);
  const unlinkedCrmIds = crmRows.map((r) => r.key.slice(2)).filter((id) => !byCrmId.has(id));

  // The CRM's truth for every record involved, in one read.
  const liveLinks = [...links.values()].filter((l) => !l.tombstonedAt);
  const read = await adapter.read(spec, [...new Set([...liveLinks.map((l) => l.crmId), ...unlinkedCrmIds])]);
  deps.metrics?.requests.inc({ crm, call: 'read' });
  const records = new Map(read.found.map((r) => [r.id, r]));
  for (const { from, into } of read.mergedInto) {
    const intoLink = await linksByCrmId(db, tenantId, crm, 'partner', [into]);
    const link = liveLinks.find((l) => l.crmId === from);
    if (link && intoLink.size === 0) {
      await moveLink(db, tenantId, crm, 'partner', from, into);
      link.crmId = into;
    } else if (link) {
      await tombstoneLink(db, tenantId, crm, 'partner', from, `merged into ${CRM_LABEL[crm]} record ${into}, which is another partner`);
      link.tombstonedAt = deps.clock.now();
    }
  }
  for (const id of read.missing) {
    // Deleted in the CRM: the partner stays in Trellis and stops being written there.
    const link = liveLinks.find((l) => l.crmId === id);
    if (!link) continue;
    await tombstoneLink(db, tenantId, crm, 'partner', id, `deleted in ${CRM_LABEL[crm]}`);
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
  const partners = new Map((await getPartnersByIds(db, tenantId, [...rowsOf.keys()])).map((p) => [p.id, p]));
  for (const [entityId, entityRowsForId] of rowsOf) {
    const partner = partners.get(entityId);
    const link = links.get(entityId) ?? null;
    if (!partner || link?.tombstonedAt) {
      done.push(...entityRowsForId);
      continue;
    }
    const record = link ? (records.get(link.crmId) ?? null) : null;
    const crmValues = record ? fromCrmValues(mapping, record.values) : null;
    const merge = mergeRecord({
      owners,
      base: link?.syncedValues ?? null,
      ...(link ? { writing: link.writing } : {}),
      trellis: partnerValues(partner),
      trellisModifiedAt: partner.updatedAt,
      crm: crmValues,
      crmModifiedAt: record?.modifiedAt ?? null,
    });
    plans.push({ rows: entityRowsForId, partner, link, record, merge });
  }

  // New CRM records: ours whose link was never committed, partners created in the CRM, or records that are no partner.
  const created: Array<{ row: PendingRecord; record: CrmRecord }> = [];
  for (const row of crmRows.filter((r) => !byCrmId.has(r.key.slice(2)))) {
    const record = records.get(row.key.slice(2));
    if (record) created.push({ row, record });
    else done.push(row);
  }

  const writes: CrmWrite[] = plans
    .filter((p) => p.link === null || Object.keys(p.merge.toCrm).length > 0)
    .map((p) => ({ trellisId: p.partner.id, crmId: p.link?.crmId ?? null, values: toCrmValues(mapping, p.merge.toCrm) }));
  // Before the CRM call: what we are about to write, and the conflicts it settles, so neither is forgotten if the round dies.
  await db.transaction(async (tx) => {
    await recordWriteIntent(tx, tenantId, crm, 'partner', plans.filter((p) => p.link && Object.keys(p.merge.toCrm).length > 0).map((p) => ({ crmId: p.link!.crmId, values: p.merge.toCrm })));
    for (const plan of plans) if (plan.link) await recordConflicts(tx, deps, tenantId, crm, plan, plan.link.crmId);
  });
  const outcomes = writes.length > 0 ? await writeIsolatingRefusals(adapter, spec, writes) : [];
  if (writes.length > 0) deps.metrics?.requests.inc({ crm, call: 'write' });
  const outcomeOf = new Map(outcomes.map((o) => [o.trellisId, o]));

  // The whole batch commits in one transaction; each record's outcome is decided on its own inside it.
  // Partners are locked in id order, so two CRMs' batches touching the same partners cannot deadlock.
  plans.sort((a, b) => (a.partner.id < b.partner.id ? -1 : 1));
  await db.transaction(async (tx) => {
    for (const plan of plans) {
      const outcome = outcomeOf.get(plan.partner.id);
      if (outcome && !outcome.ok) {
        const reason = `${CRM_LABEL[crm]} refused partner "${plan.partner.name}": ${outcome.rejection.message} (${outcome.rejection.code})`;
        for (const row of plan.rows) await park(tx, tenantId, crm, row, reason, { partnerId: plan.partner.id, code: outcome.rejection.code });
        deps.metrics?.records.inc({ crm, direction: 'outbound', outcome: 'dead_letter' });
      } else {
        await commitPlan(tx, deps, tenantId, crm, plan, outcome?.ok ? outcome.crmId : plan.link!.crmId);
      }
      done.push(...plan.rows);
    }
    await clearPending(tx, tenantId, crm, done);
  });
  for (const entry of created) await adoptCrmRecord(deps, tenantId, crm, mapping, entry.row, entry.record);
}

/** Stores each conflict the merge found (once) and announces it for alerts. */
async function recordConflicts(tx: Queryable, deps: SyncEngineDeps, tenantId: string, crm: Crm, plan: Plan, crmId: string): Promise<void> {
  for (const c of plan.merge.conflicts) {
    const conflict = { entityKind: 'partner' as const, entityId: plan.partner.id, crm, crmId, field: c.field, baseValue: c.base, trellisValue: c.trellis, crmValue: c.crm, winner: c.winner, rule: c.rule };
    const id = await recordSyncConflict(tx, tenantId, conflict);
    if (!id) continue;
    await appendOutboxEvent(tx, tenantId, 'sync_conflict.detected', id, {
      conflictId: id, entityKind: 'partner', entityId: plan.partner.id, crm, field: c.field, trellisValue: c.trellis, crmValue: c.crm, winner: c.winner,
    });
    deps.metrics?.conflicts.inc({ crm });
  }
}

/** Commits one merged record: Trellis edits (if the partner did not move meanwhile) and the agreed values. */
async function commitPlan(tx: Queryable, deps: SyncEngineDeps, tenantId: string, crm: Crm, plan: Plan, crmId: string): Promise<void> {
  const { merge, partner } = plan;
  const toTrellis = Object.keys(merge.toTrellis);
  let patch = null;
  if (toTrellis.length > 0) {
    const parsed = partnerPatchFrom(merge.toTrellis);
    if (!parsed.ok) {
      const reason = `${CRM_LABEL[crm]} record ${crmId} holds values Trellis cannot accept for partner "${partner.name}": ${parsed.reason}`;
      for (const row of plan.rows) await park(tx, tenantId, crm, row, reason, { partnerId: partner.id, crmId, values: merge.toTrellis });
      deps.metrics?.records.inc({ crm, direction: 'inbound', outcome: 'dead_letter' });
      return;
    }
    patch = parsed.value;
  }
  let agreed = merge.agreed;
  if (patch) {
    const applied = await applyCrmEditsToPartner(tx, tenantId, crm, partner.id, partner.updatedAt, patch);
    if (!applied) {
      // The partner changed while we merged: keep the CRM's edits unagreed so the next round merges them again.
      agreed = { ...merge.agreed, ...Object.fromEntries(toTrellis.map((f) => [f, plan.link?.syncedValues[f] ?? null])) };
      await markPending(tx, tenantId, crm, 'partner', [entityKey(partner.id)]);
    }
  }
  await saveLink(tx, tenantId, crm, 'partner', { entityId: partner.id, crmId, syncedValues: agreed, syncedHash: hashValues(agreed), crmModifiedAt: plan.record?.modifiedAt ?? null });
  if (Object.keys(merge.toCrm).length > 0 || !plan.link) deps.metrics?.records.inc({ crm, direction: 'outbound', outcome: 'written' });
  if (patch) deps.metrics?.records.inc({ crm, direction: 'inbound', outcome: 'applied' });
}

/**
 * A CRM record Trellis has no link for. If it carries a Trellis id, it is ours (a crash came
 * between the CRM's answer and our commit): link it. If it is marked as a partner there, it
 * becomes one here. Anything else is not Trellis's business.
 */
async function adoptCrmRecord(deps: SyncEngineDeps, tenantId: string, crm: Crm, mapping: ObjectMapping, row: PendingRecord, record: CrmRecord): Promise<void> {
  const values = fromCrmValues(mapping, record.values);
  const trellisId = record.values[mapping.idField];
  const ours = trellisId && /^[0-9a-f-]{36}$/.test(trellisId) ? await getPartner(deps.db, tenantId, trellisId) : null;
  if (ours) {
    const existing = await linksByEntity(deps.db, tenantId, crm, 'partner', [ours.id]);
    if (!existing.has(ours.id)) {
      // Agree only on what already matches, so the next round pushes the rest.
      const agreed: FieldValues = Object.fromEntries(Object.entries(partnerValues(ours)).filter(([k, v]) => values[k] === v));
      await saveLink(deps.db, tenantId, crm, 'partner', { entityId: ours.id, crmId: record.id, syncedValues: agreed, syncedHash: hashValues(agreed), crmModifiedAt: record.modifiedAt });
      await markPending(deps.db, tenantId, crm, 'partner', [entityKey(ours.id)]);
    }
    await clearPending(deps.db, tenantId, crm, [row]);
    return;
  }
  if (values.tier === null) {
    await clearPending(deps.db, tenantId, crm, [row]);
    return;
  }
  const input = partnerInputFrom(values);
  if (!input.ok) {
    await park(deps.db, tenantId, crm, row, `${CRM_LABEL[crm]} record ${record.id} is marked as a partner but cannot become one: ${input.reason}`, { crmId: record.id, values });
    await clearPending(deps.db, tenantId, crm, [row]);
    return;
  }
  await deps.db.transaction(async (tx) => {
    const partnerId = await createPartnerFromCrm(tx, tenantId, crm, input.value);
    const created = await getPartner(tx, tenantId, partnerId);
    // What the CRM holds now is agreed; the Trellis id (and any normalised value) goes back on the next round.
    const agreed = Object.fromEntries(Object.entries(partnerValues(created!)).filter(([k, v]) => values[k] === v));
    await saveLink(tx, tenantId, crm, 'partner', { entityId: partnerId, crmId: record.id, syncedValues: agreed, syncedHash: hashValues(agreed), crmModifiedAt: record.modifiedAt });
    await markPending(tx, tenantId, crm, 'partner', [entityKey(partnerId)]);
    await clearPending(tx, tenantId, crm, [row]);
  });
  deps.metrics?.records.inc({ crm, direction: 'inbound', outcome: 'created' });
}

