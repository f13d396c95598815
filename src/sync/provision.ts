import type { Crm } from '../domain/crm';
import { PARTNER_FIELDS } from './entities/partner';
import { REGISTRATION_FIELDS } from './entities/registration';
import { REGISTRATION_LINKS } from './mapping/defaults';
import { provisionEntry } from './mapping/translate';
import type { SyncMapping } from './mapping/types';
import { registrationHostPlan } from './hubspot/registrationProperties';
import type { ProvisionPlan } from './port';

/**
 * Everything a tenant's mapping needs in one CRM: partner properties on companies / Accounts, and
 * the registration object — or, in a HubSpot portal without custom objects (`registrationsOnDeals`),
 * the registration properties on deals and companies.
 */
export function provisionPlan(mapping: SyncMapping, crm: Crm, options: { registrationsOnDeals?: boolean } = {}): ProvisionPlan {
  const partner = provisionEntry(mapping.partner[crm], PARTNER_FIELDS, { label: 'Partner', custom: false });
  if (crm === 'hubspot' && options.registrationsOnDeals) return { objects: [partner, ...registrationHostPlan()] };
  const registration = provisionEntry(mapping.registration[crm], REGISTRATION_FIELDS, {
    label: 'Deal Registration',
    custom: true,
    ...(crm === 'hubspot' ? { associations: Object.values(REGISTRATION_LINKS.hubspot) } : {}),
  });
  if (crm === 'salesforce') {
    // The package's lookups to Opportunity and Account are fields describe must show.
    registration.fields.push(...Object.values(REGISTRATION_LINKS.salesforce).map((name) => ({ name, label: name })));
  }
  return { objects: [partner, registration] };
}
