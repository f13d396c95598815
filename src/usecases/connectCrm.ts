import { findCrmConnectionByAccount, getCrmConnection, saveCrmConnection, type ConnectionGrant, type Crm, type CrmConnection } from '../store/connections';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { getTenant, insertTenant } from '../store/tenants';
import type { Deps } from './context';
import type { RevokeAtCrm } from './disconnectCrm';
import { conflictError, forbidden, notFound } from './errors';

export interface CrmInstall {
  crm: Crm;
  grant: ConnectionGrant;
  /** The tenant adding this CRM (from the admin's settings session when the install started), if any. */
  tenantId: string | null;
  /** The tenant whose settings session the browser finishing the install holds, if any. */
  signedInTenantId: string | null;
  /** The name a new tenant gets: the portal's or org's domain. */
  accountName: string;
}

export interface ConnectedCrm {
  tenantId: string;
  connection: CrmConnection;
  /** True when this install created the tenant. */
  createdTenant: boolean;
  reconnected: boolean;
  /** False when tokens were replaced but the CRM could not be told to revoke the old ones. */
  revokedReplacedTokens: boolean;
}

const CRM_NAMES: Record<Crm, string> = { hubspot: 'HubSpot account', salesforce: 'Salesforce org' };

/** The message a refused takeover shows. */
export const ALREADY_CONNECTED = 'This account is already connected to Trellis; ask your Trellis admin.';

/**
 * Whether this install may reconnect the tenant that already holds the CRM account: a browser that
 * holds that tenant's settings session, or the CRM user who installed the connection (as the CRM
 * reports them), signing in again. Trellis has no users or roles yet, so these are the admins the
 * tenant knows; controlling the CRM account alone is not enough, or anyone able to install there
 * would get the tenant's data.
 */
const mayReconnect = (install: CrmInstall, known: CrmConnection) =>
  install.tenantId === known.tenantId ||
  install.signedInTenantId === known.tenantId ||
  (Boolean(known.installedBy) && known.installedBy?.toLowerCase() === install.grant.installedBy?.toLowerCase());

const installer = (crm: Crm, grant: ConnectionGrant) => (grant.installedBy ? `${crm}:${grant.installedBy}` : `${crm}:install`);

/**
 * The end of an OAuth install. A CRM account already connected reconnects its tenant, for that
 * tenant's admin only; an admin's tenant adds the account; otherwise the account gets a new tenant.
 * Tokens are stored encrypted and `crm_connection.connected` tells the sync engine to provision and
 * backfill, in the same transaction. Tokens a reconnect replaces are then revoked at the CRM.
 */
export async function connectCrm(deps: Deps, install: CrmInstall, revoke: RevokeAtCrm): Promise<ConnectedCrm> {
  const { crm, grant } = install;
  const outcome = await deps.db.transaction(async (tx) => {
    const known = await findCrmConnectionByAccount(tx, deps.keyring, crm, grant.externalAccountId);
    if (known && install.tenantId && known.tenantId !== install.tenantId) {
      throw conflictError('conflict', `This ${CRM_NAMES[crm]} is already connected to another Trellis workspace.`);
    }
    if (known && !mayReconnect(install, known)) {
      await recordAudit(tx, known.tenantId, {
        actor: installer(crm, grant),
        action: 'crm_connection.takeover_refused',
        entityType: 'crm_connection',
        entityId: known.id,
        details: { crm, externalAccountId: grant.externalAccountId },
      });
      return { kind: 'refused' as const, known };
    }
    let tenantId = known?.tenantId ?? install.tenantId;
    const previous = tenantId ? await getCrmConnection(tx, deps.keyring, tenantId, crm) : null;
    if (tenantId && !known) {
      if (!(await getTenant(tx, tenantId))) throw notFound('tenant');
      if (previous && previous.status === 'active' && previous.externalAccountId !== grant.externalAccountId) {
        throw conflictError('conflict', `This workspace is connected to another ${CRM_NAMES[crm]}. Disconnect it first.`);
      }
    }
    const createdTenant = !tenantId;
    tenantId ??= (await insertTenant(tx, install.accountName)).id;
    const connection = await saveCrmConnection(tx, deps.keyring, tenantId, crm, grant);
    const reconnected = Boolean(known);
    await recordAudit(tx, tenantId, {
      actor: installer(crm, grant),
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
    return { kind: 'connected' as const, connected: { tenantId, connection, createdTenant, reconnected }, previous };
  });
  if (outcome.kind === 'refused') {
    // The grant this install obtained is never used: it is revoked so that no live token is left behind.
    // Revoking a HubSpot refresh token does not uninstall the app [hs-tok], so the tenant's own grant stands.
    const { known } = outcome;
    await revokeQuietly(revoke, { ...known, accessToken: grant.accessToken, refreshToken: grant.refreshToken ?? null, loginUrl: grant.loginUrl ?? known.loginUrl });
    throw forbidden(ALREADY_CONNECTED);
  }
  const { previous } = outcome;
  // Revoked only once the new tokens are stored, and never when the CRM handed back the same grant.
  const replaced = previous && (previous.refreshToken ?? previous.accessToken) !== (grant.refreshToken ?? grant.accessToken);
  const revokedReplacedTokens = replaced ? await revokeQuietly(revoke, previous) : true;
  return { ...outcome.connected, revokedReplacedTokens };
}

/** Revoking is a network call outside the transaction; a CRM that cannot be reached does not undo the install. */
async function revokeQuietly(revoke: RevokeAtCrm, connection: CrmConnection): Promise<boolean> {
  try {
    await revoke(connection);
    return true;
  } catch {
    return false;
  }
}
