import { can, canFor, ROLE_LABELS, type Permission } from '../domain/access';
import type { Queryable } from '../store/db';
import { getPartner } from '../store/partners';
import type { Actor } from './context';
import { forbidden } from './errors';

/** Refuses an actor whose role does not grant the permission at all. */
export function requirePermission(actor: Actor, permission: Permission, doing: string): void {
  if (!can(actor.principal, permission)) throw forbidden(`${actor.name} (${ROLE_LABELS[actor.principal.role]}) may not ${doing}`);
}

/**
 * Refuses an actor who may not do this to every one of these partners: a partner manager acts
 * only for the partners in their scope. Partners the tenant does not have are left to the caller's
 * own not-found.
 */
export async function requirePermissionFor(q: Queryable, actor: Actor, permission: Permission, partnerIds: readonly string[], doing: string): Promise<void> {
  requirePermission(actor, permission, doing);
  const partners = (await Promise.all([...new Set(partnerIds)].map((id) => getPartner(q, actor.tenantId, id)))).filter((p) => p !== null);
  if (!canFor(actor.principal, permission, partners)) {
    const names = partners.map((p) => p.name).join(' and ');
    throw forbidden(`${actor.name} does not manage ${names}, so may not ${doing}; ask an admin or ${names}’s partner manager`);
  }
}
