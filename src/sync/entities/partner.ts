import { PARTNER_STATUSES, PartnerInput, PartnerPatch, REGIONS, TIERS, type Partner } from '../../domain/partner';
import type { FieldValues } from '../port';

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

const describe = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`).join('; ');

/** CRM edits as a partner change, checked by the same rules as an API edit. */
export function partnerPatchFrom(changes: FieldValues): Parsed<PartnerPatch> {
  const parsed = PartnerPatch.safeParse(changes);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describe(parsed.error.issues) };
}

/** A CRM record marked as a partner there, as a new Trellis partner. */
export function partnerInputFrom(values: FieldValues): Parsed<PartnerInput> {
  const present = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== null && k !== 'id'));
  const parsed = PartnerInput.safeParse(present);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describe(parsed.error.issues) };
}
