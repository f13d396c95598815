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
export function syncOutboxSubscriber(runtime: SyncRuntime, onConnected: (event: OutboxEvent) => Promise<void>): OutboxSubscriber {
  return {
    name: 'crm-sync',
    accepts: (topic) => PARTNER_TOPICS.has(topic) || topic === 'crm_connection.connected',
    async deliver(events, tx: Queryable) {
      const connected: OutboxEvent[] = [];
      const byTenant = new Map<string, OutboxEvent[]>();
      for (const event of events) {
        if (event.topic === 'crm_connection.connected') connected.push(event);
        else byTenant.set(event.tenantId, [...(byTenant.get(event.tenantId) ?? []), event]);
      }
      const wakes: [string, Crm][] = [];
      for (const [tenantId, changes] of byTenant) {
        for (const crm of await connectedCrms(tx, tenantId)) {
          const keys = changes.filter((e) => e.payload.origin !== crm).map((e) => entityKey(String(e.payload.partnerId ?? e.aggregateId)));
          if (keys.length === 0) continue;
          await markPending(tx, tenantId, crm as Crm, 'partner', keys);
          wakes.push([tenantId, crm as Crm]);
        }
      }
      // Workers must find the waiting records committed, so they are woken after the relay commits.
      return async () => {
        for (const event of connected) await onConnected(event);
        for (const [tenantId, crm] of wakes) await runtime.wake(tenantId, crm);
      };
    },
  };
}
