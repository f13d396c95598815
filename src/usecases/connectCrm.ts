import { findCrmConnectionByAccount, getCrmConnection, saveCrmConnection, type ConnectionGrant, type Crm, type CrmConnection } from '../store/connections';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { getTenant, insertTenant } from '../store/tenants';
import type { Deps } from './context';
import { conflictError, notFound } from './errors';

export interface CrmInstall {
  crm: Crm;
  grant: ConnectionGrant;
  /** The tenant adding this CRM (from the admin's settings session), if any. */
  tenantId: string | null;
  /** The name a new tenant gets: the portal's or org's domain. */
  accountName: string;
}

export interface ConnectedCrm {
  tenantId: string;
  connection: CrmConnection;
  /** True when this install created the tenant. */
  createdTenant: boolean;
  reconnected: boolean;
}

const CRM_NAMES: Record<Crm, string> = { hubspot: 'HubSpot account', salesforce: 'Salesforce org' };

/**
 * The end of an OAuth install. A CRM account already connected reconnects its tenant; an
 * admin's tenant adds the account; otherwise the account gets a new tenant. Tokens are
 * stored encrypted and `crm_connection.connected` tells the sync engine to provision and
 * backfill, in the same transaction.
 */
export async function connectCrm(deps: Deps, install: CrmInstall): Promise<ConnectedCrm> {
  const { crm, grant } = install;
  return deps.db.transaction(async (tx) => {
    const known = await findCrmConnectionByAccount(tx, deps.keyring, crm, grant.externalAccountId);
    if (known && install.tenantId && known.tenantId !== install.tenantId) {
      throw conflictError('conflict', `This ${CRM_NAMES[crm]} is already connected to another Trellis workspace.`);
    }
    let tenantId = known?.tenantId ?? install.tenantId;
    if (tenantId && !known) {
      if (!(await getTenant(tx, tenantId))) throw notFound('tenant');
      const current = await getCrmConnection(tx, deps.keyring, tenantId, crm);
      if (current && current.status === 'active' && current.externalAccountId !== grant.externalAccountId) {
        throw conflictError('conflict', `This workspace is connected to another ${CRM_NAMES[crm]}. Disconnect it first.`);
      }
    }
    const createdTenant = !tenantId;
    tenantId ??= (await insertTenant(tx, install.accountName)).id;
    const connection = await saveCrmConnection(tx, deps.keyring, tenantId, crm, grant);
    const reconnected = Boolean(known);
    const actor = grant.installedBy ? `${crm}:${grant.installedBy}` : `${crm}:install`;
    await recordAudit(tx, tenantId, {
      actor,
      action: 'crm_connection.connected',
      entityType: 'crm_connection',
      entityId: connection.id,
      details: { crm, externalAccountId: grant.externalAccountId, reconnected },
    });
    await appendOutboxEvent(tx, tenantId, 'crm_connection.connected', connection.id, {
      connectionId: connection.id,
      crm,
      externalAccountId: grant.externalAccountId,
      reconnected,
    });
    return { tenantId, connection, createdTenant, reconnected };
  });
}
