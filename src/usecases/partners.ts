import { normalizeDomain } from '../domain/customer';
import type { Partner, PartnerInput, PartnerPatch } from '../domain/partner';
import type { Queryable } from '../store/db';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { findPartnerNamedOrAt, getPartner, insertPartner, updatePartner } from '../store/partners';
import { lockTenantPartnerCreation } from '../store/tenantLock';
import { insertTierChange } from '../store/tierChanges';
import type { Actor, Deps } from './context';
import { conflictError, notFound } from './errors';
import { requirePermissionFor } from './authorize';

/**
 * Creates a partner, unless the tenant has one by that name or at that web domain already: an
 * integration that retries without an idempotency key, or two people adding the same partner,
 * get the existing partner's id back (409) rather than a second partner the reports count twice.
 */
export async function createPartner(deps: Deps, actor: Actor, input: PartnerInput): Promise<Partner> {
  return deps.db.transaction(async (tx) => {
    await lockTenantPartnerCreation(tx, actor.tenantId);
    const domain = input.domain ? normalizeDomain(input.domain) : null;
    const existing = await findPartnerNamedOrAt(tx, actor.tenantId, input.name, domain);
    if (existing) {
      const field = existing.name.toLowerCase() === input.name.toLowerCase() ? 'name' : 'domain';
      throw conflictError('duplicate_partner', `A partner with this ${field} already exists: ${existing.name} (${existing.id})`, { field, existingPartnerId: existing.id });
    }
    const partner = await insertPartner(tx, actor.tenantId, input);
    await recordAudit(tx, actor.tenantId, { actor, action: 'partner.created', entityType: 'partner', entityId: partner.id });
    await appendOutboxEvent(tx, actor.tenantId, 'partner.created', partner.id, { partnerId: partner.id, origin: 'trellis' });
    return partner;
  });
}

export interface PartnerChange {
  tenantId: string;
  /** Who changes it, for the audit log and the tier history. */
  by: string;
  at: Date;
  /** Why the tier changes, when it does. */
  tierReason: string;
}

/**
 * The one path a partner changes by from inside Trellis, within the caller's transaction: the
 * update, its audit entry, the `partner.updated` event the CRM sync picks up, and a tier
 * history entry when the tier changes.
 */
export async function applyPartnerPatch(tx: Queryable, change: PartnerChange, id: string, patch: PartnerPatch): Promise<Partner> {
  await tx.query('SELECT 1 FROM partners WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [change.tenantId, id]);
  const before = await getPartner(tx, change.tenantId, id);
  if (!before) throw notFound('partner');
  const partner = (await updatePartner(tx, change.tenantId, id, patch))!;
  const fields = Object.keys(patch);
  await recordAudit(tx, change.tenantId, { actor: change.by, action: 'partner.updated', entityType: 'partner', entityId: id, details: { fields } });
  await appendOutboxEvent(tx, change.tenantId, 'partner.updated', id, { partnerId: id, fields, origin: 'trellis' });
  if (partner.tier !== before.tier) {
    await insertTierChange(tx, change.tenantId, { partnerId: id, oldTier: before.tier, newTier: partner.tier, reason: change.tierReason, changedBy: change.by, changedAt: change.at });
  }
  return partner;
}

export async function changePartner(deps: Deps, actor: Actor, id: string, patch: PartnerPatch): Promise<Partner> {
  const change = { tenantId: actor.tenantId, by: actor.name, at: deps.clock.now(), tierReason: 'set by hand' };
  return deps.db.transaction(async (tx) => {
    await requirePermissionFor(tx, actor, 'manage_partners', [id], 'change this partner');
    return applyPartnerPatch(tx, change, id, patch);
  });
}
