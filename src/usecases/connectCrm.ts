import type { Crm } from '../domain/crm';
import { findCrmConnectionByAccount, getCrmConnection, saveCrmConnection, type ConnectionGrant, type CrmConnection } from '../store/connections';
import { EVERY_PARTNER, type Role } from '../domain/access';
import type { Queryable } from '../store/db';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { findVendorUserByEmail, insertVendorUser, updateVendorUser, type VendorUser } from '../store/vendorUsers';
import { getTenant, insertTenant } from '../store/tenants';
import type { Deps } from './context';
import type { RevokeAtCrm } from './disconnectCrm';
import { conflictError, forbidden, notFound } from './errors';

export interface CrmInstall {
  crm: Crm;
  grant: ConnectionGrant;
  /** The tenant adding this CRM (from the signed-in admin's session when the install started), if any. */
  tenantId: string | null;
  /** The Trellis user whose session the browser finishing the install holds, if any. */
  signedIn: { tenantId: string; role: Role } | null;
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
  /** The admin this install proves the browser to be (the CRM user who installed), to sign in; null when already signed in. */
  admin: VendorUser | null;
}

const CRM_NAMES: Record<Crm, string> = { hubspot: 'HubSpot account', salesforce: 'Salesforce org' };

/** The message a refused takeover shows. */
export const ALREADY_CONNECTED = 'This account is already connected to Trellis; ask your Trellis admin.';

/**
 * Who may reconnect the tenant that already holds the CRM account: a signed-in admin of that
 * tenant, an admin the tenant knows by the email the CRM reports for the installing user, or a
 * super admin of the CRM account as the CRM itself reports it. Controlling some user of the CRM
 * account is not enough, or anyone able to install there would get the tenant's data.
 */
async function reconnectingAdmin(tx: Queryable, install: CrmInstall, known: CrmConnection, now: Date): Promise<{ allowed: boolean; admin: VendorUser | null }> {
  if (install.signedIn?.tenantId === known.tenantId && install.signedIn.role === 'admin') return { allowed: true, admin: null };
  const email = install.grant.installedBy;
  const user = email ? await findVendorUserByEmail(tx, known.tenantId, email) : null;
  if (user?.role === 'admin') return { allowed: true, admin: user };
  if (!install.grant.installedBySuperAdmin || !email) return { allowed: false, admin: null };
  // The CRM vouches for its super admin: they become (or are made) a Trellis admin of the tenant.
  return { allowed: true, admin: await ensureAdmin(tx, known.tenantId, email, 'crm-super-admin', now) };
}

/** The user with this email made admin, created if the tenant does not know them yet. */
async function ensureAdmin(tx: Queryable, tenantId: string, email: string, createdBy: string, now: Date): Promise<VendorUser> {
  const known = await findVendorUserByEmail(tx, tenantId, email);
  if (known?.role === 'admin') return known;
  if (known) return (await updateVendorUser(tx, tenantId, known.id, { role: 'admin', scope: EVERY_PARTNER }))!;
  return (await insertVendorUser(tx, tenantId, { email, displayName: null, role: 'admin', scope: EVERY_PARTNER, createdBy }, now))!;
}

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
    const now = deps.clock.now();
    const reconnect = known && known.tenantId !== install.tenantId ? await reconnectingAdmin(tx, install, known, now) : { allowed: true, admin: null };
    if (known && !reconnect.allowed) {
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
    // Whoever creates the workspace by installing is its first admin.
    const admin = createdTenant && grant.installedBy ? await ensureAdmin(tx, tenantId, grant.installedBy, `${crm}:install`, now) : reconnect.admin;
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
      origin: 'trellis',
    });
    return { kind: 'connected' as const, connected: { tenantId, connection, createdTenant, reconnected, admin }, previous };
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
