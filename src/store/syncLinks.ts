import type { Crm, EntityKind } from '../domain/crm';
import type { Queryable } from './db';

/** One Trellis entity's record in one CRM, with what both last agreed on. */
export interface SyncLink {
  entityId: string;
  crmId: string;
  syncedValues: Record<string, string | null>;
  /** Null while nothing is agreed with the record (it became the entity's by a merge). */
  syncedHash: string | null;
  /** Values sent to the CRM whose outcome was never recorded (a crash, a failed batch): still ours if the CRM holds them. */
  writing: Record<string, string | null>;
  crmModifiedAt: Date | null;
  tombstonedAt: Date | null;
}

/** Kept inside synced_values under a key no field can have, so one column holds both. */
const WRITING = '@writing';

interface LinkRow {
  entity_id: string;
  crm_id: string;
  synced_values: Record<string, string | null>;
  synced_hash: string | null;
  crm_modified_at: Date | null;
  tombstoned_at: Date | null;
}

const COLUMNS = 'entity_id, crm_id, synced_values, synced_hash, crm_modified_at, tombstoned_at';
const toLink = (r: LinkRow): SyncLink => {
  const { [WRITING]: writing, ...syncedValues } = r.synced_values as Record<string, unknown>;
  return {
    entityId: r.entity_id,
    crmId: r.crm_id,
    syncedValues: syncedValues as Record<string, string | null>,
    writing: (writing ?? {}) as Record<string, string | null>,
    syncedHash: r.synced_hash,
    crmModifiedAt: r.crm_modified_at,
    tombstonedAt: r.tombstoned_at,
  };
};

export async function linksByEntity(q: Queryable, tenantId: string, crm: Crm, kind: EntityKind, entityIds: string[]): Promise<Map<string, SyncLink>> {
  if (entityIds.length === 0) return new Map();
  const { rows } = await q.query<LinkRow>(
    `SELECT ${COLUMNS} FROM sync_links WHERE tenant_id = $1 AND crm = $2 AND entity_kind = $3 AND entity_id = ANY($4::uuid[])`,
    [tenantId, crm, kind, entityIds],
  );
  return new Map(rows.map((r) => [r.entity_id, toLink(r)]));
}

export async function linksByCrmId(q: Queryable, tenantId: string, crm: Crm, kind: EntityKind, crmIds: string[]): Promise<Map<string, SyncLink>> {
  if (crmIds.length === 0) return new Map();
  const { rows } = await q.query<LinkRow>(
    `SELECT ${COLUMNS} FROM sync_links WHERE tenant_id = $1 AND crm = $2 AND entity_kind = $3 AND crm_id = ANY($4::text[])`,
    [tenantId, crm, kind, crmIds],
  );
  return new Map(rows.map((r) => [r.crm_id, toLink(r)]));
}

export interface LinkState {
  entityId: string;
  crmId: string;
  syncedValues: Record<string, string | null>;
  syncedHash: string;
  crmModifiedAt: Date | null;
}

/**
 * Records what both sides now agree on for these records, in one statement, clearing any
 * write intent and tombstone; an older CRM stamp never replaces a newer one.
 */
export async function saveLinks(q: Queryable, tenantId: string, crm: Crm, kind: EntityKind, links: LinkState[]): Promise<void> {
  if (links.length === 0) return;
  await q.query(
    `INSERT INTO sync_links (tenant_id, entity_kind, entity_id, crm, crm_id, synced_values, synced_hash, crm_modified_at)
     SELECT $1, $2, l.entity_id, $3, l.crm_id, l.synced_values::jsonb, l.synced_hash, l.crm_modified_at
     FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[]) AS l(entity_id, crm_id, synced_values, synced_hash, crm_modified_at)
     ON CONFLICT (tenant_id, entity_kind, entity_id, crm) DO UPDATE SET crm_id = EXCLUDED.crm_id, synced_values = EXCLUDED.synced_values,
       synced_hash = EXCLUDED.synced_hash, crm_modified_at = GREATEST(sync_links.crm_modified_at, EXCLUDED.crm_modified_at),
       tombstoned_at = NULL, tombstone_reason = NULL, updated_at = now()`,
    [
      tenantId,
      kind,
      crm,
      links.map((l) => l.entityId),
      links.map((l) => l.crmId),
      links.map((l) => JSON.stringify(l.syncedValues)),
      links.map((l) => l.syncedHash),
      links.map((l) => l.crmModifiedAt),
    ],
  );
}

/**
 * Notes what is about to be written to each linked record, before the CRM call: if the
 * outcome is never recorded, the next merge still recognises those values as our own write
 * instead of mistaking them for a CRM user's edit. Recording the outcome (saveLinks) clears it.
 */
export async function recordWriteIntent(q: Queryable, tenantId: string, crm: Crm, kind: EntityKind, intents: Array<{ crmId: string; values: Record<string, string | null> }>): Promise<void> {
  if (intents.length === 0) return;
  await q.query(
    `UPDATE sync_links l SET synced_values = l.synced_values || jsonb_build_object('${WRITING}', i.values)
     FROM unnest($4::text[], $5::jsonb[]) AS i(crm_id, values)
     WHERE l.tenant_id = $1 AND l.crm = $2 AND l.entity_kind = $3 AND l.crm_id = i.crm_id`,
    [tenantId, crm, kind, intents.map((i) => i.crmId), intents.map((i) => JSON.stringify(i.values))],
  );
}

/** The CRM record is gone (deleted, or merged into one already linked elsewhere): stop writing there. */
export async function tombstoneLink(q: Queryable, tenantId: string, crm: Crm, kind: EntityKind, crmId: string, reason: string): Promise<void> {
  await q.query(
    `UPDATE sync_links SET tombstoned_at = now(), tombstone_reason = $5, updated_at = now()
     WHERE tenant_id = $1 AND crm = $2 AND entity_kind = $3 AND crm_id = $4 AND tombstoned_at IS NULL`,
    [tenantId, crm, kind, crmId, reason],
  );
}

/**
 * A merge in the CRM: the entity now lives on the surviving record, with which nothing is
 * agreed yet (its values are not edits of ours), so the next round writes Trellis's values to it.
 */
export async function moveLink(q: Queryable, tenantId: string, crm: Crm, kind: EntityKind, fromCrmId: string, toCrmId: string): Promise<void> {
  await q.query(
    `UPDATE sync_links SET crm_id = $5, synced_values = '{}'::jsonb, synced_hash = NULL, updated_at = now()
     WHERE tenant_id = $1 AND crm = $2 AND entity_kind = $3 AND crm_id = $4
       AND NOT EXISTS (SELECT 1 FROM sync_links o WHERE o.tenant_id = $1 AND o.crm = $2 AND o.entity_kind = $3 AND o.crm_id = $5)`,
    [tenantId, crm, kind, fromCrmId, toCrmId],
  );
}
