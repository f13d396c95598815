import type { Queryable } from './db';

/** Domain events written in the same transaction as the change they describe. */
export async function appendOutboxEvent(
  q: Queryable,
  tenantId: string,
  topic: string,
  aggregateId: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await q.query('INSERT INTO outbox (tenant_id, topic, aggregate_id, payload) VALUES ($1, $2, $3, $4::jsonb)', [
    tenantId,
    topic,
    aggregateId,
    JSON.stringify(payload),
  ]);
}

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(q: Queryable, tenantId: string, entry: AuditEntry): Promise<void> {
  await q.query(
    'INSERT INTO audit_log (tenant_id, actor, action, entity_type, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
    [tenantId, entry.actor, entry.action, entry.entityType, entry.entityId, JSON.stringify(entry.details ?? {})],
  );
}
