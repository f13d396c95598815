import { randomUUID } from 'node:crypto';
import type { CustomerKey } from '../domain/customer';
import { accountMatchColumns } from './customerKeys';
import type { Queryable } from './db';

export interface CustomerRecord extends CustomerKey {
  name: string;
  domain: string | null;
  country: string | null;
}

/**
 * The customer company a registration names: found by normalized domain, or by exact
 * normalized name when no domain is known, otherwise created.
 */
export async function findOrCreateAccount(q: Queryable, tenantId: string, c: CustomerRecord): Promise<string> {
  const existing = c.normalizedDomain
    ? await q.query<{ id: string }>('SELECT id FROM accounts WHERE tenant_id = $1 AND normalized_domain = $2', [
        tenantId,
        c.normalizedDomain,
      ])
    : await q.query<{ id: string }>(
        'SELECT id FROM accounts WHERE tenant_id = $1 AND normalized_name = $2 ORDER BY created_at LIMIT 1',
        [tenantId, c.normalizedName],
      );
  if (existing.rows[0]) return existing.rows[0].id;
  const { registrableDomain, nameKeys } = accountMatchColumns(c.normalizedName, c.normalizedDomain);
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO accounts (id, tenant_id, name, normalized_name, domain, normalized_domain, country, registrable_domain, name_keys)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id, normalized_domain) WHERE normalized_domain IS NOT NULL DO UPDATE SET name = accounts.name
     RETURNING id`,
    [randomUUID(), tenantId, c.name, c.normalizedName, c.domain, c.normalizedDomain, c.country, registrableDomain, nameKeys],
  );
  return rows[0]!.id;
}
