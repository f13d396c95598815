import type { z } from 'zod';
import type { Queryable } from './db';

/** The per-tenant policies kept as one validated JSON document each. */
export type PolicyKind = 'health_model' | 'ideal_partner_profile' | 'tier_rules';

/**
 * The tenant's policy of this kind, parsed by its schema (which fills defaults a stored document
 * predates); null when the tenant never set one.
 */
export async function loadPolicy<S extends z.ZodType>(q: Queryable, tenantId: string, kind: PolicyKind, schema: S): Promise<z.output<S> | null> {
  const { rows } = await q.query<{ document: unknown }>('SELECT document FROM tenant_policies WHERE tenant_id = $1 AND kind = $2', [tenantId, kind]);
  return rows[0] ? schema.parse(rows[0].document) : null;
}

export async function savePolicy(q: Queryable, tenantId: string, kind: PolicyKind, document: unknown, updatedBy: string): Promise<void> {
  await q.query(
    `INSERT INTO tenant_policies (tenant_id, kind, document, updated_by) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (tenant_id, kind) DO UPDATE SET document = EXCLUDED.document, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [tenantId, kind, JSON.stringify(document), updatedBy],
  );
}
