import type { EventPayload, EventTopic, StoredEvent } from '../domain/events';
import { activeTraceparent } from '../telemetry/spans';
import type { Queryable } from './db';

/**
 * The `traceparent` of the change an event announces rides in its stored payload (the outbox has no
 * column for it), beside the catalog's fields; reading the event against the catalog leaves it out
 * of the payload and on the event. Untraced changes store nothing extra.
 */
const TRACEPARENT = 'traceparent';

/** Domain events written in the same transaction as the change they describe; the catalog (domain/events) says what each topic carries. */
export async function appendOutboxEvent<T extends EventTopic>(
  q: Queryable,
  tenantId: string,
  topic: T,
  aggregateId: string,
  payload: EventPayload<T>,
): Promise<void> {
  await appendOutboxEvents(q, tenantId, topic, [{ aggregateId, payload }]);
}

/** Several events of one topic in one statement, in the order given. */
export async function appendOutboxEvents<T extends EventTopic>(
  q: Queryable,
  tenantId: string,
  topic: T,
  events: readonly { aggregateId: string; payload: EventPayload<T> }[],
): Promise<void> {
  if (events.length === 0) return;
  const traceparent = activeTraceparent();
  const stored = (payload: EventPayload<T>) => (traceparent ? { ...payload, [TRACEPARENT]: traceparent } : payload);
  await q.query(
    `INSERT INTO outbox (tenant_id, topic, aggregate_id, payload)
     SELECT $1, $2, (e.event ->> 'aggregate_id')::uuid, e.event -> 'payload'
     FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e (event, position) ORDER BY e.position`,
    [tenantId, topic, JSON.stringify(events.map((e) => ({ aggregate_id: e.aggregateId, payload: stored(e.payload) })))],
  );
}

/** Who acted, as the audit log records it: the name, and beside it the key and the person a client named. */
export interface AuditActor {
  name: string;
  apiKey?: { id: string };
  decidedBy?: string;
}

export interface AuditEntry {
  /** A bare name for Trellis's own actors (sync, a CRM); the caller's actor otherwise. */
  actor: string | AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(q: Queryable, tenantId: string, entry: AuditEntry): Promise<void> {
  const actor = typeof entry.actor === 'string' ? { name: entry.actor } : entry.actor;
  const details = {
    ...entry.details,
    ...(actor.apiKey ? { apiKeyId: actor.apiKey.id } : {}),
    ...(actor.decidedBy ? { decidedBy: actor.decidedBy } : {}),
  };
  await q.query(
    'INSERT INTO audit_log (tenant_id, actor, action, entity_type, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
    [tenantId, actor.name, entry.action, entry.entityType, entry.entityId, JSON.stringify(details)],
  );
}

interface EventRow {
  id: string | number;
  tenant_id: string;
  topic: string;
  aggregate_id: string;
  payload: unknown;
  created_at: Date;
}

/** As stored: consumers read it against the event catalog (domain/events `readEvent`). */
function toEvent(r: EventRow): StoredEvent {
  const traceparent = (r.payload as Record<string, unknown> | null)?.[TRACEPARENT];
  return {
    id: String(r.id),
    tenantId: r.tenant_id,
    topic: r.topic,
    aggregateId: r.aggregate_id,
    payload: r.payload,
    createdAt: r.created_at,
    ...(typeof traceparent === 'string' ? { traceparent } : {}),
  };
}

/**
 * Claims the oldest unpublished events for the rest of the transaction. SKIP LOCKED lets
 * several processes relay at once without taking the same events.
 */
export async function claimUnpublishedEvents(q: Queryable, limit: number): Promise<StoredEvent[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT id, tenant_id, topic, aggregate_id, payload, created_at FROM outbox
     WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return rows.map(toEvent);
}

/** One event by id, for consumers whose jobs carry only the id. */
export async function getOutboxEvent(q: Queryable, tenantId: string, id: string): Promise<StoredEvent | null> {
  const { rows } = await q.query<EventRow>('SELECT id, tenant_id, topic, aggregate_id, payload, created_at FROM outbox WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    id,
  ]);
  return rows[0] ? toEvent(rows[0]) : null;
}

export async function markPublished(q: Queryable, ids: string[]): Promise<void> {
  if (ids.length > 0) await q.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [ids]);
}
