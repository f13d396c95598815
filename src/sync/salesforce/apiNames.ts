/**
 * The Salesforce API names of the Trellis package's components. Trellis ships as a managed 2GP
 * package, so in a subscriber org each custom object and field carries the package's namespace
 * prefix (`trellisprm__Trellis_Deal_Registration__c`) and the bare name is unknown there [sf-ns];
 * only an unmanaged dev org shows the bare names [sf-prefix]. The package source, like all
 * Salesforce source, keeps the bare names (`app-manifest/salesforce`), and its `sfdx-project.json`
 * names the same namespace.
 */

/** The namespace prefix registered for the Trellis package. */
export const PACKAGE_NAMESPACE = 'trellisprm';

/** 1–15 alphanumerics starting with a letter, no double underscore; empty for an unmanaged org. */
export const NAMESPACE_PATTERN = /^(?:[A-Za-z](?:[A-Za-z0-9]|_(?!_)){0,14})?$/;

/** The package's components as its source names them. */
const SOURCE = {
  registration: {
    object: 'Trellis_Deal_Registration__c',
    registrationId: 'Trellis_Registration_Id__c',
    customerName: 'Trellis_Customer_Name__c',
    status: 'Trellis_Status__c',
    decisionReason: 'Trellis_Decision_Reason__c',
    amount: 'Trellis_Amount__c',
    dealStage: 'Trellis_Deal_Stage__c',
    /** Lookups to the partner's Account and the registered Opportunity. */
    account: 'Account__c',
    opportunity: 'Opportunity__c',
  },
  account: {
    partnerId: 'Trellis_Partner_Id__c',
    partnerTier: 'Trellis_Partner_Tier__c',
    partnerRegion: 'Trellis_Partner_Region__c',
    partnerStatus: 'Trellis_Partner_Status__c',
    partnerCountry: 'Trellis_Partner_Country__c',
  },
} as const;

export type PackageApiNames = { [K in keyof typeof SOURCE]: { [F in keyof (typeof SOURCE)[K]]: string } };

let configured = PACKAGE_NAMESPACE;

/**
 * Sets the namespace for this process, once at start (`SALESFORCE_PACKAGE_NAMESPACE`): the package's
 * own prefix unless Trellis talks to an unmanaged dev org, where it is empty.
 */
export function setPackageNamespace(namespace: string): void {
  if (!NAMESPACE_PATTERN.test(namespace)) throw new Error(`"${namespace}" is not a Salesforce namespace prefix`);
  configured = namespace;
}

export function packageNamespace(): string {
  return configured;
}

/** A package component's name as a subscriber org knows it: `Trellis_Status__c` → `trellisprm__Trellis_Status__c`. */
export function packaged(name: string, namespace = configured): string {
  return namespace ? `${namespace}__${name}` : name;
}

/** Every API name of the package in an org with `namespace` (the configured one by default). */
export function packageApiNames(namespace = configured): PackageApiNames {
  const prefix = (names: Record<string, string>) => Object.fromEntries(Object.entries(names).map(([k, v]) => [k, packaged(v, namespace)]));
  return { registration: prefix(SOURCE.registration), account: prefix(SOURCE.account) } as PackageApiNames;
}

/** The package's fields by the object they are on, all by lower-cased source name. */
const { object: REGISTRATION_OBJECT, ...registrationFields } = SOURCE.registration;
const byLowerName = (names: readonly string[]) => new Map(names.map((n) => [n.toLowerCase(), n]));
const PACKAGE_FIELDS = new Map([
  [REGISTRATION_OBJECT.toLowerCase(), byLowerName(Object.values(registrationFields))],
  ['account', byLowerName(Object.values(SOURCE.account))],
]);

/** The name without the package's prefix (the registered one or the one in force), if it carries one. */
function bare(name: string): string {
  const prefix = [PACKAGE_NAMESPACE, configured].filter(Boolean).find((ns) => name.toLowerCase().startsWith(`${ns.toLowerCase()}__`));
  return prefix ? name.slice(prefix.length + 2) : name;
}

/**
 * A name in the namespace in force, however it was saved: bare (a tenant's mapping saved before
 * the package was namespaced) or with the package's prefix. Only the package's own components
 * change; the org's own objects and fields, and standard ones, are left alone.
 */
export function qualifyPackageObject(name: string, namespace = configured): string {
  return sameApiName(bare(name), REGISTRATION_OBJECT) ? packaged(REGISTRATION_OBJECT, namespace) : name;
}

export function qualifyPackageField(object: string, field: string, namespace = configured): string {
  const source = PACKAGE_FIELDS.get(bare(object).toLowerCase())?.get(bare(field).toLowerCase());
  return source ? packaged(source, namespace) : field;
}

/** API names are case-insensitive in Salesforce. */
export function sameApiName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
