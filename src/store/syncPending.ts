import type { Crm, EntityKind } from '../domain/crm';
import type { Queryable } from './db';

/** A record waiting to be synced with one CRM: `e:<trellis id>` or `c:<crm id>`. */
export interface PendingRecord {
  kind: EntityKind;
  key: string;
  version: number;
  attempts: number;
}

export const entityKey = (id: string) => `e:${id}`;
export const crmKey = (id: string) => `c:${id}`;

/** Which side a waiting record was marked from: a Trellis entity by its id, or a CRM record by the CRM's id. */
export type RecordKey = { side: 'entity'; entityId: string } | { side: 'crm'; crmId: string };

/** Reads a record key written by entityKey or crmKey; any other text is a bug, not data. */
export function parseRecordKey(key: string): RecordKey {
  const [, side, id] = /^([ec]):(.+)$/s.exec(key) ?? [];
  if (side === 'e') return { side: 'entity', entityId: id! };
  if (side === 'c') return { side: 'crm', crmId: id! };
  throw new Error(`"${key}" is not a sync record key`);
}

/** How a record is marked dirty: one already waiting keeps its place and its backoff, and notes the newer change. */
export const MARK_PENDING_ON_CONFLICT = 'ON CONFLICT (tenant_id, crm, entity_kind, record_key) DO UPDATE SET version = sync_pending.version + 1';

/** Marks records dirty (see MARK_PENDING_ON_CONFLICT). */
export async function markPending(q: Queryable, tenantId: string, crm: Crm, kind: EntityKind, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await q.query(
    `INSERT INTO sync_pending (tenant_id, crm, entity_kind, record_key)
     SELECT $1, $2, $3, k FROM unnest($4::text[]) AS k
     ${MARK_PENDING_ON_CONFLICT}`,
    [tenantId, crm, kind, [...new Set(keys)]],
  );
}

/**
 * Records due now, longest waiting first: of one entity kind when `kind` is given, and
 * without the ones (`kind:key`) a batch running alongside holds — skipped after the index
 * scan rather than in it, so the query stays an ordered index read. `now` counts milliseconds and
 * the store microseconds: a record marked within the same millisecond is due too.
 */
export async function duePending(
  q: Queryable,
  tenantId: string,
  crm: Crm,
  limit: number,
  now: Date,
  options: { kind?: EntityKind; held?: ReadonlySet<string> } = {},
): Promise<PendingRecord[]> {
  const held = options.held ?? new Set<string>();
  const { rows } = await q.query<{ entity_kind: EntityKind; record_key: string; version: string; attempts: number }>(
    `SELECT entity_kind, record_key, version, attempts FROM sync_pending
     WHERE tenant_id = $1 AND crm = $2 AND due_at < $3::timestamptz + interval '1 millisecond' AND ($5::text IS NULL OR entity_kind = $5)
     ORDER BY due_at, record_key LIMIT $4`,
    [tenantId, crm, now, limit + held.size, options.kind ?? null],
  );
  return rows
    .filter((r) => !held.has(`${r.entity_kind}:${r.record_key}`))
    .slice(0, limit)
    .map((r) => ({ kind: r.entity_kind, key: r.record_key, version: Number(r.version), attempts: r.attempts }));
}

/** Done with these records, unless a newer change arrived while they were being synced. */
export async function clearPending(q: Queryable, tenantId: string, crm: Crm, records: PendingRecord[]): Promise<void> {
  if (records.length === 0) return;
  await q.query(
    `DELETE FROM sync_pending p USING unnest($3::text[], $4::text[], $5::bigint[]) AS d(kind, key, version)
     WHERE p.tenant_id = $1 AND p.crm = $2 AND p.entity_kind = d.kind AND p.record_key = d.key AND p.version = d.version`,
    [tenantId, crm, records.map((r) => r.kind), records.map((r) => r.key), records.map((r) => r.version)],
  );
}

/** Try these records again later, remembering why they failed. */
export async function deferPending(q: Queryable, tenantId: string, crm: Crm, records: PendingRecord[], dueAt: Date, error: string): Promise<void> {
  if (records.length === 0) return;
  await q.query(
    `UPDATE sync_pending p SET due_at = $5, attempts = attempts + 1, last_error = $6
     FROM unnest($3::text[], $4::text[]) AS d(kind, key)
     WHERE p.tenant_id = $1 AND p.crm = $2 AND p.entity_kind = d.kind AND p.record_key = d.key`,
    [tenantId, crm, records.map((r) => r.kind), records.map((r) => r.key), dueAt, error],
  );
}

/** Which connections have records due (by the same millisecond rule as `duePending`): the sweeper's system-wide look, the one query that spans tenants. */
export async function connectionsWithDueRecords(q: Queryable, now: Date): Promise<Array<{ tenantId: string; crm: Crm; earliest: Date }>> {
  const { rows } = await q.query<{ tenant_id: string; crm: Crm; earliest: Date }>(
    "SELECT tenant_id, crm, min(due_at) AS earliest FROM sync_pending WHERE due_at < $1::timestamptz + interval '1 millisecond' GROUP BY tenant_id, crm",
    [now],
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, crm: r.crm, earliest: r.earliest }));
}

export async function pendingSummary(q: Queryable, tenantId: string): Promise<Array<{ crm: Crm; waiting: number; oldest: Date | null; lastError: string | null }>> {
  const { rows } = await q.query<{ crm: Crm; waiting: string; oldest: Date | null; last_error: string | null }>(
    `SELECT crm, count(*) AS waiting, min(first_seen_at) AS oldest,
       (array_agg(last_error ORDER BY attempts DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
     FROM sync_pending WHERE tenant_id = $1 GROUP BY crm`,
    [tenantId],
  );
  return rows.map((r) => ({ crm: r.crm, waiting: Number(r.waiting), oldest: r.oldest, lastError: r.last_error }));
}
