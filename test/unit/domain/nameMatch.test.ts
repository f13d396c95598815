import { normalizeCompanyName } from '../../../src/domain/customer';
import { compareNames, typoKeys } from '../../../src/domain/nameMatch';

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
    ['Schneider Electic', 'Schneider Electric', 'edit_distance'],
    ['Goldman Sachs International', 'Goldman Sachs Intl Bank', 'trigram'],
  ])('%s / %s match by %s', (a, b, measure) => {
    expect(compare(a, b)?.measure).toBe(measure);
  });

  it.each([
    ['Bayer', 'Bauer'], // a changed letter in a short name is another word
    ['Allianz', 'Alliant'],
    ['Audi', 'Aldi'], // too short to tell a typo
    ['Deutsche Bank', 'Deutsche Bahn'], // similar, but a whole word differs
    ['General Motors', 'General Mills'],
    ['United Technologies', 'United Group'],
    ['GE', 'General Electric'], // two letters are no acronym to go by
  ])('%s / %s do not match', (a, b) => {
    expect(compare(a, b)).toBeNull();
  });

  it('a typo matches only as strongly as the tenant asks', () => {
    expect(compare('Nokai', 'Nokia')).toEqual({ measure: 'edit_distance', strength: 0.8 });
    expect(compare('Nokai', 'Nokia', 0.9)).toBeNull();
  });
});

describe('typoKeys', () => {
  it.each([
    ['Microsfot', 'Microsoft'],
    ['Siemns', 'Siemens'],
    ['Cisco', 'Cisco Systems'],
    ['Wartsila', 'Wärtsilä'],
    ['IBM', 'International Business Machines'],
  ])('%s and %s share a key, so the index finds one from the other', (a, b) => {
    const keys = new Set(typoKeys(normalizeCompanyName(a)));
    expect(typoKeys(normalizeCompanyName(b)).some((k) => keys.has(k))).toBe(true);
  });
});
