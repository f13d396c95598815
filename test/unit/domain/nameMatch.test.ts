import { normalizeCompanyName } from '../../../src/domain/customer';
import { compareNames, indexedKeys, nameKeys, wordKeySets } from '../../../src/domain/nameMatch';

const compare = (a: string, b: string, threshold = 0.6) => compareNames(normalizeCompanyName(a), normalizeCompanyName(b), threshold);

describe('compareNames', () => {
  it.each([
    ['Siemens AG', 'Siemens Aktiengesellschaft', 'identical'],
    ['Face Book', 'Facebook', 'identical'],
    ['Wärtsilä', 'Wartsila', 'identical'],
    ['Cisco Systems', 'Cisco', 'core_name'],
    ['IBM', 'International Business Machines', 'acronym'],
    ['Microsfot', 'Microsoft Corporation', 'edit_distance'], // a swap
    ['Siemns', 'Siemens', 'edit_distance'], // a dropped letter
    ['Heiniken', 'Heineken', 'edit_distance'], // a changed letter in a long name
    ['Telefonaktiebolaget LM Ericsson', 'LM Ericsson', 'identical'], // a Swedish compound of the legal form in front
    ['Infineon Technologies', 'Infenion Technologies', 'edit_distance'], // two letters swapped across a third
    ['Schneider Electic', 'Schneider Electric', 'edit_distance'],
    ['Vodaphone', 'Vodafone', 'identical'], // "ph" for "f"
    ['Schneidr Electrik', 'Schneider Electric', 'trigram'], // a slip in each word
  ])('%s / %s match by %s', (a, b, measure) => {
    expect(compare(a, b)?.measure).toBe(measure);
  });

  it.each([
    ['Bayer', 'Bauer'], // a changed letter in a short name is another word
    ['Allianz', 'Alliant'], // a changed letter in a 7-letter name is another name as often as a typo
    ['Equinix', 'Equinox'], // even a vowel
    ['Genesys', 'Genesis'],
    ['Lenovo', 'Lenova'],
    ['Renault', 'Reuanlt'], // a swap across a letter in a 7-letter name
    ['Audi', 'Aldi'], // too short to tell a typo
    ['Deutsche Bank', 'Deutsche Bahn'], // similar, but a whole word differs
    ['General Motors', 'General Mills'],
    ['United Technologies', 'United Group'],
    ['GE', 'General Electric'], // two letters are no acronym to go by
    ['Emirates', 'Emirates NBD'], // a word one name adds names another company
    ['Goldman Sachs International', 'Goldman Sachs International Bank'],
  ])('%s / %s do not match', (a, b) => {
    expect(compare(a, b)).toBeNull();
  });

  it('a typo matches only as strongly as the tenant asks', () => {
    expect(compare('Nokai', 'Nokia')).toEqual({ measure: 'edit_distance', strength: 0.8 });
    expect(compare('Nokai', 'Nokia', 0.9)).toBeNull();
  });
});

describe('nameKeys', () => {
  it.each([
    ['Microsfot', 'Microsoft'],
    ['Siemns', 'Siemens'],
    ['Cisco', 'Cisco Systems'],
    ['Wartsila', 'Wärtsilä'],
    ['IBM', 'International Business Machines'],
    ['Siemesn', 'Siemens'],
    ['Infenion', 'Infineon'],
    ['Infineon Technologies', 'Infenion Technologies'],
  ])('%s and %s share a key, so the index finds one from the other', (a, b) => {
    const keys = new Set(nameKeys(normalizeCompanyName(a)));
    expect(indexedKeys(normalizeCompanyName(b)).some((k) => keys.has(k))).toBe(true);
  });
});

describe('wordKeySets', () => {
  const sharesEachSet = (a: string, b: string) => {
    const keys = new Set(indexedKeys(normalizeCompanyName(b)));
    return wordKeySets(normalizeCompanyName(a)).every((set) => set.some((k) => keys.has(k)));
  };

  it('finds a name spelled alike word for word through every one of its words', () => {
    expect(compare('Schneidr Electrik', 'Schneider Electric')?.measure).toBe('trigram');
    expect(sharesEachSet('Schneidr Electrik', 'Schneider Electric')).toBe(true);
  });

  it('finds a name with two letters swapped across a third in one word and a slip in another', () => {
    expect(compare('Infineon Semiconductors', 'Infenion Semiconductor', 0.5)?.measure).toBe('trigram');
    expect(sharesEachSet('Infineon Semiconductors', 'Infenion Semiconductor')).toBe(true);
  });

  it('passes over a name that lacks a counterpart for one of the words', () => {
    expect(sharesEachSet('Deutsche Bank', 'Deutsche Bahn Netz')).toBe(false);
    expect(sharesEachSet('Global Zylotech Solutions', 'Global Solutions')).toBe(false);
  });

  it('asks for the longest words only, skipping joining words', () => {
    const sets = wordKeySets(normalizeCompanyName('Bank of New York Mellon'));
    expect(sets.map((set) => set[0])).toEqual(['~mellon', '~bank', '~york']);
  });
});
