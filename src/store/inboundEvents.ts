import type { Crm } from './connections';
import type { Queryable } from './db';

export interface InboundEvent {
  dedupeKey: string;
  payload: unknown;
  /** queued: its record was marked for sync; echo: our own write reported back; ignored: nothing Trellis maps. */
  status: 'queued' | 'echo' | 'ignored';
}

/** Stores webhook events once each; returns the dedupe keys that were new. */
export async function storeInboundEvents(q: Queryable, tenantId: string, crm: Crm, events: InboundEvent[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const { rows } = await q.query<{ dedupe_key: string }>(
    `INSERT INTO inbound_events (tenant_id, crm, dedupe_key, payload, status)
     SELECT $1, $2, k, p, s FROM unnest($3::text[], $4::jsonb[], $5::text[]) AS e(k, p, s)
     ON CONFLICT (tenant_id, crm, dedupe_key) DO NOTHING RETURNING dedupe_key`,
    [tenantId, crm, events.map((e) => e.dedupeKey), events.map((e) => JSON.stringify(e.payload)), events.map((e) => e.status)],
  );
  return new Set(rows.map((r) => r.dedupe_key));
}
