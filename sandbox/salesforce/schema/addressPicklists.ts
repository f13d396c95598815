import { RecordError, saveError } from '../errors';
import type { StoredRecord } from '../state';
import { field } from './fieldBuilders';
import type { FieldDefinition, ObjectDefinition } from './types';

/** Region codes ICU knows that are not ISO 3166-1 countries (groupings, reserved, withdrawn). */
const NOT_COUNTRIES = new Set(['AC', 'AN', 'BU', 'CP', 'CS', 'DD', 'DG', 'EA', 'EU', 'EZ', 'FX', 'IC', 'NT', 'QO', 'QU', 'SU', 'TA', 'TP', 'UK', 'UN', 'XA', 'XB', 'YD', 'YU', 'ZR', 'ZZ']);

/** The standard country list (ISO 3166-1 alpha-2 codes with English names) [sf-scp]. */
export const COUNTRIES: ReadonlyMap<string, string> = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  const countries = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code && !NOT_COUNTRIES.has(code)) countries.set(code, name);
    }
  }
  return countries;
})();

/**
 * State and country/territory picklists [sf-scp-api]: an org option that adds `BillingCountryCode`
 * and `BillingStateCode` to Account. Off, the fields do not exist (and naming them is INVALID_FIELD);
 * on, the code and the name are kept together and a code or name outside the list is refused.
 */
export function addressPicklistFields(): FieldDefinition[] {
  return [
    field('BillingCountryCode', 'picklist', { label: 'Billing Country Code', length: 10, picklistValues: [...COUNTRIES.keys()] }),
    field('BillingStateCode', 'picklist', { label: 'Billing State/Province Code', length: 10 }),
  ];
}

/** Checks a write to an object with the picklists and fills in the code from the name or the name from the code. */
export function applyAddressPicklists(object: ObjectDefinition, record: StoredRecord, touched: ReadonlySet<string>): void {
  if (!object.fields.some((f) => f.name === 'BillingCountryCode')) return;
  if (touched.has('BillingCountryCode') && record.BillingCountryCode != null) {
    const code = String(record.BillingCountryCode);
    const name = COUNTRIES.get(code);
    // The wording follows the StateCode refusal Salesforce users report; the country variant is assumed.
    if (!name) throw new RecordError(saveError('FIELD_INTEGRITY_EXCEPTION', `The BillingCountryCode field contains ${code}, which isn't an available country/territory. Your administrator can add it for you.`, ['BillingCountryCode']));
    record.BillingCountry = name;
  } else if (touched.has('BillingCountry') && record.BillingCountry != null) {
    const wanted = String(record.BillingCountry).toLowerCase();
    const match = [...COUNTRIES].find(([, name]) => name.toLowerCase() === wanted);
    if (!match) {
      throw new RecordError(saveError('FIELD_INTEGRITY_EXCEPTION', "There's a problem with this country, even though it may appear correct. Please select a country/territory from the list of valid countries.", ['BillingCountry']));
    }
    [record.BillingCountryCode, record.BillingCountry] = match;
  }
}
