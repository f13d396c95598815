import type { InboundEvent } from '../../../store/inboundEvents';
import { crmKey } from '../../../store/syncPending';
import { ENTITY_KINDS, type EntityKind } from '../../../domain/crm';
import type { SyncMapping } from '../../mapping/types';

/** A change event as the Pub/Sub client hands it over: bitmaps already decoded to field names. */
export interface ReceivedChangeEvent {
  /** The event's UUID: the same on every replay, so it is the dedupe key. */
  id: string;
  replayId: number;
  payload: {
    ChangeEventHeader: {
      entityName: string;
      recordIds: string[];
      changeType: string;
      changeOrigin: string;
      commitTimestamp: number | bigint;
      changedFields: string[];
      nulledFields: string[];
    };
  };
}

/** What Trellis keeps of an event: the header, without the field values it reads from Salesforce anyway. */
function summary(event: ReceivedChangeEvent, recordId: string) {
  const h = event.payload.ChangeEventHeader;
  return { eventId: event.id, replayId: event.replayId, entityName: h.entityName, recordId, changeType: h.changeType, changeOrigin: h.changeOrigin, changedFields: h.changedFields, commitTimestamp: Number(h.commitTimestamp) };
}

/** Whether the change was made by the API client that names itself `clientId` in `Sforce-Call-Options`. */
export function madeBy(changeOrigin: string, clientId: string): boolean {
  return changeOrigin.split(/[;,]/).some((part) => part.trim() === `client=${clientId}`);
}

/**
 * A change event as inbound events, one per record it names: Trellis's own writes (by
 * `changeOrigin`) are echoes; updates that touch none of the mapped fields are ignored;
 * everything else marks the record for sync, which reads it from Salesforce.
 */
export function inboundEventsFrom(event: ReceivedChangeEvent, mapping: SyncMapping, trellisClientId: string): InboundEvent[] {
  const header = event.payload.ChangeEventHeader;
  const kind = ENTITY_KINDS.find((k) => mapping[k].salesforce.object === header.entityName) ?? null;
  return header.recordIds.map((recordId) => {
    const base = { dedupeKey: `cdc:${event.id}:${recordId}`, payload: summary(event, recordId) };
    if (!kind) return { ...base, status: 'ignored', record: null };
    if (madeBy(header.changeOrigin, trellisClientId)) return { ...base, status: 'echo', record: null };
    if (header.changeType === 'UPDATE' && !touchesMapping(mapping, kind, header.changedFields)) return { ...base, status: 'ignored', record: null };
    return { ...base, status: 'queued', record: { kind, key: crmKey(recordId) } };
  });
}

function touchesMapping(mapping: SyncMapping, kind: EntityKind, changedFields: string[]): boolean {
  const object = mapping[kind].salesforce;
  const mapped = new Set([object.idField, ...object.fields.map((f) => f.crmField)].map((f) => f.toLowerCase()));
  return changedFields.some((f) => mapped.has(f.toLowerCase()));
}
