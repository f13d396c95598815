import type { Queryable } from './db';

/** One audited change as an admin reads it back. */
export interface AuditEntry {
  id: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
  at: Date;
}

export interface AuditFilter {
  limit: number;
  /** Entries older than this one (its id, as the previous page's cursor). */
  before?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
}

/** The tenant's audit log, newest first; ids grow with time, so the last id of a page is the next page's cursor. */
export async function listAuditEntries(q: Queryable, tenantId: string, f: AuditFilter): Promise<{ data: AuditEntry[]; nextBefore: string | null }> {
  const { rows } = await q.query<{ id: string; actor: string; action: string; entity_type: string; entity_id: string; details: Record<string, unknown>; at: Date }>(
    `SELECT id::text, actor, action, entity_type, entity_id, details, at FROM audit_log
     WHERE tenant_id = $1 AND ($2::bigint IS NULL OR id < $2) AND ($3::text IS NULL OR entity_type = $3)
       AND ($4::uuid IS NULL OR entity_id = $4) AND ($5::text IS NULL OR action = $5)
     ORDER BY id DESC LIMIT $6`,
    [tenantId, f.before ?? null, f.entityType ?? null, f.entityId ?? null, f.action ?? null, f.limit + 1],
  );
  const data = rows.slice(0, f.limit).map((r) => ({ id: r.id, actor: r.actor, action: r.action, entityType: r.entity_type, entityId: r.entity_id, details: r.details, at: r.at }));
  return { data, nextBefore: rows.length > f.limit ? data[data.length - 1]!.id : null };
}
