import { RoutingPolicy, defaultRoutingPolicy } from '../domain/routingPolicy';
import type { Queryable } from './db';

/** The tenant's routing policy; the defaults until an admin saves one. */
export async function getRoutingPolicy(q: Queryable, tenantId: string): Promise<RoutingPolicy> {
  const { rows } = await q.query<{ policy: unknown }>('SELECT policy FROM routing_rules WHERE tenant_id = $1', [tenantId]);
  // Parsing fills in defaults added to the schema after the policy was saved.
  return rows[0] ? RoutingPolicy.parse(rows[0].policy) : defaultRoutingPolicy();
}

export async function saveRoutingPolicy(q: Queryable, tenantId: string, policy: RoutingPolicy, by: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO routing_rules (tenant_id, policy, updated_by, updated_at) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET policy = EXCLUDED.policy, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [tenantId, JSON.stringify(policy), by, at],
  );
}
