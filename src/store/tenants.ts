import { randomUUID } from 'node:crypto';
import { TenantSettings } from '../domain/settings';
import type { Queryable } from './db';

export interface Tenant {
  id: string;
  name: string;
  settings: TenantSettings;
  createdAt: Date;
}

interface TenantRow {
  id: string;
  name: string;
  settings: unknown;
  created_at: Date;
}

const toTenant = (r: TenantRow): Tenant => ({
  id: r.id,
  name: r.name,
  // Stored settings may predate a newer field; parsing fills its default.
  settings: TenantSettings.parse(r.settings),
  createdAt: r.created_at,
});

export async function insertTenant(q: Queryable, name: string): Promise<Tenant> {
  const { rows } = await q.query<TenantRow>(
    'INSERT INTO tenants (id, name) VALUES ($1, $2) RETURNING id, name, settings, created_at',
    [randomUUID(), name],
  );
  return toTenant(rows[0]!);
}

export async function getTenant(q: Queryable, tenantId: string): Promise<Tenant | null> {
  const { rows } = await q.query<TenantRow>('SELECT id, name, settings, created_at FROM tenants WHERE id = $1', [tenantId]);
  return rows[0] ? toTenant(rows[0]) : null;
}

export async function saveTenantSettings(q: Queryable, tenantId: string, settings: TenantSettings): Promise<void> {
  await q.query('UPDATE tenants SET settings = $2::jsonb WHERE id = $1', [tenantId, JSON.stringify(settings)]);
}

/** For system sweeps that then work tenant by tenant. */
export async function listTenantIds(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM tenants ORDER BY created_at');
  return rows.map((r) => r.id);
}
