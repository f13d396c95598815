import { DEFAULT_MAPPING, REGISTRATION_LINKS } from '../../../src/sync/mapping/defaults';
import { mappingInForce } from '../../../src/sync/mapping/load';
import { PACKAGE_NAMESPACE, packageApiNames, packageNamespace, setPackageNamespace } from '../../../src/sync/salesforce/apiNames';

/** A tenant's mapping saved before the package was namespaced: the bare names, plus a field of the org's own. */
function savedBeforeNamespacing() {
  const saved = structuredClone(DEFAULT_MAPPING);
  const bare = (name: string) => name.replace(`${PACKAGE_NAMESPACE}__`, '');
  for (const kind of ['partner', 'registration'] as const) {
    const spec = saved[kind].salesforce;
    spec.object = bare(spec.object);
    spec.idField = bare(spec.idField);
    spec.fields = spec.fields.map((f) => ({ ...f, crmField: bare(f.crmField) }));
  }
  saved.partner.salesforce.fields.find((f) => f.field === 'region')!.crmField = 'Sales_Region__c';
  return saved;
}

describe('Salesforce API names of the namespaced package [sf-ns]', () => {
  afterEach(() => setPackageNamespace(PACKAGE_NAMESPACE));

  it('names every package component with the prefix in a subscriber org', () => {
    expect(packageNamespace()).toBe('trellisprm');
    expect(packageApiNames().registration.object).toBe('trellisprm__Trellis_Deal_Registration__c');
    expect(packageApiNames().account.partnerId).toBe('trellisprm__Trellis_Partner_Id__c');
    expect([REGISTRATION_LINKS.salesforce.partner, REGISTRATION_LINKS.salesforce.deal]).toEqual(['trellisprm__Account__c', 'trellisprm__Opportunity__c']);
    const inForce = mappingInForce(null);
    expect(inForce.registration.salesforce.object).toBe('trellisprm__Trellis_Deal_Registration__c');
    expect(inForce.partner.salesforce.fields.map((f) => f.crmField)).toEqual(['Name', 'Website', ...['Tier', 'Region', 'Status', 'Country'].map((n) => `trellisprm__Trellis_Partner_${n}__c`)]);
  });

  it('moves a mapping saved with the bare names to the prefixed ones, leaving the org’s own fields alone', () => {
    const inForce = mappingInForce(savedBeforeNamespacing());
    expect(inForce.registration.salesforce).toEqual(DEFAULT_MAPPING.registration.salesforce);
    expect(inForce.partner.salesforce.idField).toBe('trellisprm__Trellis_Partner_Id__c');
    expect(inForce.partner.salesforce.fields.map((f) => f.crmField)).toEqual(['Name', 'Website', 'trellisprm__Trellis_Partner_Tier__c', 'Sales_Region__c', 'trellisprm__Trellis_Partner_Status__c', 'trellisprm__Trellis_Partner_Country__c']);
    // HubSpot's side is not Salesforce's business.
    expect(inForce.partner.hubspot).toEqual(DEFAULT_MAPPING.partner.hubspot);
  });

  it('qualifies a package field only on the object the package puts it on', () => {
    const saved = savedBeforeNamespacing();
    saved.partner.salesforce.object = 'Contact';
    saved.partner.salesforce.fields[2]!.crmField = 'Trellis_Partner_Tier__c';
    expect(mappingInForce(saved).partner.salesforce.fields[2]!.crmField).toBe('Trellis_Partner_Tier__c');
  });

  it('uses the bare names against an unmanaged dev org (empty namespace), whichever way they were saved', () => {
    setPackageNamespace('');
    expect(mappingInForce(null).registration.salesforce.object).toBe('Trellis_Deal_Registration__c');
    expect(mappingInForce(savedBeforeNamespacing()).partner.salesforce.idField).toBe('Trellis_Partner_Id__c');
    expect(REGISTRATION_LINKS.salesforce.partner).toBe('Account__c');
  });

  it('follows another configured namespace, from the registered prefix or its own', () => {
    setPackageNamespace('acmeprm');
    expect(mappingInForce(null).registration.salesforce.fields[0]!.crmField).toBe('acmeprm__Trellis_Customer_Name__c');
    const saved = savedBeforeNamespacing();
    saved.registration.salesforce.object = 'acmeprm__Trellis_Deal_Registration__c';
    expect(mappingInForce(saved).registration.salesforce.idField).toBe('acmeprm__Trellis_Registration_Id__c');
  });

  it('refuses a namespace Salesforce would not register', () => {
    expect(() => setPackageNamespace('two__parts')).toThrow('is not a Salesforce namespace prefix');
    expect(() => setPackageNamespace('waytoolongnamespace1')).toThrow();
  });
});
