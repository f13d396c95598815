import { fixedClock } from '../../../src/domain/clock';
import type { ChannelConflict } from '../../../src/domain/conflicts';
import { DealRegistrationInput } from '../../../src/domain/registration';
import { upsertCrmDeals } from '../../../src/store/crmDeals';
import type { Db } from '../../../src/store/db';
import { migrate } from '../../../src/store/migrate';
import { approveDealRegistration } from '../../../src/usecases/decideDealRegistration';
import { checkDealRegistration, submitDealRegistration } from '../../../src/usecases/submitDealRegistration';
import { startTestApp, type TestApp } from '../../support/api';
import { analyticsPartner, analyticsTenant, crmDeal } from '../../support/analytics';
import { createTestDatabase } from '../../support/databases';
import { testKeyring } from '../../support/deps';
import { createPartner, registration } from '../../support/fixtures';

describe('which registrations name the same customer, through the API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('postgres');
  });
  afterAll(() => app.close());

  /** Two partners register a customer each; what the second registration reports as conflicts. */
  async function secondConflicts(first: { name: string; domain?: string }, second: { name: string; domain?: string }, api?: Awaited<ReturnType<TestApp['newTenant']>>) {
    const tenant = api ?? (await app.newTenant());
    const a = await createPartner(tenant, { region: 'NA' });
    const b = await createPartner(tenant, { region: 'NA' });
    const one = await tenant.post('/api/v1/deal-registrations', registration(a.id, { customer: first }));
    expect(one.status).toBe(201);
    const two = await tenant.post('/api/v1/deal-registrations', registration(b.id, { customer: second }));
    expect(two.status).toBe(201);
    return { conflicts: two.body.conflicts as { evidence: Record<string, unknown> }[], accounts: [one.body.accountId, two.body.accountId] };
  }

  it('a typo in a short name and a long legal form are the same customer, and the evidence says how', async () => {
    const typo = await secondConflicts({ name: 'Microsoft Corporation' }, { name: 'Microsfot' });
    expect(typo.conflicts[0]?.evidence).toMatchObject({ matchedOn: 'name', nameMeasure: 'edit_distance', nameStrength: 0.889 });
    const legal = await secondConflicts({ name: 'Siemens AG' }, { name: 'Siemens Aktiengesellschaft' });
    expect(legal.conflicts[0]?.evidence).toMatchObject({ matchedOn: 'name', nameMeasure: 'identical' });
  });

  it('two letters swapped across a third in a long name are a typo; a changed letter in a 7-letter name is another name', async () => {
    const swap = await secondConflicts({ name: 'Infineon Technologies AG' }, { name: 'Infenion Technologies' });
    expect(swap.conflicts[0]?.evidence).toMatchObject({ matchedOn: 'name', nameMeasure: 'edit_distance', nameStrength: 0.95 });
    expect((await secondConflicts({ name: 'Allianz' }, { name: 'Alliant' })).conflicts).toEqual([]);
    expect((await secondConflicts({ name: 'Equinix' }, { name: 'Equinox' })).conflicts).toEqual([]);
  });

  it('two small businesses on gmail.com are two customers', async () => {
    const { conflicts, accounts } = await secondConflicts({ name: 'Blue Fern Bakery', domain: 'gmail.com' }, { name: 'Red Barn Plumbing', domain: 'gmail.com' });
    expect(conflicts).toEqual([]);
    expect(accounts[0]).not.toBe(accounts[1]);
  });

  it('a free-mail domain the tenant adds in its settings counts nowhere either', async () => {
    const api = await app.newTenant();
    const patched = await api.patch('/api/v1/settings', { extraFreeMailDomains: ['Mail.Example'] });
    expect(patched.status).toBe(200);
    expect(patched.body.extraFreeMailDomains).toEqual(['mail.example']);
    const { conflicts } = await secondConflicts({ name: 'Blue Fern Bakery', domain: 'mail.example' }, { name: 'Red Barn Plumbing', domain: 'mail.example' }, api);
    expect(conflicts).toEqual([]);
    expect((await api.patch('/api/v1/settings', { extraFreeMailDomains: ['not a domain'] })).status).toBe(400);
  });

  it('subdomains of one registrable domain are one organisation; sites under a shared host are not', async () => {
    const sub = await secondConflicts({ name: 'Acme Widgets', domain: 'acme.co.uk' }, { name: 'Acme Europe Procurement', domain: 'eu.acme.co.uk' });
    expect(sub.conflicts[0]?.evidence).toMatchObject({ matchedOn: 'domain' });
    const hosted = await secondConflicts({ name: 'Alice Portfolio', domain: 'alice.github.io' }, { name: 'Bob Photography', domain: 'bob.github.io' });
    expect(hosted.conflicts).toEqual([]);
  });
});

describe('registrations made from deals of one CRM company', () => {
  it('are the same customer however the partners spell it', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const clock = fixedClock('2026-01-01T00:00:00Z');
      const deps = { db: database.db, clock, keyring: testKeyring() };
      const actor = await analyticsTenant(deps);
      const first = (await analyticsPartner(deps, actor, 'Bluepeak Systems', 'NA', 'gold')).id;
      const second = (await analyticsPartner(deps, actor, 'Contoso Consulting', 'NA', 'silver')).id;
      const deal = { name: 'Big Blue renewal', domain: 'ibm.com', amount: 1, state: 'open', createdAt: '2026-01-01T00:00:00Z', closeDate: '2026-06-30', modifiedAt: '2026-01-01T00:00:00Z' } as const;
      // Two deals on one HubSpot company record.
      await upsertCrmDeals(deps.db, actor.tenantId, [crmDeal('hubspot', '501', deal), crmDeal('hubspot', '502', deal)]);
      const input = (partnerId: string, name: string) =>
        DealRegistrationInput.parse({ partnerId, customer: { name }, products: ['Analytics Suite'], amount: 1000, currency: 'USD', expectedCloseDate: '2026-06-30' });
      const earlier = await submitDealRegistration(deps, actor, { ...input(first, 'Big Blue'), crmDealRef: 'hubspot:deal:501' });
      const [conflict] = await checkDealRegistration(deps, actor, { ...input(second, 'Armonk Computing'), crmDealRef: 'hubspot:deal:502' });
      expect(conflict?.evidence).toMatchObject({ matchedOn: 'crm_company', crmCompany: 'hubspot:company:c-ibm.com' });
      expect(await checkDealRegistration(deps, actor, input(second, 'Armonk Computing'))).toEqual([]);
      // Approval checks again through the same link: the earlier, approved registration blocks.
      await approveDealRegistration(deps, actor, earlier.registration.id);
      const later = await submitDealRegistration(deps, actor, { ...input(second, 'Armonk Computing'), crmDealRef: 'hubspot:deal:502' });
      await expect(approveDealRegistration(deps, actor, later.registration.id)).rejects.toThrow();
    } finally {
      await database.drop();
    }
  });
});

/** A customer one partner registered, then `run` with the database and a check of another partner's registration. */
async function withStoredCustomer(name: string, run: (db: Db, check: (name: string) => Promise<ChannelConflict[]>) => Promise<void>) {
  const database = await createTestDatabase('postgres');
  try {
    const { db } = database;
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const deps = { db, clock, keyring: testKeyring() };
    const actor = await analyticsTenant(deps);
    const first = (await analyticsPartner(deps, actor, 'Bluepeak Systems', 'NA', 'gold')).id;
    const second = (await analyticsPartner(deps, actor, 'Contoso Consulting', 'NA', 'silver')).id;
    const input = (partnerId: string, customerName: string) =>
      DealRegistrationInput.parse({ partnerId, customer: { name: customerName }, products: ['Analytics Suite'], amount: 1000, currency: 'USD', expectedCloseDate: '2026-06-30' });
    await submitDealRegistration(deps, actor, input(first, name));
    await run(db, (other) => checkDealRegistration(deps, actor, input(second, other)));
  } finally {
    await database.drop();
  }
}

describe('migration 0024 on customers stored before it', () => {
  it('recomputes their keys so they match customers submitted after', async () => {
    await withStoredCustomer('Siemens Aktiengesellschaft', async (db, check) => {
      // The account as the earlier normalization stored it, before this migration's columns existed.
      await db.query("UPDATE accounts SET normalized_name = 'siemens aktiengesellschaft', registrable_domain = NULL, name_keys = '{}'");
      await db.query("DELETE FROM schema_migrations WHERE version = '0024_customer_matching'");
      await db.query('DROP INDEX accounts_open_registrable_domain, accounts_open_name_keys, crm_deals_company, deal_registrations_open_by_crm_deal');
      await db.query('ALTER TABLE accounts DROP COLUMN registrable_domain, DROP COLUMN name_keys');
      expect(await migrate(db)).toEqual(['0024_customer_matching']);
      const [conflict] = await check('Siemens AG');
      expect(conflict?.evidence).toMatchObject({ existingCustomer: { normalizedName: 'siemens' }, nameMeasure: 'identical' });
    });
  });
});

describe('migration 0029 on customers stored before it', () => {
  it('gives their names the keys that find two letters swapped across a third', async () => {
    await withStoredCustomer('Infineon Technologies AG', async (db, check) => {
      // The account's keys as stored before: without the names with a swapped pair of letters put in order.
      await db.query("UPDATE accounts SET name_keys = array_remove(array_remove(array_remove(name_keys, 'infenion'), '~infenion'), 'infeniontechnologies')");
      await db.query("DELETE FROM schema_migrations WHERE version = '0029_customer_keys_swaps_across_one'");
      expect(await check('Infenion Technologies')).toEqual([]);
      expect(await migrate(db)).toEqual(['0029_customer_keys_swaps_across_one']);
      const [conflict] = await check('Infenion Technologies');
      expect(conflict?.evidence).toMatchObject({ existingCustomer: { normalizedName: 'infineon technologies' }, nameMeasure: 'edit_distance', nameStrength: 0.95 });
    });
  });
});
