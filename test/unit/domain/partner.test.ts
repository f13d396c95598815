import { CountryCode, PartnerInput, PartnerPatch, WebDomain } from '../../../src/domain/partner';

const valid = { name: 'Bluepeak', region: 'EMEA', country: 'de' };

describe('a new partner as an admin enters it', () => {
  it('fills in tier, specialties and status, and tidies what was typed', () => {
    expect(PartnerInput.parse({ ...valid, name: '  Bluepeak  ', domain: ' https://www.Bluepeak.de/about ' })).toEqual({
      name: 'Bluepeak',
      domain: 'https://www.Bluepeak.de/about',
      tier: 'registered',
      region: 'EMEA',
      country: 'DE',
      specialties: [],
      status: 'prospect',
    });
  });

  it('takes every field at its limits', () => {
    const input = {
      name: 'x'.repeat(200),
      tier: 'platinum',
      region: 'APAC',
      country: ' jp ',
      specialties: [' analytics ', 'y'.repeat(80), ...Array(48).fill('bi')],
      status: 'active',
      managerEmail: 'maria@vendor.com',
      employeeCount: 10_000_000,
    };
    expect(PartnerInput.parse(input)).toMatchObject({ name: input.name, country: 'JP', specialties: ['analytics', 'y'.repeat(80), ...Array(48).fill('bi')], employeeCount: 10_000_000 });
    expect(PartnerInput.parse({ ...valid, employeeCount: 0 }).employeeCount).toBe(0);
  });

  it.each<[string, Record<string, unknown>, (string | number)[], string | null]>([
    ['a blank name', { name: '   ' }, ['name'], null],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, ['name'], null],
    ['an unknown tier', { tier: 'diamond' }, ['tier'], null],
    ['an unknown region', { region: 'EU' }, ['region'], null],
    ['an unknown country', { country: 'XX' }, ['country'], 'must be an ISO 3166-1 alpha-2 country code'],
    ['a country name', { country: 'Germany' }, ['country'], 'must be an ISO 3166-1 alpha-2 country code'],
    ['a domain that is not one', { domain: 'not a domain' }, ['domain'], 'must be a domain such as acme.com'],
    ['a blank domain', { domain: '  ' }, ['domain'], null],
    ['a domain over 253 characters', { domain: `${'a'.repeat(250)}.com` }, ['domain'], null],
    ['a blank specialty', { specialties: ['analytics', ' '] }, ['specialties', 1], null],
    ['a specialty over 80 characters', { specialties: ['y'.repeat(81)] }, ['specialties', 0], null],
    ['more than 50 specialties', { specialties: Array(51).fill('bi') }, ['specialties'], null],
    ['an unknown status', { status: 'sleeping' }, ['status'], null],
    ['a manager without an email address', { managerEmail: 'maria' }, ['managerEmail'], null],
    ['a negative headcount', { employeeCount: -1 }, ['employeeCount'], null],
    ['part of an employee', { employeeCount: 2.5 }, ['employeeCount'], null],
    ['a headcount over ten million', { employeeCount: 10_000_001 }, ['employeeCount'], null],
    ['an unknown field', { revenue: 5 }, [], null],
  ])('is refused with %s', (_label, change, path, message) => {
    const result = PartnerInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });

  it.each(['name', 'region', 'country'])('needs a %s', (field) => {
    const input: Record<string, unknown> = { ...valid };
    delete input[field];
    expect(PartnerInput.safeParse(input).error!.issues[0]!.path).toEqual([field]);
  });
});

describe('a change to a partner', () => {
  it('names only what changes, and may clear what can be empty', () => {
    expect(PartnerPatch.parse({ tier: 'gold' })).toEqual({ tier: 'gold' });
    expect(PartnerPatch.parse({ domain: null, managerEmail: null, employeeCount: null })).toEqual({ domain: null, managerEmail: null, employeeCount: null });
    expect(PartnerPatch.parse({ name: ' Bluepeak GmbH ', country: 'at' })).toEqual({ name: 'Bluepeak GmbH', country: 'AT' });
  });

  it('must change something', () => {
    const result = PartnerPatch.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('at least one field must be given');
  });

  it.each<[string, Record<string, unknown>, (string | number)[]]>([
    ['a blank name', { name: ' ' }, ['name']],
    ['a name that cannot be cleared', { name: null }, ['name']],
    ['a country that cannot be cleared', { country: null }, ['country']],
    ['an unknown country', { country: 'XX' }, ['country']],
    ['an unknown field', { revenue: 5 }, []],
  ])('is refused with %s', (_label, patch, path) => {
    expect(PartnerPatch.safeParse(patch).error!.issues[0]!.path).toEqual(path);
  });
});

describe('country codes and web domains', () => {
  it.each([
    ['us', 'US'],
    [' gb ', 'GB'],
    ['ZW', 'ZW'],
  ])('reads %j as %s', (typed, code) => {
    expect(CountryCode.parse(typed)).toBe(code);
  });

  it.each(['AD', 'BZ', 'CA', 'FR', 'GA', 'JP', 'KE', 'MT', 'MU', 'RW', 'SA', 'UG', 'UM', 'ZW'])('knows %s, from A to Z', (code) => {
    expect(CountryCode.parse(code)).toBe(code);
  });

  it.each(['UK', 'EU', 'USA', ''])('refuses %j as a country', (typed) => {
    expect(CountryCode.safeParse(typed).success).toBe(false);
  });

  it.each(['acme.com', 'https://www.acme.com/about', ' acme.co.uk '])('takes %j as a domain, as typed but trimmed', (typed) => {
    expect(WebDomain.parse(typed)).toBe(typed.trim());
  });
});
