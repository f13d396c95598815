import type { DomainEvent } from '../../domain/events';
import type { OutboxSubscriber } from '../../jobs/outboxRelay';
import { ENTITY_KINDS, type Crm, type EntityKind } from '../../domain/crm';
import type { Queryable } from '../../store/db';
import { entityKey, markPending } from '../../store/syncPending';
import { connectedCrms } from '../../store/syncState';
import { inTrace } from '../../telemetry/spans';
import type { SyncRuntime } from './runtime';

/** The changed entity, for the events the CRMs must hear about; every topic is named, so a new one needs a decision here. */
function changedEntity(event: DomainEvent): { kind: EntityKind; id: string } | null {
  switch (event.topic) {
    case 'partner.created':
    case 'partner.updated':
      return { kind: 'partner', id: event.payload.partnerId };
    case 'deal_registration.submitted':
    case 'deal_registration.updated':
    case 'deal_registration.approved':
    case 'deal_registration.rejected':
    case 'deal_registration.won':
    case 'deal_registration.lost':
    case 'deal_registration.expired':
      return { kind: 'registration', id: event.payload.registrationId };
    // The SLA reminder changes nothing about the registration.
    case 'deal_registration.sla_breached':
    // A question and its answer are kept in Trellis; no CRM field holds them.
    case 'deal_registration.details_requested':
    case 'deal_registration.details_answered':
    case 'partner.at_risk':
    case 'partner.recovered':
    case 'channel_conflict.detected':
    case 'channel_conflict.resolved':
    case 'channel_conflict.details_requested':
    case 'sync_conflict.detected':
    case 'sync_conflict.resolved':
    case 'crm_connection.connected':
    case 'crm_connection.disconnected':
    case 'slack.installed':
    case 'referral.assigned':
    case 'referral.accepted':
    case 'referral.declined':
    case 'referral.closed':
    case 'co_sell.requested':
    case 'partner_user.sign_in_link_created':
      return null;
  }
}

/**
 * Partner and registration changes committed in Trellis become waiting records for every
 * connected CRM — except the CRM the change came from. Marking is idempotent, so a
 * redelivered event only coalesces with itself. A wake-up continues the trace of the first
 * change that asked for it, so the CRM write joins the trace of what caused it.
 */
export function syncOutboxSubscriber(runtime: SyncRuntime, onConnected: (event: DomainEvent<'crm_connection.connected'>) => Promise<void>): OutboxSubscriber {
  return {
    name: 'crm-sync',
    accepts: (event) => event.topic === 'crm_connection.connected' || changedEntity(event) !== null,
    async deliver(events, tx: Queryable) {
      const connected: DomainEvent<'crm_connection.connected'>[] = [];
      const byTenant = new Map<string, DomainEvent[]>();
      for (const event of events) {
        if (event.topic === 'crm_connection.connected') connected.push(event);
        else byTenant.set(event.tenantId, [...(byTenant.get(event.tenantId) ?? []), event]);
      }
      const wakes: [string, Crm, string | undefined][] = [];
      for (const [tenantId, changes] of byTenant) {
        for (const crm of await connectedCrms(tx, tenantId)) {
          const keys: Record<EntityKind, string[]> = { partner: [], registration: [] };
          const toThisCrm = changes.filter((event) => event.payload.origin !== crm);
          for (const event of toThisCrm) {
            const changed = changedEntity(event);
            if (changed) keys[changed.kind].push(entityKey(changed.id));
          }
          if (keys.partner.length + keys.registration.length === 0) continue;
          for (const kind of ENTITY_KINDS) await markPending(tx, tenantId, crm, kind, keys[kind]);
          wakes.push([tenantId, crm, toThisCrm.find((event) => event.traceparent)?.traceparent]);
        }
      }
      // Workers must find the waiting records committed, so they are woken after the relay commits.
      return async () => {
        for (const event of connected) await onConnected(event);
        for (const [tenantId, crm, traceparent] of wakes) await inTrace(traceparent, () => runtime.wake(tenantId, crm));
      };
    },
  };
}
