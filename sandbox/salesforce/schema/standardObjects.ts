import { KEY_PREFIX } from '../ids';
import { addressPicklistFields } from './addressPicklists';
import { field, lookupField, readOnlyField, systemFields } from './fieldBuilders';
import type { ObjectDefinition } from './types';

/** Opportunity stages of a new org, with the probability and closed/won flags each implies. */
export const OPPORTUNITY_STAGES: ReadonlyArray<{ name: string; probability: number; closed: boolean; won: boolean; forecast: string }> = [
  { name: 'Prospecting', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Qualification', probability: 10, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Needs Analysis', probability: 20, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Value Proposition', probability: 50, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Id. Decision Makers', probability: 60, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Perception Analysis', probability: 70, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Proposal/Price Quote', probability: 75, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Negotiation/Review', probability: 90, closed: false, won: false, forecast: 'Pipeline' },
  { name: 'Closed Won', probability: 100, closed: true, won: true, forecast: 'Closed' },
  { name: 'Closed Lost', probability: 0, closed: true, won: false, forecast: 'Omitted' },
];

const account: ObjectDefinition = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: KEY_PREFIX.account,
  custom: false,
  createable: true,
  updateable: true,
  deletable: true,
  fields: [
    ...systemFields({ owned: true }),
    readOnlyField('MasterRecordId', 'reference', { label: 'Master Record ID', referenceTo: ['Account'], relationshipName: 'MasterRecord', length: 18 }),
    field('Name', 'string', { label: 'Account Name', required: true }),
    field('Type', 'picklist', { label: 'Account Type', picklistValues: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other'] }),
    field('Industry', 'picklist', { picklistValues: ['Agriculture', 'Banking', 'Communications', 'Consulting', 'Education', 'Energy', 'Finance', 'Healthcare', 'Manufacturing', 'Media', 'Retail', 'Technology', 'Other'] }),
    field('Website', 'url'),
    field('Phone', 'phone', { label: 'Account Phone', length: 40 }),
    field('BillingStreet', 'textarea', { length: 255 }),
    field('BillingCity', 'string', { length: 40 }),
    field('BillingState', 'string', { length: 80 }),
    field('BillingPostalCode', 'string', { length: 20 }),
    field('BillingCountry', 'string', { length: 80 }),
    field('NumberOfEmployees', 'int', { label: 'Employees', precision: 8 }),
    field('AnnualRevenue', 'currency'),
    field('Description', 'textarea', { label: 'Account Description' }),
    lookupField('ParentId', 'Account', 'Parent', { label: 'Parent Account ID' }),
  ],
};

const contact: ObjectDefinition = {
  name: 'Contact',
  label: 'Contact',
  labelPlural: 'Contacts',
  keyPrefix: KEY_PREFIX.contact,
  custom: false,
  createable: true,
  updateable: true,
  deletable: true,
  fields: [
    ...systemFields({ owned: true }),
    lookupField('AccountId', 'Account', 'Account', { label: 'Account ID' }),
    field('FirstName', 'string', { length: 40 }),
    field('LastName', 'string', { length: 80, required: true }),
    readOnlyField('Name', 'string', { label: 'Full Name', length: 121 }),
    field('Email', 'email'),
    field('Phone', 'phone', { label: 'Business Phone', length: 40 }),
    field('Title', 'string', { length: 128 }),
    field('Department', 'string', { length: 80 }),
  ],
};

const opportunity: ObjectDefinition = {
  name: 'Opportunity',
  label: 'Opportunity',
  labelPlural: 'Opportunities',
  keyPrefix: KEY_PREFIX.opportunity,
  custom: false,
  createable: true,
  updateable: true,
  deletable: true,
  fields: [
    ...systemFields({ owned: true }),
    lookupField('AccountId', 'Account', 'Account', { label: 'Account ID' }),
    field('Name', 'string', { label: 'Name', length: 120, required: true }),
    field('Description', 'textarea'),
    field('StageName', 'picklist', { label: 'Stage', required: true, restrictedPicklist: true, length: 255, picklistValues: OPPORTUNITY_STAGES.map((s) => s.name) }),
    field('Amount', 'currency'),
    field('Probability', 'percent', { label: 'Probability (%)', precision: 3, scale: 0 }),
    field('CloseDate', 'date', { label: 'Close Date', required: true }),
    field('Type', 'picklist', { label: 'Opportunity Type', picklistValues: ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer'] }),
    field('LeadSource', 'picklist', { picklistValues: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] }),
    readOnlyField('IsClosed', 'boolean', { label: 'Closed', nillable: false }),
    readOnlyField('IsWon', 'boolean', { label: 'Won', nillable: false }),
    field('ForecastCategoryName', 'picklist', { label: 'Forecast Category', picklistValues: ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'] }),
  ],
};

const user: ObjectDefinition = {
  name: 'User',
  label: 'User',
  labelPlural: 'Users',
  keyPrefix: KEY_PREFIX.user,
  // Users come with the org (and its licences), not through the data API, in the emulator.
  custom: false,
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    ...systemFields({ owned: false }),
    field('Username', 'string', { length: 80, required: true }),
    field('FirstName', 'string', { length: 40 }),
    field('LastName', 'string', { length: 80, required: true }),
    readOnlyField('Name', 'string', { label: 'Full Name', length: 121 }),
    field('Email', 'email', { required: true }),
    field('IsActive', 'boolean', { label: 'Active', defaultValue: true }),
    lookupField('ProfileId', 'Profile', 'Profile', { label: 'Profile ID' }),
  ],
};

/** A user's profile and the system permissions it grants; "Modify All Data" makes an org's administrator. */
const profile: ObjectDefinition = {
  name: 'Profile',
  label: 'Profile',
  labelPlural: 'Profiles',
  keyPrefix: KEY_PREFIX.profile,
  custom: false,
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    ...systemFields({ owned: false }),
    field('Name', 'string', { length: 255, required: true }),
    field('PermissionsModifyAllData', 'boolean', { label: 'Modify All Data' }),
  ],
};

/** Fresh copies, because an org may add custom fields to its standard objects; Account gains the address picklists when the org has them on. */
export function standardObjects(options: { stateCountryPicklists: boolean }): ObjectDefinition[] {
  const objects = structuredClone([account, contact, opportunity, user, profile]);
  if (options.stateCountryPicklists) objects[0]!.fields.push(...addressPicklistFields());
  return objects;
}
