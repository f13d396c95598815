import { PARTNER_STATUSES, PartnerInput, PartnerPatch, REGIONS, TIERS, type Partner } from '../../domain/partner';
import { getPartnersByIds } from '../../store/partners';
import { applyChosenPartnerValues, applyCrmEditsToPartner, createPartnerFromCrm } from '../../usecases/applyCrmPartner';
import type { FieldValues } from '../port';
import { describeIssues, type SyncedEntity } from './synced';

/** The partner fields a mapping may name, with the choices a CRM picklist should offer. */
export const PARTNER_FIELDS: Record<string, { label: string; options?: readonly string[] }> = {
  name: { label: 'Partner name' },
  domain: { label: 'Partner domain' },
  tier: { label: 'Partner tier', options: TIERS },
  region: { label: 'Partner region', options: REGIONS },
  status: { label: 'Partner status', options: PARTNER_STATUSES },
  country: { label: 'Partner country (ISO code)' },
};

/** A partner as the sync engine compares it: its id and every mappable field, as text or null. */
export function partnerValues(p: Partner): FieldValues {
  return { id: p.id, name: p.name, domain: p.domain, tier: p.tier, region: p.region, status: p.status, country: p.country };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };


/** CRM edits as a partner change, checked by the same rules as an API edit. */
function partnerPatchFrom(changes: FieldValues): Parsed<PartnerPatch> {
  const parsed = PartnerPatch.safeParse(changes);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeIssues(parsed.error.issues) };
}

/** A CRM record marked as a partner there, as a new Trellis partner. */
function partnerInputFrom(values: FieldValues): Parsed<PartnerInput> {
  const present = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== null && k !== 'id'));
  const parsed = PartnerInput.safeParse(present);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeIssues(parsed.error.issues) };
}

/** Partners: CRM companies / Accounts carrying Trellis's partner fields; one marked as a partner in a CRM becomes one here. */
export const partnerEntity: SyncedEntity = {
  kind: 'partner',
  noun: 'partner',
  async load(q, tenantId, _crm, ids) {
    return (await getPartnersByIds(q, tenantId, ids)).map((p) => ({ id: p.id, name: p.name, values: partnerValues(p), updatedAt: p.updatedAt, relations: [] }));
  },
  async applyCrmEdits(tx, tenantId, crm, state, changes) {
    const patch = partnerPatchFrom(changes);
    if (!patch.ok) return { rejected: patch.reason };
    return (await applyCrmEditsToPartner(tx, tenantId, crm, state.id, state.updatedAt, patch.value)) ? 'applied' : 'moved';
  },
  async applyChosenValues(tx, tenantId, id, values, decidedBy) {
    const patch = partnerPatchFrom(values);
    if (!patch.ok) return { rejected: patch.reason };
    await applyChosenPartnerValues(tx, tenantId, id, patch.value, decidedBy);
    return null;
  },
  async adoptForeign(tx, tenantId, crm, values) {
    if (values.tier === null) return null;
    const input = partnerInputFrom(values);
    if (!input.ok) return { rejected: `it is marked as a partner but cannot become one: ${input.reason}` };
    return { created: await createPartnerFromCrm(tx, tenantId, crm, input.value) };
  },
};
