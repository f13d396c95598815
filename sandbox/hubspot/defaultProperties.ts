import type { PropertyDefinition, PropertyGroup, PropertyOption } from './state';

/** The subset of a property definition that differs between properties. */
export interface PropertySpec {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName?: string;
  description?: string;
  options?: Array<Partial<PropertyOption> & { label: string; value: string }>;
  hasUniqueValue?: boolean;
  hidden?: boolean;
  formField?: boolean;
  readOnlyValue?: boolean;
  displayOrder?: number;
}

export function buildProperty(spec: PropertySpec, hubspotDefined: boolean, now: string): PropertyDefinition {
  return {
    name: spec.name,
    label: spec.label,
    type: spec.type,
    fieldType: spec.fieldType,
    groupName: spec.groupName ?? '',
    description: spec.description ?? '',
    options: (spec.options ?? []).map((o, i) => ({
      label: o.label,
      value: o.value,
      displayOrder: o.displayOrder ?? i,
      hidden: o.hidden ?? false,
      ...(o.description !== undefined ? { description: o.description } : {}),
    })),
    displayOrder: spec.displayOrder ?? -1,
    hasUniqueValue: spec.hasUniqueValue ?? false,
    hidden: spec.hidden ?? false,
    formField: spec.formField ?? false,
    calculated: false,
    externalOptions: false,
    hubspotDefined,
    readOnlyValue: spec.readOnlyValue ?? false,
    createdAt: now,
    updatedAt: now,
    archived: false,
  };
}

const options = (...values: Array<[string, string]>) => values.map(([value, label]) => ({ value, label }));

/** Properties every object type carries, maintained by HubSpot itself. */
const systemProperties = (group: string, created: string): PropertySpec[] => [
  { name: 'hs_object_id', label: 'Record ID', type: 'number', fieldType: 'number', groupName: group, readOnlyValue: true },
  { name: created, label: 'Create Date', type: 'datetime', fieldType: 'date', groupName: group },
  {
    name: 'hs_lastmodifieddate',
    label: 'Last Modified Date',
    type: 'datetime',
    fieldType: 'date',
    groupName: group,
    readOnlyValue: true,
  },
  {
    name: 'hs_merged_object_ids',
    label: 'Merged Record IDs',
    type: 'enumeration',
    fieldType: 'checkbox',
    groupName: group,
    readOnlyValue: true,
  },
  { name: 'hubspot_owner_id', label: 'Owner', type: 'string', fieldType: 'text', groupName: group },
];

const text = (name: string, label: string, groupName: string): PropertySpec => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  groupName,
});
const number = (name: string, label: string, groupName: string): PropertySpec => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  groupName,
});

const CONTACT = 'contactinformation';
const COMPANY = 'companyinformation';
const DEAL = 'dealinformation';

/** Stages of HubSpot's default sales pipeline (internal values). */
const DEFAULT_DEAL_STAGES = options(
  ['appointmentscheduled', 'Appointment Scheduled'],
  ['qualifiedtobuy', 'Qualified To Buy'],
  ['presentationscheduled', 'Presentation Scheduled'],
  ['decisionmakerboughtin', 'Decision Maker Bought-In'],
  ['contractsent', 'Contract Sent'],
  ['closedwon', 'Closed Won'],
  ['closedlost', 'Closed Lost'],
);

const STANDARD_PROPERTIES: Record<string, PropertySpec[]> = {
  '0-1': [
    ...systemProperties(CONTACT, 'createdate'),
    {
      name: 'lastmodifieddate',
      label: 'Last Modified Date',
      type: 'datetime',
      fieldType: 'date',
      groupName: CONTACT,
      readOnlyValue: true,
    },
    { ...text('email', 'Email', CONTACT), formField: true },
    { ...text('firstname', 'First Name', CONTACT), formField: true },
    { ...text('lastname', 'Last Name', CONTACT), formField: true },
    text('phone', 'Phone Number', CONTACT),
    text('company', 'Company Name', CONTACT),
    text('website', 'Website URL', CONTACT),
    text('jobtitle', 'Job Title', CONTACT),
    text('country', 'Country/Region', CONTACT),
    {
      name: 'lifecyclestage',
      label: 'Lifecycle Stage',
      type: 'enumeration',
      fieldType: 'radio',
      groupName: CONTACT,
      options: options(
        ['subscriber', 'Subscriber'],
        ['lead', 'Lead'],
        ['marketingqualifiedlead', 'Marketing Qualified Lead'],
        ['salesqualifiedlead', 'Sales Qualified Lead'],
        ['opportunity', 'Opportunity'],
        ['customer', 'Customer'],
        ['evangelist', 'Evangelist'],
        ['other', 'Other'],
      ),
    },
  ],
  '0-2': [
    ...systemProperties(COMPANY, 'createdate'),
    text('name', 'Company name', COMPANY),
    text('domain', 'Company Domain Name', COMPANY),
    text('website', 'Website URL', COMPANY),
    text('industry', 'Industry', COMPANY),
    text('phone', 'Phone Number', COMPANY),
    text('city', 'City', COMPANY),
    text('country', 'Country/Region', COMPANY),
    text('description', 'Description', COMPANY),
    number('numberofemployees', 'Number of Employees', COMPANY),
    number('annualrevenue', 'Annual Revenue', COMPANY),
  ],
  '0-3': [
    ...systemProperties(DEAL, 'createdate'),
    text('dealname', 'Deal Name', DEAL),
    number('amount', 'Amount', DEAL),
    { name: 'closedate', label: 'Close Date', type: 'datetime', fieldType: 'date', groupName: DEAL },
    {
      name: 'dealstage',
      label: 'Deal Stage',
      type: 'enumeration',
      fieldType: 'radio',
      groupName: DEAL,
      options: DEFAULT_DEAL_STAGES,
    },
    {
      name: 'pipeline',
      label: 'Pipeline',
      type: 'enumeration',
      fieldType: 'select',
      groupName: DEAL,
      options: options(['default', 'Sales Pipeline']),
    },
    {
      name: 'dealtype',
      label: 'Deal Type',
      type: 'enumeration',
      fieldType: 'radio',
      groupName: DEAL,
      options: options(['newbusiness', 'New Business'], ['existingbusiness', 'Existing Business']),
    },
    text('description', 'Deal Description', DEAL),
    text('deal_currency_code', 'Currency', DEAL),
    { name: 'hs_is_closed', label: 'Is Deal Closed?', type: 'bool', fieldType: 'booleancheckbox', groupName: DEAL, readOnlyValue: true },
    { name: 'hs_is_closed_won', label: 'Is Closed Won', type: 'bool', fieldType: 'booleancheckbox', groupName: DEAL, readOnlyValue: true },
  ],
};

const STANDARD_GROUPS: Record<string, Array<[string, string]>> = {
  '0-1': [[CONTACT, 'Contact information']],
  '0-2': [[COMPANY, 'Company information']],
  '0-3': [[DEAL, 'Deal information']],
};

function customObjectGroupName(schemaName: string): string {
  return `${schemaName}_information`;
}

/** The properties a type starts with; custom objects get the system set in their information group. */
export function defaultPropertySpecs(objectTypeId: string, customName?: string): PropertySpec[] {
  if (customName !== undefined) return systemProperties(customObjectGroupName(customName), 'hs_createdate');
  return STANDARD_PROPERTIES[objectTypeId] ?? [];
}

export function defaultGroups(objectTypeId: string, customName?: string): PropertyGroup[] {
  const groups: Array<[string, string]> =
    customName !== undefined
      ? [[customObjectGroupName(customName), `${customName} information`]]
      : (STANDARD_GROUPS[objectTypeId] ?? []);
  return groups.map(([name, label], displayOrder) => ({ name, label, displayOrder, archived: false }));
}
