import type { Partner, PartnerInput, PartnerPatch } from '../domain/partner';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { insertPartner, updatePartner } from '../store/partners';
import type { Actor, Deps } from './context';
import { notFound } from './errors';

export async function createPartner(deps: Deps, actor: Actor, input: PartnerInput): Promise<Partner> {
  return deps.db.transaction(async (tx) => {
    const partner = await insertPartner(tx, actor.tenantId, input);
    await recordAudit(tx, actor.tenantId, { actor: actor.name, action: 'partner.created', entityType: 'partner', entityId: partner.id });
    await appendOutboxEvent(tx, actor.tenantId, 'partner.created', partner.id, { partnerId: partner.id });
    return partner;
  });
}

export async function changePartner(deps: Deps, actor: Actor, id: string, patch: PartnerPatch): Promise<Partner> {
  return deps.db.transaction(async (tx) => {
    const partner = await updatePartner(tx, actor.tenantId, id, patch);
    if (!partner) throw notFound('partner');
    await recordAudit(tx, actor.tenantId, {
      actor: actor.name,
      action: 'partner.updated',
      entityType: 'partner',
      entityId: id,
      details: { fields: Object.keys(patch) },
    });
    await appendOutboxEvent(tx, actor.tenantId, 'partner.updated', id, { partnerId: id, fields: Object.keys(patch) });
    return partner;
  });
}
