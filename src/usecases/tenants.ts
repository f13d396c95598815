import { createApiKey } from '../store/apiKeys';
import { recordAudit } from '../store/outbox';
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

/** Another API key for the tenant, e.g. made by an admin on the settings page; shown in clear once. */
export async function issueApiKey(deps: Pick<Deps, 'db'>, tenantId: string, name: string, actorName: string): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const apiKey = await createApiKey(tx, tenantId, name);
    await recordAudit(tx, tenantId, { actor: actorName, action: 'api_key.created', entityType: 'tenant', entityId: tenantId, details: { name } });
    return apiKey;
  });
}
