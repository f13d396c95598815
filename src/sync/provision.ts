import type { Crm } from '../store/connections';
import { PARTNER_FIELDS } from './entities/partner';
import { REGISTRATION_FIELDS } from './entities/registration';
import { REGISTRATION_LINKS } from './mapping/defaults';
import { provisionEntry } from './mapping/translate';
import type { SyncMapping } from './mapping/types';
import type { ProvisionPlan } from './port';

/** Everything a tenant's mapping needs in one CRM: partner properties on companies / Accounts, and the registration object. */
export function provisionPlan(mapping: SyncMapping, crm: Crm): ProvisionPlan {
  const registration = provisionEntry(mapping.registration[crm], REGISTRATION_FIELDS, {
    label: 'Deal Registration',
    custom: true,
    ...(crm === 'hubspot' ? { associations: Object.values(REGISTRATION_LINKS.hubspot) } : {}),
  });
  if (crm === 'salesforce') {
    // The package's lookups to Opportunity and Account are fields describe must show.
    registration.fields.push(...Object.values(REGISTRATION_LINKS.salesforce).map((name) => ({ name, label: name })));
  }
  return { objects: [provisionEntry(mapping.partner[crm], PARTNER_FIELDS, { label: 'Partner', custom: false }), registration] };
}
