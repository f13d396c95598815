import { randomUUID } from 'node:crypto';
import type { Crm, EntityKind } from '../domain/crm';
import type { Queryable } from './db';

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
  /** The side a person chose afterwards, overriding the automatic winner. */
  choice: ConflictChoice | null;
}

export interface ConflictChoice {
  winner: 'trellis' | 'crm';
  by: string;
  at: Date;
}

/**
 * Records a conflict once: a round that is retried (its outcome lost to a crash) finds the
 * same conflict again and must not report it twice. Returns the new id, or null if already known.
 */
export async function recordSyncConflict(q: Queryable, tenantId: string, c: Omit<SyncFieldConflict, 'id' | 'detectedAt' | 'choice'>): Promise<string | null> {
  const id = randomUUID();
  const { rowCount } = await q.query(
    `INSERT INTO sync_field_conflicts (id, tenant_id, entity_kind, entity_id, crm, crm_id, field, base_value, trellis_value, crm_value, winner, rule)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
     WHERE NOT EXISTS (SELECT 1 FROM sync_field_conflicts WHERE tenant_id = $2 AND entity_id = $4 AND crm = $5 AND field = $7
       AND base_value IS NOT DISTINCT FROM $8 AND trellis_value IS NOT DISTINCT FROM $9 AND crm_value IS NOT DISTINCT FROM $10)`,
    [id, tenantId, c.entityKind, c.entityId, c.crm, c.crmId, c.field, c.baseValue, c.trellisValue, c.crmValue, c.winner, c.rule],
  );
  return rowCount > 0 ? id : null;
}

interface ConflictRow {
  id: string; entity_kind: EntityKind; entity_id: string; crm: Crm; crm_id: string; field: string; base_value: string | null;
  trellis_value: string | null; crm_value: string | null; winner: 'trellis' | 'crm'; rule: string; detected_at: Date;
  chosen_winner: 'trellis' | 'crm' | null; chosen_by: string | null; chosen_at: Date | null;
}

const COLUMNS = 'id, entity_kind, entity_id, crm, crm_id, field, base_value, trellis_value, crm_value, winner, rule, detected_at, chosen_winner, chosen_by, chosen_at';
const toConflict = (r: ConflictRow): SyncFieldConflict => ({
  id: r.id, entityKind: r.entity_kind, entityId: r.entity_id, crm: r.crm, crmId: r.crm_id, field: r.field, baseValue: r.base_value,
  trellisValue: r.trellis_value, crmValue: r.crm_value, winner: r.winner, rule: r.rule, detectedAt: r.detected_at,
  choice: r.chosen_winner && r.chosen_by && r.chosen_at ? { winner: r.chosen_winner, by: r.chosen_by, at: r.chosen_at } : null,
});

export async function listSyncConflicts(q: Queryable, tenantId: string, limit: number): Promise<SyncFieldConflict[]> {
  const { rows } = await q.query<ConflictRow>(`SELECT ${COLUMNS} FROM sync_field_conflicts WHERE tenant_id = $1 ORDER BY detected_at DESC, id DESC LIMIT $2`, [tenantId, limit]);
  return rows.map(toConflict);
}

/** `forUpdate` locks the conflict until the transaction ends, so one choice is made once. */
export async function getSyncConflict(q: Queryable, tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<SyncFieldConflict | null> {
  const { rows } = await q.query<ConflictRow>(`SELECT ${COLUMNS} FROM sync_field_conflicts WHERE tenant_id = $1 AND id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`, [tenantId, id]);
  return rows[0] ? toConflict(rows[0]) : null;
}

export async function recordConflictChoice(q: Queryable, tenantId: string, id: string, choice: ConflictChoice): Promise<void> {
  await q.query('UPDATE sync_field_conflicts SET chosen_winner = $3, chosen_by = $4, chosen_at = $5 WHERE tenant_id = $1 AND id = $2', [tenantId, id, choice.winner, choice.by, choice.at]);
}
