import { normalizeCompanyName } from '../../../src/domain/customer';
import { osaDistance } from '../../../src/domain/editDistance';
import { compareNames, typoDistance, nameKeys } from '../../../src/domain/nameMatch';

const compare = (a: string, b: string, threshold: number) => compareNames(normalizeCompanyName(a), normalizeCompanyName(b), threshold);

describe('how strongly two names match, at a lenient (0.6) and a strict (0.9) threshold', () => {
  it.each<[string, string, object | null, object | null]>([
    ['FBI', 'Federal Bureau of Investigation', { measure: 'acronym', strength: 0.8 }, null],
    ['Federal Bureau of Investigation', 'FBI', { measure: 'acronym', strength: 0.8 }, null],
    ['BA', 'Bank of America', null, null],
    ['Schneidr Electrik Industries', 'Schneider Electric Industries', { measure: 'trigram', strength: 0.727 }, null],
    ['Deutsch Bank', 'Deutsche Bank', { measure: 'edit_distance', strength: 0.917 }, { measure: 'edit_distance', strength: 0.917 }],
    ['Cisco', 'Cisco Systems Group', { measure: 'core_name', strength: 1 }, { measure: 'core_name', strength: 1 }],
    ['Acme Group', 'Acme Global', null, null],
    ['Siemens Health', 'Siemens Healthineers', null, null],
    ['Muenchener Rueck', 'Münchener Rück', { measure: 'identical', strength: 1 }, { measure: 'identical', strength: 1 }],
    ['Ölwerk', 'Olwerk', { measure: 'identical', strength: 1 }, { measure: 'identical', strength: 1 }],
    ['Microsfot', 'Microsoft', { measure: 'edit_distance', strength: 0.889 }, null],
    ['Heiniken', 'Heineken', { measure: 'edit_distance', strength: 0.875 }, null],
    ['Zalondo', 'Zalando', null, null],
    ['Infenion Technologies', 'Infineon Technologies', { measure: 'edit_distance', strength: 0.95 }, { measure: 'edit_distance', strength: 0.95 }],
    ['Schneider Elektric', 'Schneider Electric', { measure: 'edit_distance', strength: 0.941 }, { measure: 'edit_distance', strength: 0.941 }],
    ['Acme Partners', 'Acme Partner', { measure: 'edit_distance', strength: 0.917 }, { measure: 'edit_distance', strength: 0.917 }],
  ])('%s / %s', (a, b, lenient, strict) => {
    expect(compare(a, b, 0.6)).toEqual(lenient);
    expect(compare(a, b, 0.9)).toEqual(strict);
  });
});

describe('what counts as a typo', () => {
  it.each<[string, string, number | null]>([
    ['nokia', 'nokia', 0],
    ['nokai', 'nokia', 1],
    ['bayer', 'bauer', null],
    ['heineken', 'heiniken', 1],
    ['siemens', 'siemans', null], // a changed letter in a 7-letter name, even a vowel (Equinix/Equinox)
    ['siemens', 'siemenz', null],
    ['siemens', 'siemesn', 1],
    ['zalando', 'zalondo', null],
    ['infosys', 'infosis', null],
    ['equinix', 'equinox', null],
    ['allianz', 'alliant', null],
    ['lenovo', 'lenova', null],
    ['infineon', 'infenion', 1],
    ['renault', 'reuanlt', null],
    ['infineon', 'ifnineon', 1],
    ['muenchen', 'munchen', 1],
    ['microsoft', 'micro', null],
    ['audi', 'aldi', null],
    ['abcd', 'abcd', 0],
  ])('%s / %s: %s', (a, b, edits) => {
    expect(typoDistance(a, b)).toBe(edits);
  });

  it('counts a changed letter as one edit by default', () => {
    expect(osaDistance('bayer', 'bauer')).toBe(1);
  });
});

describe('the keys a name is indexed under', () => {
  it.each<[string, string[]]>([
    ['ibm', ['ibm', '=ibm']],
    ['nokia', ['nokia', 'okia', 'nkia', 'noia', 'noka', 'noki', '=nokia']],
    ['cisco systems', ['ciscosystems', 'iscosystems', 'cscosystems', 'cicosystems', 'cisosystems', 'ciscsystems', 'ciscoystems', 'ciscosstems', 'ciscosytems', 'ciscosysems', 'ciscosystms', 'ciscosystes', 'ciscosystem', 'ccsiosystems', 'ciocssystems', 'ciscostsyems', 'ciscosyetsms', 'ciscosysmets', 'cisco', 'isco', 'csco', 'cico', 'ciso', 'cisc']],
    ['waertsilae', ['waertsilae', 'aertsilae', 'wertsilae', 'wartsilae', 'waetsilae', 'waersilae', 'waertilae', 'waertslae', 'waertsiae', 'waertsile', 'waertsila', 'eawrtsilae', 'waeristlae', 'waertlisae', 'waertsalie', 'waertsieal', 'wartsila', 'artsila', 'wrtsila', 'watsila', 'warsila', 'wartila', 'wartsla', 'wartsia', 'wartsil', 'rawtsila', 'waristla', 'wartlisa', 'wartsali', '=waertsilae']],
  ])('%s', (name, keys) => {
    expect(nameKeys(name)).toEqual(keys);
  });

  it('a long name of three words or more is also found by its initials', () => {
    expect(nameKeys('international business machines')).toContain('=ibm');
    expect(nameKeys('international business machines')).toContain('businessmachine');
    expect(nameKeys('bank of america').some((k) => k.startsWith('='))).toBe(false);
  });

  it('a name over 40 letters is indexed whole, without deletions', () => {
    const long = 'abcdefghij'.repeat(4) + 'k';
    expect(nameKeys(long)).toEqual([long, `=${long}`]);
  });
});
