import { randomUUID } from 'node:crypto';
import type { Crm } from './connections';
import type { Queryable } from './db';
import type { EntityKind } from './syncLinks';

export interface SyncFieldConflict {
  id: string;
  entityKind: EntityKind;
  entityId: string;
  crm: Crm;
  crmId: string;
  field: string;
  baseValue: string | null;
  trellisValue: string | null;
  crmValue: string | null;
  winner: 'trellis' | 'crm';
  rule: string;
  detectedAt: Date;
}

export async function insertSyncConflict(q: Queryable, tenantId: string, c: Omit<SyncFieldConflict, 'id' | 'detectedAt'>): Promise<string> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO sync_field_conflicts (id, tenant_id, entity_kind, entity_id, crm, crm_id, field, base_value, trellis_value, crm_value, winner, rule)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [id, tenantId, c.entityKind, c.entityId, c.crm, c.crmId, c.field, c.baseValue, c.trellisValue, c.crmValue, c.winner, c.rule],
  );
  return id;
}

export async function listSyncConflicts(q: Queryable, tenantId: string, limit: number): Promise<SyncFieldConflict[]> {
  const { rows } = await q.query<{
    id: string; entity_kind: EntityKind; entity_id: string; crm: Crm; crm_id: string; field: string; base_value: string | null;
    trellis_value: string | null; crm_value: string | null; winner: 'trellis' | 'crm'; rule: string; detected_at: Date;
  }>(
    `SELECT id, entity_kind, entity_id, crm, crm_id, field, base_value, trellis_value, crm_value, winner, rule, detected_at
     FROM sync_field_conflicts WHERE tenant_id = $1 ORDER BY detected_at DESC, id DESC LIMIT $2`,
    [tenantId, limit],
  );
  return rows.map((r) => ({
    id: r.id, entityKind: r.entity_kind, entityId: r.entity_id, crm: r.crm, crmId: r.crm_id, field: r.field, baseValue: r.base_value,
    trellisValue: r.trellis_value, crmValue: r.crm_value, winner: r.winner, rule: r.rule, detectedAt: r.detected_at,
  }));
}
