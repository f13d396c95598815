import type { PartnerInput, PartnerPatch } from '../domain/partner';
import type { Crm } from '../domain/crm';
import type { Queryable } from '../store/db';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { getPartner, insertPartner, updatePartner } from '../store/partners';

const actorOf = (crm: Crm) => `sync:${crm}`;

/**
 * Applies edits made in a CRM to a partner, inside the caller's transaction — but only if
 * the partner is still the version the edits were merged against; otherwise returns false
 * and the record is merged again. The event names the CRM it came from, so it is not sent back there.
 */
export async function applyCrmEditsToPartner(
  tx: Queryable,
  tenantId: string,
  crm: Crm,
  partnerId: string,
  mergedAgainst: Date,
  patch: PartnerPatch,
): Promise<boolean> {
  await tx.query('SELECT 1 FROM partners WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, partnerId]);
  const current = await getPartner(tx, tenantId, partnerId);
  if (!current || current.updatedAt.getTime() !== mergedAgainst.getTime()) return false;
  await editPartner(tx, tenantId, partnerId, patch, actorOf(crm), crm);
  return true;
}

/** A value a person chose for a sync conflict: applied as their edit and announced to every CRM. */
export async function applyChosenPartnerValues(tx: Queryable, tenantId: string, partnerId: string, patch: PartnerPatch, decidedBy: string): Promise<void> {
  await editPartner(tx, tenantId, partnerId, patch, decidedBy, null);
}

async function editPartner(tx: Queryable, tenantId: string, partnerId: string, patch: PartnerPatch, actor: string, origin: Crm | null): Promise<void> {
  await updatePartner(tx, tenantId, partnerId, patch);
  const fields = Object.keys(patch);
  await recordAudit(tx, tenantId, { actor, action: 'partner.updated', entityType: 'partner', entityId: partnerId, details: { fields } });
  await appendOutboxEvent(tx, tenantId, 'partner.updated', partnerId, { partnerId, fields, origin: origin ?? 'trellis' });
}

/** A record marked as a partner in a CRM becomes a Trellis partner, announced to the other CRMs. */
export async function createPartnerFromCrm(tx: Queryable, tenantId: string, crm: Crm, input: PartnerInput): Promise<string> {
  const partner = await insertPartner(tx, tenantId, input);
  await recordAudit(tx, tenantId, { actor: actorOf(crm), action: 'partner.created', entityType: 'partner', entityId: partner.id });
  await appendOutboxEvent(tx, tenantId, 'partner.created', partner.id, { partnerId: partner.id, origin: crm });
  return partner.id;
}
