import type { OutboxSubscriber } from '../../jobs/outboxRelay';
import type { Crm } from '../../store/connections';
import type { Queryable } from '../../store/db';
import type { OutboxEvent } from '../../store/outbox';
import { entityKey, markPending } from '../../store/syncPending';
import { connectedCrms } from '../../store/syncState';
import type { SyncRuntime } from './runtime';

const PARTNER_TOPICS = new Set(['partner.created', 'partner.updated']);

/**
 * Partner changes committed in Trellis become waiting records for every connected CRM —
 * except the CRM the change came from. Marking is idempotent, so a redelivered event only
 * coalesces with itself.
 */
export function syncOutboxSubscriber(db: Queryable, runtime: SyncRuntime, onConnected: (event: OutboxEvent) => Promise<void>): OutboxSubscriber {
  return {
    name: 'crm-sync',
    accepts: (topic) => PARTNER_TOPICS.has(topic) || topic === 'crm_connection.connected',
    async deliver(events) {
      const byTenant = new Map<string, OutboxEvent[]>();
      for (const event of events) {
        if (event.topic === 'crm_connection.connected') await onConnected(event);
        else byTenant.set(event.tenantId, [...(byTenant.get(event.tenantId) ?? []), event]);
      }
      for (const [tenantId, changes] of byTenant) {
        for (const crm of await connectedCrms(db, tenantId)) {
          const keys = changes.filter((e) => e.payload.origin !== crm).map((e) => entityKey(String(e.payload.partnerId ?? e.aggregateId)));
          if (keys.length === 0) continue;
          await markPending(db, tenantId, crm as Crm, 'partner', keys);
          await runtime.wake(tenantId, crm);
        }
      }
    },
  };
}
