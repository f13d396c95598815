import { createApiKey } from '../store/apiKeys';
import { insertTenant, type Tenant } from '../store/tenants';
import type { Deps } from './context';

/** A new tenant with its first (admin) API key, returned in clear text this once. */
export async function createTenant(deps: Pick<Deps, 'db'>, name: string): Promise<{ tenant: Tenant; apiKey: string }> {
  return deps.db.transaction(async (tx) => {
    const tenant = await insertTenant(tx, name);
    const { secret } = await createApiKey(tx, tenant.id, { name: 'default', role: 'admin', expiresAt: null, createdBy: 'tenant-setup' });
    return { tenant, apiKey: secret };
  });
}
