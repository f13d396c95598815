import type { Queryable } from './db';

/** A tenant's saved mapping (already validated), or null for the defaults. */
export async function getSavedMapping(q: Queryable, tenantId: string): Promise<unknown> {
  const { rows } = await q.query<{ mapping: unknown }>('SELECT mapping FROM sync_mappings WHERE tenant_id = $1', [tenantId]);
  return rows[0]?.mapping ?? null;
}

export async function saveMapping(q: Queryable, tenantId: string, mapping: unknown): Promise<void> {
  await q.query(
    `INSERT INTO sync_mappings (tenant_id, mapping) VALUES ($1, $2::jsonb)
     ON CONFLICT (tenant_id) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()`,
    [tenantId, JSON.stringify(mapping)],
  );
}
