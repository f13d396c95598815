import type { Logger } from 'pino';
import type { Crm } from '../src/store/connections';
import type { Db } from '../src/store/db';
import { storeInboundEvents, type InboundEvent } from '../src/store/inboundEvents';
import { markPending } from '../src/store/syncPending';
import type { EntityKind } from '../src/store/syncLinks';
import type { SyncMetrics } from '../src/sync/engine/metrics';
import type { SyncRuntime } from '../src/sync/engine/runtime';

/** A received event and the CRM record it asks Trellis to look at (none for echoes and unmapped objects). */
export interface ReceivedEvent extends InboundEvent {
  record: { kind: EntityKind; key: string } | null;
}

export interface InboundDeps {
  db: Db;
  runtime: SyncRuntime;
  logger: Logger;
  metrics?: SyncMetrics | undefined;
}

/**
 * Stores a delivery durably — each event once, its records marked for sync in the same
 * transaction — and only then wakes the sync. The CRM is never acknowledged before the commit,
 * but it does not wait for the wake-up: the marked records are already durable, and if the
 * wake-up is lost (a crash, Redis slow or away) the sweeper finds them.
 */
export async function acceptEvents(deps: InboundDeps, tenantId: string, crm: Crm, events: ReceivedEvent[]): Promise<number> {
  const fresh = await deps.db.transaction(async (tx) => {
    const stored = await storeInboundEvents(tx, tenantId, crm, events);
    const byKind = new Map<EntityKind, string[]>();
    for (const e of events) {
      if (!stored.has(e.dedupeKey) || !e.record) continue;
      byKind.set(e.record.kind, [...(byKind.get(e.record.kind) ?? []), e.record.key]);
    }
    for (const [kind, keys] of byKind) await markPending(tx, tenantId, crm, kind, keys);
    return stored;
  });
  for (const e of events) deps.metrics?.webhookEvents.inc({ crm, outcome: fresh.has(e.dedupeKey) ? e.status : 'duplicate' });
  if (events.some((e) => fresh.has(e.dedupeKey) && e.record)) {
    void deps.runtime.wake(tenantId, crm).catch((err: Error) => deps.logger.warn({ tenantId, crm, err: err.message }, 'sync wake-up failed; the sweeper will pick the records up'));
  }
  return fresh.size;
}
