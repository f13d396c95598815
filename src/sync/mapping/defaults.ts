import type { SyncMapping } from './types';

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
      idField: 'Trellis_Partner_Id__c',
      fields: [
        { field: 'name', crmField: 'Name', owner: 'shared' },
        { field: 'domain', crmField: 'Website', owner: 'shared' },
        { field: 'tier', crmField: 'Trellis_Partner_Tier__c', owner: 'shared' },
        { field: 'region', crmField: 'Trellis_Partner_Region__c', owner: 'shared' },
        { field: 'status', crmField: 'Trellis_Partner_Status__c', owner: 'shared' },
        { field: 'country', crmField: 'Trellis_Partner_Country__c', owner: 'shared' },
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
      object: 'Trellis_Deal_Registration__c',
      idField: 'Trellis_Registration_Id__c',
      fields: [
        { field: 'customerName', crmField: 'Trellis_Customer_Name__c', owner: 'trellis' },
        { field: 'status', crmField: 'Trellis_Status__c', owner: 'trellis' },
        { field: 'decisionReason', crmField: 'Trellis_Decision_Reason__c', owner: 'trellis' },
        { field: 'amount', crmField: 'Trellis_Amount__c', owner: 'crm' },
        { field: 'dealStage', crmField: 'Trellis_Deal_Stage__c', owner: 'crm' },
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
  salesforce: { partner: 'Account__c', deal: 'Opportunity__c' },
} as const;
