import { coreName, customerKey, isFreeMailDomain, normalizeCompanyName, normalizeDomain, registrableDomain, plainSpelling } from '../../../src/domain/customer';

describe('company names as Trellis compares them', () => {
  it.each([
    // Every abbreviation is written out, wherever it stands.
    ['Acme Natl Bank', 'acme national bank'],
    ['Acme Grp Services', 'acme group services'],
    ['Acme Hldg Partners', 'acme holding partners'],
    ['Acme Mgmt Partners', 'acme management partners'],
    ['Acme Mgt Partners', 'acme management partners'],
    ['Acme Sys Partners', 'acme systems partners'],
    ['Acme Univ Press', 'acme university press'],
    ['Acme Dept Store', 'acme department store'],
    ['Acme Ctr Mall', 'acme center mall'],
    ['Acme Centre Mall', 'acme center mall'],
    ['Acme Inds Supply', 'acme industries supply'],
    ['Acme Assn Members', 'acme association members'],
    ['Acme Tech Partners', 'acme technology partners'],
    ['Acme Labs Partners', 'acme laboratories partners'],
    ['Acme Lab Partners', 'acme laboratory partners'],
    ['Acme Svc Partners', 'acme services partners'],
    ['Acme Intl Partners', 'acme international partners'],
    ['Acme Bros Partners', 'acme brothers partners'],
    // The remaining special letters.
    ['Œuvre Partners', 'oeuvre partners'],
    ['Łódź Partners', 'lodz partners'],
    ['Đakovo Partners', 'dakovo partners'],
    ['Dıyarbakır Partners', 'diyarbakir partners'],
    ['Ørsted', 'oersted'],
    // A web address as the name names the company.
    ['Booking.com', 'booking'],
    ['Zalando.de', 'zalando'],
    ['Archive.org', 'archive'],
    ['Acme.io', 'acme'],
    ['Acme.eu', 'acme'],
    ['Acme.net', 'acme'],
    ['Acme.co', 'acme'],
    ['Acme.community', 'acmecommunity'],
    // Apostrophes and dots vanish; other punctuation parts words.
    ["McDonald's", 'mcdonalds'],
    ['O’Reilly Media', 'oreilly media'],
    ['Acme/Widgets;Partners', 'acme widgets partners'],
    // Initials written apart are one word; digits are not initials.
    ['A B C Trading', 'abc trading'],
    ['Route 6 6 Diner', 'route 6 6 diner'],
    ['X 2 Y Partners', 'x 2 y partners'],
    // An “and” left over when a form goes goes too, unless it is all that is left.
    ['Smith & Co.', 'smith'],
    ['Smith and Company Ltd', 'smith'],
    ['And Co.', 'and'],
    // Forms before the name, and several forms at once.
    ['OOO Yandex', 'yandex'],
    ['PT Astra International Tbk', 'astra international'],
    ['The Acme Widgets Company Limited', 'acme widgets'],
    ['Acme GmbH AG', 'acme'],
    ['Acme Holdings GmbH Co', 'acme holdings'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });
});

describe('names typed without their special letters', () => {
  it.each([
    ['waertsilae', 'wartsila'],
    ['aalborg', 'alborg'],
    ['moeller', 'moller'],
    ['mueller', 'muller'],
    ['steel pipes', 'steel pipes'],
    ['', ''],
  ])('%s → %s', (name, expected) => {
    expect(plainSpelling(name)).toBe(expected);
  });
});

describe('the core of a name', () => {
  it.each([
    ['cisco systems', 'cisco'],
    ['acme group holdings', 'acme'],
    ['global widgets worldwide', 'widgets'],
    ['siemens', 'siemens'],
    ['global', 'global'],
    ['international technologies', 'international technologies'],
  ])('%s → %s', (name, expected) => {
    expect(coreName(name)).toBe(expected);
  });
});

describe('domains as typed', () => {
  it.each([
    ['  ACME.COM  ', 'acme.com'],
    ['mailto:jane@acme.com', 'acme.com'],
    ['https://jane@acme.com/x', 'acme.com'],
    ['ftp://files.acme.com', 'files.acme.com'],
    ['acme.com#team', 'acme.com'],
    ['acme.com?ref=1', 'acme.com'],
    ['wwwacme.com', 'wwwacme.com'],
    ['www.acme.com', 'acme.com'],
    ['a-b.acme.com', 'a-b.acme.com'],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
    ['acme.museum', 'acme.museum'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each(['acme-.com', `${'a'.repeat(64)}.com`, 'acme.c', 'acme.123', 'acme..com', '.com', 'ac me.com', 'jane@', 'https://acme'])('%j is no domain', (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it('reads the organisation of a bare suffix as itself', () => {
    expect(registrableDomain('com')).toBe('com');
  });
});

describe('free and throwaway mail, beyond the registrable domain', () => {
  it.each([
    ['mail.gmail.com', [], true],
    ['post.regional.de', ['regional.de'], true],
    ['regional.de', ['post.regional.de'], false],
    ['post.regional.de', ['post.regional.de'], true],
    ['acme.com', ['regional.de'], false],
  ] as const)('%s with %j added: %s', (domain, extra, free) => {
    expect(isFreeMailDomain(domain, extra)).toBe(free);
  });

  it('a customer key without a usable domain has none', () => {
    expect(customerKey({ name: 'Acme', domain: '' })).toEqual({ normalizedName: 'acme', normalizedDomain: null });
    expect(customerKey({ name: 'Acme', domain: 'not a domain' })).toEqual({ normalizedName: 'acme', normalizedDomain: null });
    expect(customerKey({ name: 'Acme Inc.', domain: 'https://www.acme.com' })).toEqual({ normalizedName: 'acme', normalizedDomain: 'acme.com' });
  });
});
