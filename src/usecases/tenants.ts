import { createApiKey } from '../store/apiKeys';
import { insertTenant, type Tenant } from '../store/tenants';
import type { Deps } from './context';

/** A new tenant with its first API key, returned in clear text this once. */
export async function createTenant(deps: Pick<Deps, 'db'>, name: string): Promise<{ tenant: Tenant; apiKey: string }> {
  return deps.db.transaction(async (tx) => {
    const tenant = await insertTenant(tx, name);
    const apiKey = await createApiKey(tx, tenant.id, 'default');
    return { tenant, apiKey };
  });
}
