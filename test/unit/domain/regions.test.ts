import { regionOfCountry, regionOfLead } from '../../../src/domain/regions';

describe('the sales region of a country', () => {
  it.each([
    ['US', 'NA'],
    ['ca', 'NA'],
    ['PM', 'NA'],
    ['BM', 'NA'],
    ['GL', 'NA'],
    ['UM', 'NA'],
    ['MX', 'LATAM'],
    ['br', 'LATAM'],
    ['JP', 'APAC'],
    ['au', 'APAC'],
    ['UZ', 'APAC'],
    ['DE', 'EMEA'],
    ['za', 'EMEA'],
    ['AE', 'EMEA'],
  ])('%s is in %s', (country, region) => {
    expect(regionOfCountry(country)).toBe(region);
  });

  it.each([
    ['the region given, over its country’s', 'APAC', 'US', 'APAC'],
    ['its country’s when none is given', null, 'br', 'LATAM'],
    ['its country’s when the region is left out', undefined, 'FR', 'EMEA'],
    ['unknown with neither', null, null, null],
    ['unknown with an empty country', undefined, '', null],
  ] as const)('a lead is in %s', (_label, region, country, expected) => {
    expect(regionOfLead(region, country)).toBe(expected);
  });
});
