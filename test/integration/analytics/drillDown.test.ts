import { TenantSettings } from '../../../src/domain/settings';
import { principalFor } from '../../../src/domain/access';
import { matchDealsToAccounts, upsertCrmDeals } from '../../../src/store/crmDeals';
import type { Actor } from '../../../src/usecases/context';
import { startTestApp, type ApiClient, type TestApp } from '../../support/api';
import { testKeyring } from '../../support/deps';
import { crmDeal, refreshAnalytics, registerCustomer } from '../../support/analytics';

const PERIOD = 'from=2026-01-01&to=2026-06-30';

/**
 * The currencies the dashboard offers come from the deals, no figure adds amounts in different
 * currencies, and the deals behind each figure add up to it for the same filters.
 */
describe('analytics: currencies and the deals behind each figure', () => {
  let app: TestApp;
  let api: ApiClient & { tenantId: string };
  let bluepeak: string;
  let contoso: string;

  beforeAll(async () => {
    app = await startTestApp('postgres');
    api = await app.newTenant('Northwind Cloud');
    const deps = { db: app.database.db, clock: app.clock, keyring: testKeyring() };
    const actor: Actor = { tenantId: api.tenantId, settings: TenantSettings.parse({}), name: 'pm@northwind.example.com', principal: principalFor('admin') };
    bluepeak = (await api.post('/api/v1/partners', { name: 'Bluepeak Systems', region: 'NA', country: 'US', tier: 'gold', status: 'active' })).body.id;
    contoso = (await api.post('/api/v1/partners', { name: 'Contoso Consulting', region: 'EMEA', country: 'GB', tier: 'silver', status: 'active' })).body.id;
    await registerCustomer(deps, actor, bluepeak, { name: 'Globex Corporation', domain: 'globex.com' }, '2026-01-05T09:00:00Z');
    await registerCustomer(deps, actor, contoso, { name: 'Globex Corporation', domain: 'globex.com' }, '2026-01-07T09:00:00Z', false);
    await registerCustomer(deps, actor, bluepeak, { name: 'Wayne Enterprises', domain: 'wayne.com' }, '2026-01-08T09:00:00Z');
    await registerCustomer(deps, actor, contoso, { name: 'Acme Industries', domain: 'acme.com' }, '2026-01-09T09:00:00Z');
    app.clock.set('2026-03-02T09:00:00Z');
    const deal = (id: string, name: string, domain: string, amount: number, currency: string, state: 'open' | 'won') =>
      crmDeal('hubspot', id, { name, domain, amount, currency, state, createdAt: '2026-01-20T00:00:00Z', closeDate: state === 'won' ? '2026-02-20' : '2026-04-15', modifiedAt: '2026-02-21T00:00:00Z' });
    await upsertCrmDeals(app.database.db, api.tenantId, [
      deal('1', 'Globex – Analytics Suite', 'globex.com', 100000, 'USD', 'open'),
      deal('2', 'Wayne – Edge Gateway', 'wayne.com', 40000, 'EUR', 'open'),
      deal('3', 'Wayne – Support', 'wayne.com', 25000, 'EUR', 'won'),
      deal('4', 'Acme – Data Pipeline', 'acme.com', 30000, 'USD', 'open'),
      deal('5', 'Stark – Premium Support', 'stark.com', 70000, 'USD', 'won'),
    ]);
    await matchDealsToAccounts(app.database.db, api.tenantId);
    await refreshAnalytics(app.database.db, api.tenantId);
  });
  afterAll(() => app.close());

  it('lists the currencies the deals are in, and answers per currency instead of adding them up', async () => {
    const pipeline = await api.get(`/api/v1/analytics/pipeline?${PERIOD}`);
    expect(pipeline.status).toBe(200);
    expect(pipeline.body.currencies).toEqual([
      { code: 'USD', deals: 3 },
      { code: 'EUR', deals: 2 },
    ]);
    expect(pipeline.body.open).toBeUndefined();
    expect(pipeline.body.byCurrency.map((c: { currency: string; open: unknown }) => [c.currency, c.open])).toEqual([
      ['USD', { amount: 130000, deals: 2 }],
      ['EUR', { amount: 40000, deals: 1 }],
    ]);
    const attribution = await api.get(`/api/v1/analytics/attribution?${PERIOD}`);
    expect(attribution.body.byCurrency.map((c: { currency: string; wonRevenue: number }) => [c.currency, c.wonRevenue])).toEqual([
      ['USD', 70000],
      ['EUR', 25000],
    ]);
    // With a currency chosen, every figure is in it, and the menu still offers the others.
    const inEuros = await api.get(`/api/v1/analytics/attribution?${PERIOD}&currency=EUR`);
    expect(inEuros.body).toMatchObject({ wonRevenue: 25000, partnerSourced: 25000, direct: 0 });
    expect(inEuros.body.currencies.map((c: { code: string }) => c.code)).toEqual(['USD', 'EUR']);
  });

  it('lists the deals behind each partner’s pipeline bar, adding up to it in its currency', async () => {
    for (const currency of ['USD', 'EUR']) {
      const pipeline = await api.get(`/api/v1/analytics/pipeline?${PERIOD}&currency=${currency}&groupBy=partner`);
      expect(pipeline.body.groups.length).toBeGreaterThan(0);
      for (const group of pipeline.body.groups) {
        const behind = await api.get(`/api/v1/analytics/partners/${group.key}/deals?${PERIOD}&currency=${currency}&outcome=open`);
        expect(behind.status).toBe(200);
        expect(behind.body.totals).toEqual([{ currency, amount: group.amount, deals: group.deals }]);
        expect(behind.body.deals.reduce((sum: number, d: { amount: number }) => sum + d.amount, 0)).toBe(group.amount);
      }
    }
    const contosoDeals = await api.get(`/api/v1/analytics/partners/${contoso}/deals?${PERIOD}&currency=USD&outcome=open`);
    expect(contosoDeals.body.deals.map((d: { name: string; partners: Array<{ name: string }> }) => [d.name, d.partners.map((p) => p.name)])).toEqual([
      ['Globex – Analytics Suite', ['Bluepeak Systems', 'Contoso Consulting']],
      ['Acme – Data Pipeline', ['Contoso Consulting']],
    ]);
  });

  it('lists the deals behind a region’s and a tier’s bar, each deal once however many partners touched it', async () => {
    for (const groupBy of ['region', 'tier']) {
      const pipeline = await api.get(`/api/v1/analytics/pipeline?${PERIOD}&currency=USD&groupBy=${groupBy}`);
      expect(pipeline.body.groups.map((g: { key: string; amount: number }) => g.amount)).toEqual([130000, 100000]);
      for (const group of pipeline.body.groups) {
        const behind = await api.get(`/api/v1/analytics/deals?${PERIOD}&currency=USD&outcome=open&${groupBy}=${group.key}`);
        expect(behind.body.totals).toEqual([{ currency: 'USD', amount: group.amount, deals: group.deals }]);
      }
    }
  });

  it('totals every currency apart when none is chosen', async () => {
    const all = await api.get(`/api/v1/analytics/partners/${bluepeak}/deals?${PERIOD}`);
    expect(all.body.totals).toEqual([
      { currency: 'EUR', amount: 65000, deals: 2 },
      { currency: 'USD', amount: 100000, deals: 1 },
    ]);
  });

  it('refuses bad filters with the field, and a partner of no one’s workspace', async () => {
    const bad = await api.get(`/api/v1/analytics/deals?outcome=pending&currency=euro`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toMatch(/outcome/);
    expect((await api.get('/api/v1/analytics/partners/3f8e5a0c-7d5e-4f7b-9d8e-1c2b3a4d5e6f/deals')).status).toBe(404);
    const other = await app.newTenant('Globex Partners Inc');
    expect((await other.get(`/api/v1/analytics/partners/${bluepeak}/deals`)).status).toBe(404);
  });
});
