import type { OutboxSubscriber } from '../../jobs/outboxRelay';
import type { Crm } from '../../store/connections';
import type { Queryable } from '../../store/db';
import type { OutboxEvent } from '../../store/outbox';
import type { EntityKind } from '../../store/syncLinks';
import { entityKey, markPending } from '../../store/syncPending';
import { connectedCrms } from '../../store/syncState';
import type { SyncRuntime } from './runtime';

/** The entity kind a topic changes, for the topics the CRMs must hear about. */
function kindOfTopic(topic: string): EntityKind | null {
  if (topic === 'partner.created' || topic === 'partner.updated') return 'partner';
  // Every registration change but the SLA reminder, which changes nothing about the registration.
  if (topic.startsWith('deal_registration.') && topic !== 'deal_registration.sla_breached') return 'registration';
  return null;
}

const entityIdOf = (event: OutboxEvent, kind: EntityKind): string =>
  String((kind === 'partner' ? event.payload.partnerId : event.payload.registrationId) ?? event.aggregateId);

/**
 * Partner and registration changes committed in Trellis become waiting records for every
 * connected CRM — except the CRM the change came from. Marking is idempotent, so a
 * redelivered event only coalesces with itself.
 */
export function syncOutboxSubscriber(runtime: SyncRuntime, onConnected: (event: OutboxEvent) => Promise<void>): OutboxSubscriber {
  return {
    name: 'crm-sync',
    accepts: (topic) => topic === 'crm_connection.connected' || kindOfTopic(topic) !== null,
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
          const keys: Record<EntityKind, string[]> = { partner: [], registration: [] };
          for (const event of changes) {
            const kind = kindOfTopic(event.topic);
            if (kind && event.payload.origin !== crm) keys[kind].push(entityKey(entityIdOf(event, kind)));
          }
          if (keys.partner.length + keys.registration.length === 0) continue;
          for (const kind of ['partner', 'registration'] as const) await markPending(tx, tenantId, crm as Crm, kind, keys[kind]);
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
