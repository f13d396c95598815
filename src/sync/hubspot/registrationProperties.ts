import { REGISTRATION_STATUSES } from '../../domain/registration';
import type { PlaceableRegistration } from '../../store/hubspotRegistrations';
import type { CrmObjectSpec, FieldValues, ProvisionPlan } from '../port';

/**
 * How a portal without custom objects shows deal registrations: Trellis properties (in the
 * Trellis group) on the deal a registration was made on, or on the customer's company when it has
 * no deal. Trellis alone writes them; HubSpot users read, filter and report on them.
 */
const PROPERTIES = {
  id: { name: 'trellis_registration_id', label: 'Trellis registration id' },
  status: { name: 'trellis_registration_status', label: 'Registration status', options: REGISTRATION_STATUSES },
  partnerName: { name: 'trellis_registration_partner', label: 'Registered by partner' },
  partnerId: { name: 'trellis_registration_partner_id', label: 'Registered by partner (Trellis id)' },
  protectionEndsAt: { name: 'trellis_registration_protection_end', label: 'Registration protection ends', type: 'datetime' as const },
  decidedAt: { name: 'trellis_registration_decided_at', label: 'Registration decided at', type: 'datetime' as const },
  decidedBy: { name: 'trellis_registration_decided_by', label: 'Registration decided by' },
  decisionReason: { name: 'trellis_registration_decision_reason', label: 'Registration decision reason' },
};

type Shown = keyof typeof PROPERTIES;

const FIELDS = Object.values(PROPERTIES).map((p) => p.name);

/** The deals and companies the properties live on; the registration id is the spec's id field. */
export const REGISTRATION_HOSTS: Record<'deals' | 'companies', CrmObjectSpec> = {
  deals: { object: 'deals', idField: PROPERTIES.id.name, fields: FIELDS },
  companies: { object: 'companies', idField: PROPERTIES.id.name, fields: FIELDS },
};

/** What provisioning creates on deals and companies (never unique: a registration moves between records over its life). */
export const registrationHostPlan = (): ProvisionPlan['objects'] =>
  Object.values(REGISTRATION_HOSTS).map((spec) => ({ spec, custom: false, label: 'Deal registration', fields: Object.values(PROPERTIES).map((p) => ({ ...p })) }));

const instant = (at: Date | null) => (at ? at.toISOString() : null);

/** The values a deal or company shows of its deciding registration. */
export function registrationHostValues(r: PlaceableRegistration): FieldValues {
  const values: Record<Shown, string | null> = {
    id: r.id,
    status: r.status,
    partnerName: r.partnerName,
    partnerId: r.partnerId,
    protectionEndsAt: instant(r.protectionExpiresAt),
    decidedAt: instant(r.decidedAt),
    decidedBy: r.decidedBy,
    decisionReason: r.decisionReason,
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [PROPERTIES[k as Shown].name, v]));
}

/** Every property empty: the record shows no registration. */
export const noRegistration = (): FieldValues => Object.fromEntries(FIELDS.map((f) => [f, null]));
