import { conflictChoiceLabels, conflictChoices, conflictLossReason, conflictsToRecord, detectChannelConflicts, matchCustomer, MAX_RECORDED_CONFLICTS, planConflictResolution, type Candidate } from '../../../src/domain/conflicts';
import { customerKey } from '../../../src/domain/customer';
import type { Region } from '../../../src/domain/partner';
import type { RegistrationStatus } from '../../../src/domain/registration';
import { TenantSettings } from '../../../src/domain/settings';

const defaultSettingsForTest = TenantSettings.parse({});

const now = new Date('2026-03-02T09:00:00Z');
const later = new Date('2026-05-01T00:00:00Z');
const earlier = new Date('2026-02-01T00:00:00Z');

function candidate(
  name: string,
  domain: string | null,
  opts: { partnerId?: string; region?: Region; status?: RegistrationStatus; protectionExpiresAt?: Date | null; products?: string[] } = {},
): Candidate {
  return {
    id: `reg-${name}`,
    partnerId: opts.partnerId ?? 'partner-b',
    products: opts.products ?? ['analytics'],
    region: opts.region ?? 'NA',
    status: opts.status ?? 'pending',
    protectionExpiresAt: opts.protectionExpiresAt ?? (opts.status === 'approved' ? later : null),
    customer: customerKey({ name, domain }),
  };
}

const submit = (name: string, domain: string | null, products = ['analytics'], region: Region = 'NA') => ({
  partnerId: 'partner-a',
  customer: customerKey({ name, domain }),
  products,
  region,
});

describe('detectChannelConflicts: same customer or not', () => {
  // [submitted name, submitted domain, existing name, existing domain, conflicts?]
  it.each<[string, string | null, string, string | null, boolean]>([
    ['Globex Corporation', 'globex.com', 'Globex Corp.', 'https://www.globex.com', true],
    ['Acme Corp', null, 'ACME Corporation', null, true],
    ['The Acme Company, Inc.', null, 'Acme', null, true],
    ['Stark Industies', null, 'Stark Industries', null, true],
    ['Wayne Enterprise', null, 'Wayne Enterprises LLC', null, true],
    ['Société Générale', null, 'Societe Generale SA', null, true],
    ['Procter & Gamble', null, 'Procter and Gamble Co', null, true],
    ['Totally Different Name', 'initech.com', 'Initech', 'initech.com', true],
    // Look-alikes that are different companies.
    ['General Motors', 'gm.com', 'General Mills', 'generalmills.com', false],
    ['General Motors', null, 'General Mills', null, false],
    ['Deutsche Bank', null, 'Deutsche Telekom', null, false],
    ['American Airlines', null, 'American Express', null, false],
    ['United Airlines', null, 'United Health', null, false],
    ['Air France', null, 'Air Canada', null, false],
    ['Banco Santander', null, 'Banco Sabadell', null, false],
    ['Cisco Systems', null, 'Sysco', null, false],
    ['Siemens', null, 'Siemens Healthineers', null, false],
    ['Deutsche Bank', null, 'Deutsche Bahn', null, false],
    ['Allianz', null, 'Alliant', null, false],
    ['Emirates', null, 'Emirates NBD', null, false], // a word added names another company of the family
    ['Deutsche Wohnen', null, 'Deutsche Wohnen Service', null, false],
    // Typos, legal forms, transliterations.
    ['Microsfot', null, 'Microsoft Corporation', null, true],
    ['Siemens Aktiengesellschaft', null, 'Siemens AG', null, true],
    ['Müller Logistik GmbH', null, 'Mueller Logistik', null, true],
    ['Cisco Systems, Inc.', null, 'Cisco', null, true],
    ['Vodaphone Group', null, 'Vodafone Group Plc', null, true],
    ['Coöperatieve Rabobank U.A.', null, 'Rabobank', null, true],
    // Domains: one organisation across subdomains; free mail identifies nobody.
    ['Acme Europe', 'eu.acme.co.uk', 'Acme Widgets', 'acme.co.uk', true],
    ['Blue Fern Bakery', 'alice.github.io', 'Red Barn Plumbing', 'bob.github.io', false],
    ['Blue Fern Bakery', 'bluefern@gmail.com', 'Red Barn Plumbing', 'redbarn@gmail.com', false],
    ['Blue Fern Bakery', 'x@mailinator.com', 'Red Barn Plumbing', 'y@mailinator.com', false],
    // Names only spelled alike: each company's own, unrelated domain tells them apart; one company's country domains do not.
    ['Bunge', null, 'Bungie', null, true],
    ['Bunge', 'bunge.com', 'Bungie', 'bungie.net', false],
    ['Seimens', 'siemens.com', 'Siemens AG', 'siemens.de', true],
    ['Merck & Co', 'merck.com', 'Merck KGaA', 'merckgroup.com', true], // namesakes: the same name outweighs the domains
  ])('%s (%s) vs %s (%s) → %s', (name, domain, otherName, otherDomain, expected) => {
    const found = detectChannelConflicts(submit(name, domain), [candidate(otherName, otherDomain)], defaultSettingsForTest, now);
    expect(found.length > 0).toBe(expected);
  });
});

describe('detectChannelConflicts: which registrations can conflict', () => {
  const settings = defaultSettingsForTest;

  it.each<[string, Partial<Parameters<typeof candidate>[2]>, boolean]>([
    ['pending', { status: 'pending' }, true],
    ['approved and protected', { status: 'approved', protectionExpiresAt: later }, true],
    ['approved but the protection window has ended', { status: 'approved', protectionExpiresAt: earlier }, false],
    ['rejected', { status: 'rejected' }, false],
    ['expired', { status: 'expired' }, false],
    ['lost', { status: 'lost' }, false],
    ['won', { status: 'won' }, false],
    ['the same partner', { partnerId: 'partner-a' }, false],
    ['no product in common', { products: ['payments'] }, false],
  ])('an existing registration that is %s → conflict: %s', (_label, opts, expected) => {
    const found = detectChannelConflicts(submit('Globex', 'globex.com'), [candidate('Globex', 'globex.com', opts)], settings, now);
    expect(found).toHaveLength(expected ? 1 : 0);
  });

  it('matches products whatever their casing, and shows them as the other registration wrote them', () => {
    const [conflict] = detectChannelConflicts(
      submit('Globex', 'globex.com', ['analytics SUITE']),
      [candidate('Globex', 'globex.com', { products: ['Analytics Suite', 'Payments'] })],
      settings,
      now,
    );
    expect(conflict!.evidence.overlappingProducts).toEqual(['Analytics Suite']);
  });

  it('names the kind, the other party, the score and the evidence', () => {
    const [conflict] = detectChannelConflicts(
      submit('Stark Industies', null, ['analytics', 'payments'], 'NA'),
      [candidate('Stark Industries', null, { region: 'EMEA', products: ['payments', 'crm'], status: 'approved' })],
      settings,
      now,
    );
    expect(conflict).toEqual({
      kind: 'cross_region',
      registrationId: 'reg-Stark Industries',
      partnerId: 'partner-b',
      score: 0.933,
      blocksApproval: true,
      evidence: {
        matchedOn: 'name',
        customer: { normalizedName: 'stark industies', normalizedDomain: null },
        existingCustomer: { normalizedName: 'stark industries', normalizedDomain: null },
        nameSimilarity: 0.737,
        nameMeasure: 'edit_distance',
        nameStrength: 0.933,
        overlappingProducts: ['payments'],
        regions: { submitted: 'NA', existing: 'EMEA' },
        existingStatus: 'approved',
      },
    });
  });

  it('same region is a duplicate; a domain match scores 1', () => {
    const [conflict] = detectChannelConflicts(submit('Globex', 'globex.com'), [candidate('Globex Inc', 'globex.com')], settings, now);
    expect(conflict).toMatchObject({ kind: 'duplicate', score: 1, evidence: { matchedOn: 'domain' } });
  });

  it('only approved registrations block approval, and only under first_to_register', () => {
    const candidates = [candidate('Globex', 'globex.com', { status: 'approved' }), { ...candidate('Globex', 'globex.com'), id: 'reg-pending' }];
    const first = detectChannelConflicts(submit('Globex', 'globex.com'), candidates, settings, now);
    expect(first.map((c) => [c.registrationId, c.blocksApproval])).toEqual([
      ['reg-Globex', true],
      ['reg-pending', false],
    ]);
    const managed = detectChannelConflicts(submit('Globex', 'globex.com'), candidates, { ...settings, rulesOfEngagement: 'manager_decides' }, now);
    expect(managed.every((c) => !c.blocksApproval)).toBe(true);
  });

  it('a stricter name threshold turns a spelling slip into a different customer', () => {
    const existing = [candidate('Stark Industries', null)];
    expect(detectChannelConflicts(submit('Stark Industies', null), existing, { ...settings, nameMatchThreshold: 0.95 }, now)).toHaveLength(0);
  });

  it('says which name measure matched and how strongly', () => {
    const [found] = detectChannelConflicts(submit('Microsfot', null), [candidate('Microsoft Corporation', null)], settings, now);
    expect(found?.evidence).toMatchObject({ matchedOn: 'name', nameMeasure: 'edit_distance', nameStrength: 0.889 });
  });

  it("a tenant's own free-mail domains identify nobody", () => {
    const existing = [candidate('Red Barn Plumbing', 'redbarn@mail.example')];
    const submitted = submit('Blue Fern Bakery', 'bluefern@mail.example');
    expect(detectChannelConflicts(submitted, existing, settings, now)).toHaveLength(1);
    expect(detectChannelConflicts(submitted, existing, { ...settings, extraFreeMailDomains: ['mail.example'] }, now)).toHaveLength(0);
  });

  it('registrations whose deals belong to one CRM company are one customer, however spelled', () => {
    const existing = [{ ...candidate('IBM', null), customer: { ...customerKey({ name: 'IBM' }), crmCompany: 'hubspot:company:42' } }];
    const submitted = { ...submit('International Business Machines', null), customer: { ...customerKey({ name: 'International Business Machines' }), crmCompany: 'hubspot:company:42' } };
    const [found] = detectChannelConflicts(submitted, existing, settings, now);
    expect(found?.evidence).toMatchObject({ matchedOn: 'crm_company', crmCompany: 'hubspot:company:42' });
  });
});

describe('conflictLossReason', () => {
  it('tells the partner what happened without naming the other partner or any id', () => {
    expect(conflictLossReason('new', ['Analytics Suite'])).toBe(
      'Another partner had already registered this customer for Analytics Suite, and the conflict was decided in favour of that registration.',
    );
    expect(conflictLossReason('existing', ['Analytics Suite', 'Data Warehouse'])).toBe(
      "The conflict over this customer for Analytics Suite, Data Warehouse was decided in favour of another partner's registration.",
    );
  });
});

describe('conflictChoices', () => {
  it('offers only the choices that can still change something', () => {
    expect(conflictChoices({ existingStatus: 'pending', newStatus: 'pending' })).toEqual(['approve_earlier', 'approve_newer', 'reject_newer', 'not_a_conflict']);
    // An approved earlier side is only kept: the newer side no longer wins without an override.
    expect(conflictChoices({ existingStatus: 'approved', newStatus: 'pending' })).toEqual(['approve_earlier', 'reject_newer', 'not_a_conflict']);
    expect(conflictChoices({ existingStatus: 'approved', newStatus: 'rejected' })).toEqual(['not_a_conflict']);
  });

  it('reads "Approve" for a pending side and "Keep" for an approved one', () => {
    expect(conflictChoiceLabels({ partnerName: 'Northwind', status: 'approved' }, { partnerName: 'Contoso', status: 'pending' })).toEqual({
      approve_earlier: 'Keep Northwind',
      approve_newer: 'Approve Contoso',
      reject_newer: 'Reject Contoso',
      not_a_conflict: 'Not a conflict',
    });
  });
});

describe('conflictsToRecord', () => {
  it('keeps the most pressing conflicts up to the cap, every blocking one first', () => {
    const candidates = Array.from({ length: 30 }, (_, i) =>
      candidate(i % 2 ? `Globex ${i}` : 'Globex', 'globex.com', { partnerId: `p${i}`, status: i % 7 === 0 ? 'approved' : 'pending' }),
    );
    const all = detectChannelConflicts(submit('Globex', 'globex.com'), candidates.map((c, i) => ({ ...c, id: `reg-${i}` })), defaultSettingsForTest, now);
    expect(all).toHaveLength(30);
    const recorded = conflictsToRecord(all);
    expect(recorded).toHaveLength(MAX_RECORDED_CONFLICTS);
    const blocking = all.filter((c) => c.blocksApproval);
    expect(blocking.length).toBeGreaterThan(0);
    expect(recorded.slice(0, blocking.length).every((c) => c.blocksApproval)).toBe(true);
  });
});

describe('matchCustomer', () => {
  it('prefers the domain and reports the name similarity as evidence', () => {
    expect(matchCustomer(customerKey({ name: 'Initech', domain: 'initech.com' }), customerKey({ name: 'Initrode', domain: 'initech.com' }), defaultSettingsForTest)).toMatchObject({
      matchedOn: 'domain',
      score: 1,
    });
  });
});

describe('planConflictResolution', () => {
  it.each<[Parameters<typeof planConflictResolution>[1], RegistrationStatus, RegistrationStatus, string]>([
    ['existing_wins', 'pending', 'approved', 'reject new'],
    ['existing_wins', 'pending', 'pending', 'reject new'],
    ['new_wins', 'pending', 'pending', 'reject existing'],
    ['new_wins', 'pending', 'approved', 'resolution_not_applicable'],
    ['not_a_conflict', 'pending', 'approved', 'reject nothing'],
    ['existing_wins', 'rejected', 'approved', 'reject nothing'],
  ])('%s with new=%s existing=%s → %s', (resolution, newStatus, existingStatus, expected) => {
    const plan = planConflictResolution('open', resolution, { newStatus, existingStatus });
    const said = plan.ok ? (plan.value.reject ? `reject ${plan.value.reject}` : 'reject nothing') : plan.error.code;
    expect(said).toBe(expected);
  });

  it('refuses to resolve twice', () => {
    const plan = planConflictResolution('resolved', 'existing_wins', { newStatus: 'pending', existingStatus: 'pending' });
    expect(plan).toMatchObject({ ok: false, error: { code: 'conflict_already_resolved' } });
  });
});

describe('conflicts, further', () => {
  const settings = { ...defaultSettingsForTest, rulesOfEngagement: 'first_to_register' as const };

  it.each<[string, ReturnType<typeof customerKey> & { crmCompany?: string }, ReturnType<typeof customerKey> & { crmCompany?: string }, string | null]>([
    ['subdomains of one organisation', customerKey({ name: 'Initech', domain: 'eu.initech.com' }), customerKey({ name: 'Initrode', domain: 'initech.com' }), 'domain'],
    ['one free-mail domain on both sides', customerKey({ name: 'Red Barn', domain: 'gmail.com' }), customerKey({ name: 'Blue Fern', domain: 'gmail.com' }), null],
    ['a domain on one side only', customerKey({ name: 'Red Barn', domain: 'redbarn.com' }), customerKey({ name: 'Blue Fern', domain: null }), null],
    ['neither linked to a CRM company', customerKey({ name: 'Red Barn', domain: null }), customerKey({ name: 'Blue Fern', domain: null }), null],
    ['different CRM companies, one name', { ...customerKey({ name: 'Globex' }), crmCompany: 'hubspot:company:1' }, { ...customerKey({ name: 'Globex' }), crmCompany: 'hubspot:company:2' }, 'name'],
  ])('%s', (_label, a, b, matchedOn) => {
    expect(matchCustomer(a, b, defaultSettingsForTest)?.matchedOn ?? null).toBe(matchedOn);
  });

  it('reports the name similarity to three decimals, and 1 for one name', () => {
    expect(matchCustomer(customerKey({ name: 'Stark Industies' }), customerKey({ name: 'Stark Industries' }), defaultSettingsForTest)).toMatchObject({ nameSimilarity: 0.737 });
    expect(matchCustomer(customerKey({ name: 'Globex', domain: 'globex.com' }), customerKey({ name: 'Globex Inc.', domain: 'globex.com' }), defaultSettingsForTest)).toEqual({
      matchedOn: 'domain',
      score: 1,
      nameSimilarity: 1,
      name: { measure: 'identical', strength: 1 },
    });
  });

  it('leaves out the name measure when the names do not match, and the CRM company unless it matched', () => {
    const [found] = detectChannelConflicts(submit('Initech', 'initech.com'), [candidate('Initrode', 'initech.com')], settings, now);
    expect(found!.evidence).not.toHaveProperty('nameMeasure');
    expect(found!.evidence).not.toHaveProperty('nameStrength');
    expect(found!.evidence).not.toHaveProperty('crmCompany');
  });

  it('says whether the existing registration is pending or approved', () => {
    const [pending] = detectChannelConflicts(submit('Globex', 'globex.com'), [candidate('Globex', 'globex.com')], settings, now);
    expect(pending!.evidence.existingStatus).toBe('pending');
  });

  it('never conflicts with the same partner’s registrations, nor without a shared product', () => {
    expect(detectChannelConflicts(submit('Globex', 'globex.com'), [candidate('Globex', 'globex.com', { partnerId: 'partner-a' })], settings, now)).toEqual([]);
    expect(detectChannelConflicts(submit('Globex', 'globex.com', ['payments']), [candidate('Globex', 'globex.com')], settings, now)).toEqual([]);
  });

  it('lists the strongest conflicts first, equal ones by registration', () => {
    const found = detectChannelConflicts(
      submit('Stark Industies', 'stark.com'),
      [{ ...candidate('Stark Industries', null), id: 'reg-c' }, { ...candidate('Stark', 'stark.com'), id: 'reg-b' }, { ...candidate('Stark Inc', 'stark.com'), id: 'reg-a' }],
      settings,
      now,
    );
    expect(found.map((c) => [c.registrationId, c.score])).toEqual([
      ['reg-a', 1],
      ['reg-b', 1],
      ['reg-c', 0.933],
    ]);
  });

  it('explains why a resolution does not apply, or was already made', () => {
    expect(planConflictResolution('open', 'new_wins', { newStatus: 'pending', existingStatus: 'approved' })).toEqual({
      ok: false,
      error: { code: 'resolution_not_applicable', message: 'the earlier registration is already approved; approve the newer one with a manager override instead' },
    });
    expect(planConflictResolution('resolved', 'not_a_conflict', { newStatus: 'pending', existingStatus: 'pending' })).toEqual({
      ok: false,
      error: { code: 'conflict_already_resolved', message: 'this conflict has already been resolved' },
    });
  });

  it.each<[Parameters<typeof planConflictResolution>[1], RegistrationStatus, RegistrationStatus, 'new' | 'existing' | null]>([
    ['new_wins', 'pending', 'expired', null],
    ['new_wins', 'approved', 'pending', 'existing'],
    ['existing_wins', 'approved', 'pending', null],
    ['existing_wins', 'won', 'pending', null],
    ['not_a_conflict', 'pending', 'pending', null],
  ])('%s with new=%s existing=%s rejects %s', (resolution, newStatus, existingStatus, reject) => {
    expect(planConflictResolution('open', resolution, { newStatus, existingStatus })).toEqual({ ok: true, value: { reject } });
  });
});
