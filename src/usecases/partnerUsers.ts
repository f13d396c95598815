import { INVITATION_LIFETIME_MS, leavesPartnerWithoutAdmin, partnerCan, PARTNER_ROLE_LABELS, type PartnerRole } from '../domain/partnerAccess';
import type { Queryable } from '../store/db';
import { recordAudit } from '../store/outbox';
import { announceSignInLink } from './partnerSignIn';
import { partnerSessions } from '../store/partnerSessions';
import { insertSignInLink, revokeSignInLinks, type SignInLink } from '../store/partnerSignInLinks';
import { countPartnerAdmins, getPartnerUser, insertPartnerUser, listPartnerUsers, removePartnerUser, updatePartnerUserRole, type PartnerUser } from '../store/partnerUsers';
import type { Partner } from '../domain/partner';
import { getPartner } from '../store/partners';
import { requirePermissionFor } from './authorize';
import type { Actor, Deps } from './context';
import { conflictError, forbidden, notFound } from './errors';

/**
 * Who manages a partner's team: the vendor's people (admins, and partner managers for the partners
 * they manage), or the partner's own admins for their own organisation.
 */
export type TeamManager = { vendor: Actor } | { partnerAdmin: PartnerUser };

const managerName = (m: TeamManager) => ('vendor' in m ? m.vendor.name : m.partnerAdmin.email);

async function requireTeamManager(q: Queryable, manager: TeamManager, tenantId: string, partnerId: string, doing: string): Promise<Partner> {
  if ('vendor' in manager) await requirePermissionFor(q, manager.vendor, 'manage_partners', [partnerId], doing);
  else if (manager.partnerAdmin.partnerId !== partnerId || !partnerCan(manager.partnerAdmin.role, 'manage_team')) {
    throw forbidden(`${manager.partnerAdmin.email} (${PARTNER_ROLE_LABELS[manager.partnerAdmin.role]}) may not ${doing}; ask your partner admin`);
  }
  const partner = await getPartner(q, tenantId, partnerId);
  if (!partner) throw notFound('partner');
  return partner;
}

const tenantOf = (m: TeamManager) => ('vendor' in m ? m.vendor.tenantId : m.partnerAdmin.tenantId);
const auditDetails = (u: PartnerUser) => ({ partnerId: u.partnerId, email: u.email, role: u.role });

export interface PartnerUserInvitation {
  email: string;
  displayName: string | null;
  role: PartnerRole;
  locale: string | null;
}

/** A new partner user and the link that invites them (mailed to them, never shown to the inviter). */
export interface InvitedPartnerUser {
  user: PartnerUser;
  partner: Partner;
  invitation: SignInLink;
}

/** Invites a person to a partner's portal with a role; the link mailed to them signs them in the first time. */
export async function invitePartnerUser(deps: Pick<Deps, 'db' | 'clock'>, manager: TeamManager, partnerId: string, request: PartnerUserInvitation): Promise<InvitedPartnerUser> {
  const tenantId = tenantOf(manager);
  return deps.db.transaction(async (tx) => {
    const partner = await requireTeamManager(tx, manager, tenantId, partnerId, `invite people to ${'vendor' in manager ? 'this partner' : 'your team'}`);
    const now = deps.clock.now();
    const user = await insertPartnerUser(tx, tenantId, { ...request, partnerId, invitedBy: managerName(manager) }, now);
    if (!user) throw conflictError('conflict', `${request.email} already has access to this program's portal`);
    const invitation = await insertSignInLink(tx, { tenantId, userId: user.id, purpose: 'invitation', expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS) }, now);
    await announceSignInLink(tx, invitation);
    await recordAudit(tx, tenantId, { actor: managerName(manager), action: 'partner_user.invited', entityType: 'partner_user', entityId: user.id, details: auditDetails(user) });
    return { user, partner, invitation };
  });
}

export async function partnerTeam(deps: Pick<Deps, 'db'>, manager: TeamManager, partnerId: string): Promise<PartnerUser[]> {
  const tenantId = tenantOf(manager);
  await requireTeamManager(deps.db, manager, tenantId, partnerId, 'see this team');
  return listPartnerUsers(deps.db, tenantId, partnerId);
}

async function teamMember(tx: Queryable, manager: TeamManager, partnerId: string, userId: string, doing: string): Promise<PartnerUser> {
  const tenantId = tenantOf(manager);
  await requireTeamManager(tx, manager, tenantId, partnerId, doing);
  const user = await getPartnerUser(tx, tenantId, userId);
  if (!user || user.partnerId !== partnerId) throw notFound('partner user');
  return user;
}

/** A partner's own admins cannot leave it without one; the vendor may (someone left, or the partnership ended) and invites the next. */
async function keepAPartnerAdmin(tx: Queryable, manager: TeamManager, user: PartnerUser, nextRole: PartnerRole | null): Promise<void> {
  if ('vendor' in manager) return;
  if (leavesPartnerWithoutAdmin(user, nextRole, await countPartnerAdmins(tx, user.tenantId, user.partnerId))) {
    throw conflictError('conflict', `${user.email} is this partner's only admin; make someone else partner admin first`);
  }
}

/** Changes a partner user's role; their sessions end so the new role applies at once. */
export async function changePartnerUserRole(deps: Pick<Deps, 'db' | 'clock'>, manager: TeamManager, partnerId: string, userId: string, role: PartnerRole): Promise<PartnerUser> {
  return deps.db.transaction(async (tx) => {
    const before = await teamMember(tx, manager, partnerId, userId, 'change roles');
    await keepAPartnerAdmin(tx, manager, before, role);
    const user = (await updatePartnerUserRole(tx, before.tenantId, userId, role))!;
    await partnerSessions.revokeUser(tx, user.tenantId, userId, deps.clock.now());
    await recordAudit(tx, user.tenantId, { actor: managerName(manager), action: 'partner_user.changed', entityType: 'partner_user', entityId: userId, details: { before: auditDetails(before), after: auditDetails(user) } });
    return user;
  });
}

/** Removes a partner user: their sessions and any link not yet used end at once. */
export async function removeFromPartner(deps: Pick<Deps, 'db' | 'clock'>, manager: TeamManager, partnerId: string, userId: string): Promise<PartnerUser> {
  return deps.db.transaction(async (tx) => {
    const before = await teamMember(tx, manager, partnerId, userId, 'remove people');
    await keepAPartnerAdmin(tx, manager, before, null);
    const now = deps.clock.now();
    const user = (await removePartnerUser(tx, before.tenantId, userId, now))!;
    await partnerSessions.revokeUser(tx, user.tenantId, userId, now);
    await revokeSignInLinks(tx, user.tenantId, userId, now);
    await recordAudit(tx, user.tenantId, { actor: managerName(manager), action: 'partner_user.removed', entityType: 'partner_user', entityId: userId, details: auditDetails(user) });
    return user;
  });
}
