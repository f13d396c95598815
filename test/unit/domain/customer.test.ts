import { customerKey, normalizeCompanyName, normalizeDomain } from '../../../src/domain/customer';

describe('normalizeCompanyName', () => {
  it.each([
    ['Acme Corp', 'acme'],
    ['ACME Corporation', 'acme'],
    ['The Acme Company, Inc.', 'acme'],
    ['Umbrella Pty Ltd', 'umbrella'],
    ['Société Générale S.A.', 'societe generale'],
    ['Müller GmbH', 'muller'],
    ['Johnson & Johnson', 'johnson and johnson'],
    ['Johnson and Johnson', 'johnson and johnson'],
    ['  Initech,   LLC ', 'initech'],
    ['Fuji Film K.K.', 'fuji film'],
    ['Philips N.V.', 'philips'],
    ['Stora Enso Oyj AB', 'stora enso oyj'],
    ['Barclays PLC', 'barclays'],
    ['Co-operative Bank', 'co operative bank'],
    ['The', 'the'],
    ['Company', 'company'],
    ['Theranos', 'theranos'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });
});

describe('normalizeDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['https://www.Acme.com/about?x=1', 'acme.com'],
    ['http://acme.co.uk:8080/', 'acme.co.uk'],
    ['WWW.GLOBEX.COM.', 'globex.com'],
    ['jane.doe@acme.com', 'acme.com'],
    ['sub.acme.io', 'sub.acme.io'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each(['acme', 'not a domain', 'http://', '-acme.com', 'acme.c0m', ''])('rejects %j', (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });
});

it('customerKey keeps a missing domain as null', () => {
  expect(customerKey({ name: 'Acme Inc' })).toEqual({ normalizedName: 'acme', normalizedDomain: null });
});
