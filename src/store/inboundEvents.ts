import type { Crm, EntityKind } from '../domain/crm';
import type { Queryable } from './db';
import { MARK_PENDING_ON_CONFLICT } from './syncPending';

export interface InboundEvent {
  dedupeKey: string;
  payload: unknown;
  /** queued: its record was marked for sync; echo: our own write reported back; ignored: nothing Trellis maps. */
  status: 'queued' | 'echo' | 'ignored';
  /** The CRM record the event asks Trellis to look at (none for echoes and unmapped objects). */
  record: { kind: EntityKind; key: string } | null;
}

/**
 * Stores webhook events once each and marks the records of the new ones for sync; returns the
 * dedupe keys that were new. One statement, so one atomic commit and one round trip per delivery.
 */
export async function storeInboundEvents(q: Queryable, tenantId: string, crm: Crm, events: InboundEvent[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const { rows } = await q.query<{ dedupe_key: string }>(
    `WITH stored AS (
       INSERT INTO inbound_events (tenant_id, crm, dedupe_key, payload, status)
       SELECT $1, $2, k, p, s FROM unnest($3::text[], $4::jsonb[], $5::text[]) AS e(k, p, s)
       ON CONFLICT (tenant_id, crm, dedupe_key) DO NOTHING RETURNING dedupe_key
     ), marked AS (
       INSERT INTO sync_pending (tenant_id, crm, entity_kind, record_key)
       SELECT DISTINCT $1::uuid, $2::text, r.kind, r.key FROM unnest($3::text[], $6::text[], $7::text[]) AS r(k, kind, key)
       JOIN stored ON stored.dedupe_key = r.k WHERE r.kind IS NOT NULL
       -- In key order, so concurrent deliveries naming the same records lock them in the same order instead of deadlocking.
       ORDER BY r.kind, r.key
       ${MARK_PENDING_ON_CONFLICT}
     )
     SELECT dedupe_key FROM stored`,
    [
      tenantId,
      crm,
      events.map((e) => e.dedupeKey),
      events.map((e) => JSON.stringify(e.payload)),
      events.map((e) => e.status),
      events.map((e) => e.record?.kind ?? null),
      events.map((e) => e.record?.key ?? null),
    ],
  );
  return new Set(rows.map((r) => r.dedupe_key));
}
