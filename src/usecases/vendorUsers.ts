import type { PartnerScope, Role } from '../domain/access';
import { recordAudit } from '../store/outbox';
import { revokeUserSessions } from '../store/vendorSessions';
import { countVendorAdmins, getVendorUser, insertVendorUser, removeVendorUser, updateVendorUser, type VendorUser } from '../store/vendorUsers';
import { requirePermission } from './authorize';
import type { Actor, Deps } from './context';
import { conflictError, notFound } from './errors';

export interface VendorUserRequest {
  email: string;
  displayName: string | null;
  role: Role;
  scope: PartnerScope;
}

const auditDetails = (u: VendorUser) => ({ email: u.email, role: u.role, scope: u.scope });

/** Adds a person to the workspace with a role; they sign in with the CRM, Slack or single sign-on using this email. */
export async function addVendorUser(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, request: VendorUserRequest): Promise<VendorUser> {
  requirePermission(actor, 'administer', 'add users');
  return deps.db.transaction(async (tx) => {
    const user = await insertVendorUser(tx, actor.tenantId, { ...request, createdBy: actor.name }, deps.clock.now());
    if (!user) throw conflictError('conflict', `${request.email} is already a user of this workspace`);
    await recordAudit(tx, actor.tenantId, { actor, action: 'user.added', entityType: 'user', entityId: user.id, details: auditDetails(user) });
    return user;
  });
}

/** The last admin cannot be removed or demoted: someone must be able to manage the workspace. */
async function keepAnAdmin(tx: Parameters<typeof countVendorAdmins>[0], tenantId: string, user: VendorUser, nextRole: Role | null) {
  if (user.role === 'admin' && nextRole !== 'admin' && (await countVendorAdmins(tx, tenantId)) <= 1) {
    throw conflictError('conflict', `${user.email} is the workspace's only admin; make someone else admin first`);
  }
}

/** Changes a user's role or scope; their open sessions end, so the new role applies at once. */
export async function changeVendorUser(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, id: string, change: { role: Role; scope: PartnerScope }): Promise<VendorUser> {
  requirePermission(actor, 'administer', 'change users');
  return deps.db.transaction(async (tx) => {
    const before = await getVendorUser(tx, actor.tenantId, id);
    if (!before) throw notFound('user');
    await keepAnAdmin(tx, actor.tenantId, before, change.role);
    const user = (await updateVendorUser(tx, actor.tenantId, id, change))!;
    await revokeUserSessions(tx, actor.tenantId, id, deps.clock.now());
    await recordAudit(tx, actor.tenantId, { actor, action: 'user.changed', entityType: 'user', entityId: id, details: { before: auditDetails(before), after: auditDetails(user) } });
    return user;
  });
}

/** Removes a user: their sessions end at once and Slack, cards and sign-in no longer know them. */
export async function removeUser(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, id: string): Promise<VendorUser> {
  requirePermission(actor, 'administer', 'remove users');
  return deps.db.transaction(async (tx) => {
    const before = await getVendorUser(tx, actor.tenantId, id);
    if (!before) throw notFound('user');
    await keepAnAdmin(tx, actor.tenantId, before, null);
    const now = deps.clock.now();
    const user = (await removeVendorUser(tx, actor.tenantId, id, now))!;
    await revokeUserSessions(tx, actor.tenantId, id, now);
    await recordAudit(tx, actor.tenantId, { actor, action: 'user.removed', entityType: 'user', entityId: id, details: auditDetails(user) });
    return user;
  });
}
