import { fixedClock } from '../../../src/domain/clock';
import { matchDealsToAccounts, upsertCrmDeals } from '../../../src/store/crmDeals';
import { attributionReport, pipelineReport } from '../../../src/usecases/analytics';
import type { Actor } from '../../../src/usecases/context';
import { requestCoSell } from '../../../src/usecases/coSell';
import { analyticsPartner, analyticsTenant, crmDeal, inOneCurrency, refreshAnalytics, registerCustomer } from '../../support/analytics';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { testKeyring } from '../../support/deps';

/**
 * A tenant connected to HubSpot and Salesforce that keeps the same deals in both (as the demo
 * does): each deal counts once, as the copy last modified in its CRM.
 */
describe('analytics: a deal kept in both CRMs counts once', () => {
  let database: TestDatabase;
  const clock = fixedClock('2026-01-01T00:00:00Z');
  let deps: { db: TestDatabase['db']; clock: typeof clock; keyring: ReturnType<typeof testKeyring> };
  let actor: Actor;
  let northgate: string;
  const SF = { globex: '006000000000001AAA', initech: '006000000000002AAA', stark: '006000000000003AAA', umbrella: '006000000000004AAA' };

  const sync = async () => {
    await matchDealsToAccounts(deps.db, actor.tenantId);
    await refreshAnalytics(deps.db, actor.tenantId);
  };
  /** Each deal as "name (crm)", the copies of one deal together. */
  const copies = async () => {
    const { rows } = await deps.db.query<{ crm: string; name: string; counted: boolean }>('SELECT crm, name, duplicate_of IS NULL AS counted FROM crm_deals WHERE tenant_id = $1', [actor.tenantId]);
    const key = (r: { crm: string; name: string }) => `${r.name.toLowerCase().replace(/\s+/g, ' ').trim()} ${r.crm}`;
    return rows.sort((a, b) => key(a).localeCompare(key(b))).map((r) => `${r.name} (${r.crm})${r.counted ? '' : ' → duplicate'}`);
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    deps = { db: database.db, clock, keyring: testKeyring() };
    actor = await analyticsTenant(deps);
    const bluepeak = (await analyticsPartner(deps, actor, 'Bluepeak Systems', 'NA', 'gold')).id;
    const contoso = (await analyticsPartner(deps, actor, 'Contoso Consulting', 'EMEA', 'silver')).id;
    northgate = (await analyticsPartner(deps, actor, 'Northgate Partners', 'APAC', 'registered')).id;
    await registerCustomer(deps, actor, bluepeak, { name: 'Globex', domain: 'globex.com' }, '2026-01-05T10:00:00Z');
    await registerCustomer(deps, actor, contoso, { name: 'Initech', domain: 'initech.com' }, '2026-01-08T10:00:00Z');
    const both = { createdAt: '2026-01-10T00:00:00Z' };
    // Sales works the deals in HubSpot; the Salesforce copies were entered once and not touched since.
    await upsertCrmDeals(deps.db, actor.tenantId, [
      crmDeal('hubspot', '101', { ...both, name: 'Globex – Suite', domain: 'globex.com', amount: 100000, state: 'open', closeDate: '2026-03-15', modifiedAt: '2026-02-01T00:00:00Z' }),
      crmDeal('hubspot', '102', { ...both, name: 'Initech – Cloud', domain: 'initech.com', amount: 50000, state: 'won', closeDate: '2026-02-20', modifiedAt: '2026-02-20T00:00:00Z' }),
      crmDeal('hubspot', '103', { ...both, name: 'Stark – Support', domain: 'stark.com', amount: 30000, state: 'won', closeDate: '2026-02-05', modifiedAt: '2026-02-05T00:00:00Z' }),
    ]);
    await upsertCrmDeals(deps.db, actor.tenantId, [
      crmDeal('salesforce', SF.globex, { ...both, name: 'globex –  Suite ', domain: 'globex.com', amount: 90000, state: 'open', closeDate: '2026-03-31', modifiedAt: '2026-01-10T00:00:00Z', currency: null }),
      crmDeal('salesforce', SF.initech, { ...both, name: 'Initech – Cloud', domain: 'initech.com', amount: 50000, state: 'open', closeDate: '2026-02-28', modifiedAt: '2026-01-10T00:00:00Z', currency: null }),
      crmDeal('salesforce', SF.stark, { ...both, name: 'Stark – Support', domain: 'stark.com', amount: 30000, state: 'won', closeDate: '2026-02-05', modifiedAt: '2026-01-10T00:00:00Z', currency: null }),
      // Only in Salesforce: counted as it is.
      crmDeal('salesforce', SF.umbrella, { ...both, name: 'Umbrella – Edge', domain: 'umbrella.com', amount: 80000, state: 'open', closeDate: '2026-03-20', modifiedAt: '2026-01-10T00:00:00Z', currency: null }),
    ]);
    // A rep asks Northgate to co-sell from the Salesforce opportunity.
    clock.set('2026-02-02T00:00:00Z');
    await requestCoSell(deps, actor, { partnerId: northgate, customer: { name: 'Globex', domain: 'globex.com' }, role: 'co_sell', crmDealRef: `salesforce:Opportunity:${SF.globex}` });
    clock.set('2026-02-25T00:00:00Z');
    await sync();
  });
  afterAll(() => database.drop());

  it('pairs the copies by customer and name and counts the one last modified', async () => {
    expect(await copies()).toEqual([
      'Globex – Suite (hubspot)',
      'globex –  Suite  (salesforce) → duplicate',
      'Initech – Cloud (hubspot)',
      'Initech – Cloud (salesforce) → duplicate',
      'Stark – Support (hubspot)',
      'Stark – Support (salesforce) → duplicate',
      'Umbrella – Edge (salesforce)',
    ]);
  });

  it('reports each deal once, and an engagement on the other copy touches the counted one', async () => {
    const pipeline = inOneCurrency(await pipelineReport(deps, actor, {}, 'partner'));
    expect(pipeline.open).toEqual({ amount: 180000, deals: 2 });
    expect(pipeline.groups.map((g) => [g.label, g.amount])).toEqual([
      ['Bluepeak Systems', 100000],
      ['Northgate Partners', 100000],
    ]);
    const attribution = inOneCurrency(await attributionReport(deps, actor, {}, { model: 'linear', halfLifeDays: 7 }));
    expect(attribution).toMatchObject({ wonRevenue: 80000, wonDeals: 2, partnerSourced: 50000, direct: 30000 });
    expect(attribution.currencies).toEqual([
      { code: 'USD', deals: 3 },
      { code: null, deals: 1 },
    ]);
  });

  it('counts the Salesforce copy instead once it is the one modified last', async () => {
    clock.set('2026-03-10T00:00:00Z');
    await upsertCrmDeals(deps.db, actor.tenantId, [
      crmDeal('salesforce', SF.globex, { createdAt: '2026-01-10T00:00:00Z', name: 'globex –  Suite ', domain: 'globex.com', amount: 95000, state: 'won', closeDate: '2026-03-09', modifiedAt: '2026-03-09T00:00:00Z', currency: null }),
    ]);
    await sync();
    expect((await copies()).slice(0, 2)).toEqual(['Globex – Suite (hubspot) → duplicate', 'globex –  Suite  (salesforce)']);
    const attribution = inOneCurrency(await attributionReport(deps, actor, {}, { model: 'linear', halfLifeDays: 7 }));
    expect(attribution).toMatchObject({ wonRevenue: 175000, wonDeals: 3 });
    // Bluepeak (submitted, approved) and Northgate (co-sell requested) share the Salesforce copy's 95,000.
    expect(Object.fromEntries(attribution.partners.map((p) => [p.name, p.revenue]))).toMatchObject({ 'Bluepeak Systems': 63333.33, 'Northgate Partners': 31666.67 });
    expect(inOneCurrency(await pipelineReport(deps, actor, {}, 'partner')).open).toEqual({ amount: 80000, deals: 1 });
  });
});
