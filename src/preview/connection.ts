import { findCrmConnectionByAccount, getCrmConnection, type CrmConnection } from '../store/connections';
import { listTenantIds } from '../store/tenants';
import type { Deps } from '../usecases/context';

/** The portal or org a preview shows: the one asked for, or the first tenant's active connection to that CRM. */
export async function previewConnection(deps: Deps, crm: 'hubspot' | 'salesforce', account: string | undefined): Promise<CrmConnection | null> {
  if (account) return findCrmConnectionByAccount(deps.db, deps.keyring, crm, account);
  for (const tenantId of await listTenantIds(deps.db)) {
    const connection = await getCrmConnection(deps.db, deps.keyring, tenantId, crm);
    if (connection?.status === 'active') return connection;
  }
  return null;
}
