import { customerKey, isFreeMailDomain, normalizeCompanyName, normalizeDomain, registrableDomain } from '../../../src/domain/customer';

describe('normalizeCompanyName', () => {
  it.each([
    ['Acme Corp', 'acme'],
    ['ACME Corporation', 'acme'],
    ['The Acme Company, Inc.', 'acme'],
    ['Umbrella Pty Ltd', 'umbrella'],
    ['Société Générale S.A.', 'societe generale'],
    ['Müller GmbH', 'mueller'],
    ['Mueller GmbH', 'mueller'],
    ['Johnson & Johnson', 'johnson and johnson'],
    ['Johnson and Johnson', 'johnson and johnson'],
    ['  Initech,   LLC ', 'initech'],
    ['Fuji Film K.K.', 'fuji film'],
    ['Philips N.V.', 'philips'],
    ['Stora Enso Oyj AB', 'stora enso'],
    ['Barclays PLC', 'barclays'],
    ['Co-operative Bank', 'co operative bank'],
    ['The', 'the'],
    ['Company', 'company'],
    ['Theranos', 'theranos'],
    // Transliterations: both spellings fold to one.
    ['Nestlé Suisse', 'nestle suisse'],
    ['Lürssen Werft', 'luerssen werft'],
    ['Møller-Maersk', 'moeller maersk'],
    ['Moeller Maersk', 'moeller maersk'],
    ['Ålborg Portland', 'aalborg portland'],
    ['Aalborg Portland', 'aalborg portland'],
    ['Bæredygtig Energi', 'baeredygtig energi'],
    ['Großhandel Nord', 'grosshandel nord'],
    ['Grosshandel Nord', 'grosshandel nord'],
    // Abbreviations: written out.
    ['Acme Intl', 'acme international'],
    ["Acme Int'l Ltd.", 'acme international'],
    ['Globex Svcs', 'globex services'],
    ['Initech Mfg Co', 'initech manufacturing'],
    ['Warner Bros.', 'warner brothers'],
    ['Acme Hldgs', 'acme holdings'],
    ['Procter + Gamble', 'procter and gamble'],
    // Initials written apart are one word.
    ['Vestas Wind Systems A / S', 'vestas wind systems'],
    ['Grupo Bimbo S. A. B. de C. V.', 'grupo bimbo'],
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

describe('free and throwaway mail domains', () => {
  it.each([
    ['gmail.com', true],
    ['yahoo.co.uk', true],
    ['web.de', true],
    ['mailinator.com', true],
    ['acme.com', false],
    ['siemens.de', false],
  ])('%s → %s', (domain, free) => {
    expect(isFreeMailDomain(domain)).toBe(free);
  });

  it('a tenant adds its own', () => {
    expect(isFreeMailDomain('mail.example')).toBe(false);
    expect(isFreeMailDomain('mail.example', ['mail.example'])).toBe(true);
  });

  it('customerKey keeps no free-mail domain', () => {
    expect(customerKey({ name: 'Blue Fern Bakery', domain: 'bluefern@gmail.com' })).toEqual({ normalizedName: 'blue fern bakery', normalizedDomain: null });
    expect(customerKey({ name: 'Blue Fern Bakery', domain: 'bluefern.com' }, ['bluefern.com']).normalizedDomain).toBeNull();
  });
});

describe('registrableDomain', () => {
  it.each([
    ['eu.acme.co.uk', 'acme.co.uk'],
    ['acme.co.uk', 'acme.co.uk'],
    ['shop.eu.acme.com', 'acme.com'],
    ['alice.github.io', 'alice.github.io'],
    ['acme.herokuapp.com', 'acme.herokuapp.com'],
  ])('%s → %s', (domain, expected) => {
    expect(registrableDomain(domain)).toBe(expected);
  });
});
