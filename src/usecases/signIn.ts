import type { Crm } from '../domain/crm';
import { findCrmConnectionByAccount } from '../store/connections';
import { findVendorUserByEmail, getVendorUser, listWorkspaceUsers, normalEmail, type VendorUser, type WorkspaceUser } from '../store/vendorUsers';
import type { Deps } from './context';
import { forbidden } from './errors';

const ACCOUNT_NAMES: Record<Crm, string> = { hubspot: 'HubSpot account', salesforce: 'Salesforce org' };

/** Whom to tell when a person is not a user: their workspace's admins add users. */
export const notAUser = (email: string) => forbidden(`${email} is not a Trellis user of this workspace; ask your Trellis admin to add you.`);

/**
 * The Trellis user a CRM vouched for: the CRM account names the workspace (through its
 * connection) and the CRM's verified email names the user in it. Signing in changes nothing
 * of the connection.
 */
export async function userOfCrmAccount(deps: Deps, crm: Crm, externalAccountId: string, email: string): Promise<VendorUser> {
  const connection = await findCrmConnectionByAccount(deps.db, deps.keyring, crm, externalAccountId);
  if (!connection) throw forbidden(`This ${ACCOUNT_NAMES[crm]} is not connected to Trellis. An admin connects it from Trellis first; then its users can sign in.`);
  const user = await findVendorUserByEmail(deps.db, connection.tenantId, email);
  if (!user) throw notAUser(email);
  return user;
}

/** The workspaces a verified email is a user of (an identity provider does not name a workspace). */
export async function workspacesOf(deps: Deps, email: string): Promise<WorkspaceUser[]> {
  const found = await listWorkspaceUsers(deps.db, email);
  if (found.length === 0) throw forbidden(`${email} is not a Trellis user of any workspace; ask your Trellis admin to add you.`);
  return found;
}

/** One of the workspaces a verified email chose: still a user with that email there. */
export async function chosenWorkspaceUser(deps: Deps, email: string, tenantId: string, userId: string): Promise<VendorUser> {
  const user = await getVendorUser(deps.db, tenantId, userId);
  if (!user || user.email !== normalEmail(email)) throw notAUser(email);
  return user;
}
