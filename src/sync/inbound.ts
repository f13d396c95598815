import type { Logger } from 'pino';
import type { Crm } from '../domain/crm';
import { findWebhookTenant } from '../store/connections';
import type { Db } from '../store/db';
import { storeInboundEvents, type InboundEvent } from '../store/inboundEvents';
import { inSpan } from '../telemetry/spans';
import type { SyncMetrics } from './engine/metrics';
import type { SyncRuntime } from './engine/runtime';
import { mappingInForce } from './mapping/load';
import type { SyncMapping } from './mapping/types';

/** What taking in CRM changes needs, whichever way they arrive: webhook deliveries, Outbound Messages, change events. */
export interface InboundDeps {
  db: Db;
  runtime: SyncRuntime;
  logger: Logger;
  metrics?: SyncMetrics | undefined;
}

/** The tenant a delivery is for, from the CRM account it names, and the mapping that sorts its events. */
export async function findInboundTenant(deps: InboundDeps, crm: Crm, externalAccountId: string): Promise<{ tenantId: string; mapping: SyncMapping } | null> {
  const found = await findWebhookTenant(deps.db, crm, externalAccountId);
  return found && { tenantId: found.tenantId, mapping: mappingInForce(found.savedMapping) };
}

/**
 * Stores a delivery durably — each event once, its records marked for sync in the same
 * statement — and only then wakes the sync. The CRM is never acknowledged before the commit,
 * but it does not wait for the wake-up: the marked records are already durable, and if the
 * wake-up is lost (a crash, Redis slow or away) the sweeper finds them.
 * The `webhook.receive` span is where the trace of the CRM writes the delivery causes begins.
 */
export function acceptEvents(deps: InboundDeps, tenantId: string, crm: Crm, events: InboundEvent[]): Promise<number> {
  const attributes = { 'trellis.crm': crm, 'trellis.tenant_id': tenantId, 'trellis.webhook.events': events.length };
  return inSpan('webhook.receive', { kind: 'consumer', attributes }, async (span) => {
    const fresh = await storeInboundEvents(deps.db, tenantId, crm, events);
    span.setAttribute('trellis.webhook.accepted', fresh.size);
    for (const e of events) deps.metrics?.webhookEvents.inc({ crm, outcome: fresh.has(e.dedupeKey) ? e.status : 'duplicate' });
    if (events.some((e) => fresh.has(e.dedupeKey) && e.record)) {
      void deps.runtime.wake(tenantId, crm).catch((err: Error) => deps.logger.warn({ tenantId, crm, err: err.message }, 'sync wake-up failed; the sweeper will pick the records up'));
    }
    return fresh.size;
  });
}
