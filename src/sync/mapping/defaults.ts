import { PACKAGE_NAMESPACE, packageApiNames } from '../salesforce/apiNames';
import type { SyncMapping } from './types';

/** The package's names as a subscriber org knows them; `mappingInForce` moves them to the namespace in force. */
const SF = packageApiNames(PACKAGE_NAMESPACE);

/**
 * The mapping every tenant starts with. Partners are companies / Accounts carrying Trellis
 * properties; deal registrations are Trellis custom objects linked to the deal and company.
 * Trellis owns registration status and decisions; the CRM owns the deal's amount and stage.
 */
export const DEFAULT_MAPPING: SyncMapping = {
  partner: {
    hubspot: {
      object: 'companies',
      idField: 'trellis_partner_id',
      fields: [
        { field: 'name', crmField: 'name', owner: 'shared' },
        { field: 'domain', crmField: 'domain', owner: 'shared' },
        { field: 'tier', crmField: 'trellis_partner_tier', owner: 'shared' },
        { field: 'region', crmField: 'trellis_partner_region', owner: 'shared' },
        { field: 'status', crmField: 'trellis_partner_status', owner: 'shared' },
        { field: 'country', crmField: 'trellis_partner_country', owner: 'shared' },
      ],
    },
    salesforce: {
      object: 'Account',
      idField: SF.account.partnerId,
      fields: [
        { field: 'name', crmField: 'Name', owner: 'shared' },
        { field: 'domain', crmField: 'Website', owner: 'shared' },
        { field: 'tier', crmField: SF.account.partnerTier, owner: 'shared' },
        { field: 'region', crmField: SF.account.partnerRegion, owner: 'shared' },
        { field: 'status', crmField: SF.account.partnerStatus, owner: 'shared' },
        { field: 'country', crmField: SF.account.partnerCountry, owner: 'shared' },
      ],
    },
  },
  registration: {
    hubspot: {
      // The name the custom object is created with, never an address: HubSpot refuses base names, so
      // calls use the objectTypeId learnt at provisioning (src/sync/hubspot/registrationStorage.ts).
      // Portals without custom objects keep registrations on deals instead (registrationProperties.ts).
      object: 'trellis_deal_registration',
      idField: 'trellis_registration_id',
      fields: [
        { field: 'customerName', crmField: 'trellis_customer_name', owner: 'trellis' },
        { field: 'status', crmField: 'trellis_registration_status', owner: 'trellis' },
        { field: 'decisionReason', crmField: 'trellis_decision_reason', owner: 'trellis' },
        { field: 'amount', crmField: 'amount', owner: 'crm' },
        { field: 'dealStage', crmField: 'trellis_deal_stage', owner: 'crm' },
      ],
    },
    salesforce: {
      object: SF.registration.object,
      idField: SF.registration.registrationId,
      fields: [
        { field: 'customerName', crmField: SF.registration.customerName, owner: 'trellis' },
        { field: 'status', crmField: SF.registration.status, owner: 'trellis' },
        { field: 'decisionReason', crmField: SF.registration.decisionReason, owner: 'trellis' },
        { field: 'amount', crmField: SF.registration.amount, owner: 'crm' },
        { field: 'dealStage', crmField: SF.registration.dealStage, owner: 'crm' },
      ],
    },
  },
};

/**
 * Where a registration's CRM record points: the partner's company / Account and the deal it was
 * registered on — HubSpot associations (by object type id) or the package's Salesforce lookup fields.
 */
export const REGISTRATION_LINKS = {
  hubspot: { partner: '0-2', deal: '0-3' },
  // Read when used, so they carry the namespace in force.
  salesforce: {
    get partner() {
      return packageApiNames().registration.account;
    },
    get deal() {
      return packageApiNames().registration.opportunity;
    },
  },
} as const;
