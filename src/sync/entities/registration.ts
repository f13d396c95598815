import { z } from 'zod';
import { dealIdIn, REGISTRATION_STATUSES } from '../../domain/registration';
import { appendOutboxEvent, recordAudit } from '../../store/outbox';
import type { Crm } from '../../domain/crm';
import type { Queryable } from '../../store/db';
import { applyDealFacts, registrationsForSync, type CrmDealFacts, type RegistrationSyncRow } from '../../store/registrationSync';
import { linksByEntity } from '../../store/syncLinks';
import { REGISTRATION_LINKS } from '../mapping/defaults';
import type { CrmRelation, FieldValues } from '../port';
import { describeIssues, type SyncedEntity } from './synced';

/** The deal registration fields a mapping may name (provisioned as custom object properties). */
export const REGISTRATION_FIELDS: Record<string, { label: string; options?: readonly string[] }> = {
  customerName: { label: 'Customer name' },
  status: { label: 'Registration status', options: REGISTRATION_STATUSES },
  decisionReason: { label: 'Decision reason' },
  amount: { label: 'Amount' },
  dealStage: { label: 'Deal stage' },
};

export function registrationValues(r: RegistrationSyncRow): FieldValues {
  return { id: r.id, customerName: r.customerName, status: r.status, decisionReason: r.decisionReason, amount: String(r.amount), dealStage: r.dealStage };
}

/** The deal facts a CRM may change; everything else about a registration is decided in Trellis. */
const DealFacts = z
  .object({
    amount: z
      .string({ error: 'must not be empty' })
      .transform((v) => Number(v))
      .pipe(z.number().nonnegative().max(1e13))
      .transform((v) => Math.round(v * 100) / 100),
    dealStage: z.string().max(200).nullable(),
  })
  .partial()
  .strict();

/**
 * Deal registrations: Trellis custom objects linked to the partner's CRM record and the deal.
 * They are created in Trellis only; CRMs contribute the deal's amount and stage.
 */
export const registrationEntity: SyncedEntity = {
  kind: 'registration',
  noun: 'deal registration',
  async load(q, tenantId, crm, ids) {
    const rows = await registrationsForSync(q, tenantId, ids);
    const partnerLinks = await linksByEntity(q, tenantId, crm, 'partner', [...new Set(rows.map((r) => r.partnerId))]);
    return rows.map((r) => {
      const relations: CrmRelation[] = [];
      const partner = partnerLinks.get(r.partnerId);
      if (partner && !partner.tombstonedAt) relations.push({ to: REGISTRATION_LINKS[crm].partner, id: partner.crmId });
      const deal = dealIdIn(r.crmDealRef, crm);
      if (deal) relations.push({ to: REGISTRATION_LINKS[crm].deal, id: deal });
      return { id: r.id, name: r.customerName, values: registrationValues(r), updatedAt: r.updatedAt, relations };
    });
  },
  async applyCrmEdits(tx, tenantId, crm, state, changes) {
    const facts = DealFacts.safeParse(changes);
    if (!facts.success) return { rejected: describeIssues(facts.error.issues) };
    return (await changeDealFacts(tx, tenantId, state.id, facts.data, { actor: `sync:${crm}`, origin: crm, mergedAgainst: state.updatedAt })) ? 'applied' : 'moved';
  },
  async applyChosenValues(tx, tenantId, id, values, decidedBy) {
    const facts = DealFacts.safeParse(values);
    if (!facts.success) return { rejected: `${describeIssues(facts.error.issues)} (a registration's status and decision are made by approving or rejecting it)` };
    await changeDealFacts(tx, tenantId, id, facts.data, { actor: decidedBy, origin: null, mergedAgainst: null });
    return null;
  },
  async adoptForeign() {
    // A registration record made in the CRM by hand has no partner decision behind it: Trellis leaves it alone.
    return null;
  },
};

/** Changes a registration's deal facts and announces it to every CRM but the one it came from. */
async function changeDealFacts(
  tx: Queryable,
  tenantId: string,
  id: string,
  facts: CrmDealFacts,
  by: { actor: string; origin: Crm | null; mergedAgainst: Date | null },
): Promise<boolean> {
  if (!(await applyDealFacts(tx, tenantId, id, facts, by.mergedAgainst))) return false;
  const fields = Object.keys(facts);
  await recordAudit(tx, tenantId, { actor: by.actor, action: 'deal_registration.updated', entityType: 'deal_registration', entityId: id, details: { fields } });
  await appendOutboxEvent(tx, tenantId, 'deal_registration.updated', id, { registrationId: id, fields, origin: by.origin ?? 'trellis' });
  return true;
}
