import { Client } from '@hubspot/api-client';
import { startHubSpotEmulator, type RunningHubSpotEmulator } from '../../../sandbox/hubspot';
import { TenantSettings } from '../../../src/domain/settings';
import { saveCrmConnection } from '../../../src/store/connections';
import { crmAdapters } from '../../../src/sync/engine/adapters';
import { memorySlots } from '../../../src/sync/engine/pacing';
import { sweepCrmDeals, type DealSweepDeps } from '../../../src/sync/deals/sweepDeals';
import type { Actor } from '../../../src/usecases/context';
import { requestCoSell } from '../../../src/usecases/coSell';
import { startTestApp, type ApiClient, type TestApp } from '../../support/api';
import { testKeyring } from '../../support/deps';
import { principalFor } from '../../../src/domain/access';

const APP = { clientId: 'trellis-analytics', clientSecret: 'trellis-analytics-secret' };
const SCOPES = ['crm.objects.deals.read', 'crm.objects.deals.write', 'crm.objects.companies.read', 'crm.objects.companies.write'];
const DAY = 86_400_000;

/**
 * From deals changed in HubSpot (through its own SDK, against the emulator) to attribution
 * figures through the analytics API: the sweep reads the deal and its company, matches it to the
 * customer partners registered, and the touchpoints decide who gets the revenue.
 */
describe('analytics: HubSpot deal changes to attribution through the API', () => {
  let app: TestApp;
  let hubspot: RunningHubSpotEmulator;
  let api: ApiClient & { tenantId: string };
  let crm: Client;
  let sweep: () => Promise<number>;
  let dealId: string;
  let partnerA: string;
  let partnerB: string;

  beforeAll(async () => {
    app = await startTestApp('postgres');
    api = await app.newTenant('Northwind Cloud');
    // Each deal sweep here follows the HubSpot edit it reads at once; this test is about attribution,
    // so search reads live state (the index lag has its own test in test/integration/sync/reconcileLag.test.ts).
    hubspot = await startHubSpotEmulator({ apps: [{ ...APP, name: 'Trellis', redirectUrls: ['http://127.0.0.1/callback'], scopes: SCOPES }], searchIndexLagMs: 0 });
    const portal = hubspot.createPortal({ domain: 'northwind.example.com' });
    const tokens = hubspot.installApp(APP.clientId, portal.id, SCOPES);
    crm = new Client({ basePath: hubspot.url, accessToken: tokens.access_token });
    const keyring = testKeyring();
    await saveCrmConnection(app.database.db, keyring, api.tenantId, 'hubspot', {
      externalAccountId: String(portal.id),
      scopes: SCOPES,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
    });
    const deps = { db: app.database.db, clock: app.clock, keyring };
    const sweepDeps: DealSweepDeps = {
      ...deps,
      adapters: crmAdapters(deps, { hubspot: { apiUrl: hubspot.url, ...APP }, salesforce: { loginUrl: 'http://127.0.0.1:1', clientId: 'x', clientSecret: 'x', dailyBudget: 1000 } }, memorySlots()),
    };
    sweep = () => sweepCrmDeals(sweepDeps, api.tenantId, 'hubspot');

    partnerA = (await api.post('/api/v1/partners', { name: 'Bluepeak Systems', region: 'NA', country: 'US', tier: 'gold', status: 'active' })).body.id;
    partnerB = (await api.post('/api/v1/partners', { name: 'Contoso Consulting', region: 'EMEA', country: 'GB', tier: 'silver', status: 'active' })).body.id;

    // Bluepeak registers Globex on Jan 5 and is approved on Jan 6; sales creates the deal on Jan 10.
    app.clock.set('2026-01-05T10:00:00Z');
    const registration = await api.post('/api/v1/deal-registrations', {
      partnerId: partnerA,
      customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' },
      products: ['Analytics Suite'],
      amount: 90000,
      currency: 'USD',
      expectedCloseDate: '2026-04-30',
    });
    expect(registration.status).toBe(201);
    app.clock.set('2026-01-06T10:00:00Z');
    expect((await api.post(`/api/v1/deal-registrations/${registration.body.id}/approve`, {})).status).toBe(200);

    const company = await crm.crm.companies.basicApi.create({ properties: { name: 'Globex Corp.', domain: 'www.globex.com' }, associations: [] });
    const deal = await crm.crm.deals.basicApi.create({
      properties: { dealname: 'Globex – Analytics Suite', amount: '100000', dealstage: 'contractsent', pipeline: 'default', closedate: '2026-03-01', createdate: '2026-01-10T09:00:00.000Z', deal_currency_code: 'USD' },
      associations: [],
    });
    dealId = deal.id;
    await crm.crm.associations.v4.basicApi.createDefault('deals', dealId, 'companies', company.id);

    // Contoso is asked to co-sell on that very deal on Jan 20.
    app.clock.set('2026-01-20T10:00:00Z');
    const actor: Actor = { tenantId: api.tenantId, settings: TenantSettings.parse({}), name: 'rep@northwind.example.com', principal: principalFor('admin') };
    await requestCoSell(deps, actor, { partnerId: partnerB, customer: { name: 'Globex Corporation', domain: 'globex.com' }, role: 'co_sell', crmDealRef: `hubspot:deal:${dealId}` });
    app.clock.set('2026-01-25T10:00:00Z');
  });
  afterAll(async () => {
    await hubspot.close();
    await app.close();
  });

  it('an open deal is pipeline for both partners that touched it, and nobody has won revenue yet', async () => {
    expect(await sweep()).toBe(1);
    const pipeline = await api.get('/api/v1/analytics/pipeline?groupBy=partner');
    expect(pipeline.status).toBe(200);
    expect(pipeline.body.open).toEqual({ amount: 100000, deals: 1 });
    expect(pipeline.body.groups.map((g: { label: string; amount: number }) => [g.label, g.amount])).toEqual([
      ['Bluepeak Systems', 100000],
      ['Contoso Consulting', 100000],
    ]);
    expect(pipeline.body.currencies).toEqual([{ code: 'USD', deals: 1 }]);
    const byRegion = await api.get('/api/v1/analytics/pipeline?groupBy=region&region=EMEA');
    expect(byRegion.body.groups).toEqual([{ key: 'EMEA', label: 'EMEA', amount: 100000, deals: 1 }]);
    expect((await api.get('/api/v1/analytics/attribution')).body.wonRevenue).toBe(0);
  });

  it('closing the deal as won in HubSpot credits the partners under each model', async () => {
    await crm.crm.deals.basicApi.update(dealId, { properties: { dealstage: 'closedwon', closedate: '2026-02-01' } });
    expect(await sweep()).toBe(1);

    const linear = await api.get('/api/v1/analytics/attribution?model=linear');
    expect(linear.status).toBe(200);
    // Bluepeak: submitted and approved; Contoso: co-sell requested. Linear gives each touchpoint a third.
    expect(linear.body).toMatchObject({ wonRevenue: 100000, wonDeals: 1, partnerSourced: 100000, partnerInfluenced: 0, direct: 0 });
    const credit = (body: { partners: Array<{ partnerId: string; revenue: number }> }) => Object.fromEntries(body.partners.map((p) => [p.partnerId, p.revenue]));
    expect(credit(linear.body)).toEqual({ [partnerA]: 66666.67, [partnerB]: 33333.33 });
    expect(linear.body.partners.find((p: { partnerId: string }) => p.partnerId === partnerA).sourcedRevenue).toBe(100000);

    expect(credit((await api.get('/api/v1/analytics/attribution?model=first')).body)).toEqual({ [partnerA]: 100000 });
    expect(credit((await api.get('/api/v1/analytics/attribution?model=last')).body)).toEqual({ [partnerB]: 100000 });
    // Time decay, half-life 7 days, ages from the latest touchpoint (Jan 20): 15 and 14 days for Bluepeak, 0 for Contoso.
    const bluepeak = 2 ** (-15 / 7) + 2 ** (-14 / 7);
    const expectedA = Math.round((100000 * bluepeak) / (bluepeak + 1) * 100) / 100;
    const decay = credit((await api.get('/api/v1/analytics/attribution?model=time_decay')).body);
    expect(decay[partnerA]).toBeCloseTo(expectedA, 2);
    expect(decay[partnerA]! + decay[partnerB]!).toBeCloseTo(100000, 1);

    const wins = await api.get('/api/v1/analytics/win-rates');
    expect(wins.body.partnerInvolved).toEqual({ won: 1, lost: 0, winRate: 1 });
    const roi = await api.get('/api/v1/analytics/partner-roi?model=first');
    expect(roi.body.total).toMatchObject({ attributedRevenue: 100000, investment: null, roi: null });
    const velocity = await api.get('/api/v1/analytics/registration-velocity');
    expect(velocity.body.approval).toEqual({ count: 1, medianDays: 1, p90Days: 1 });
    expect(velocity.body.registrationToWin).toEqual({ count: 1, medianDays: 27, p90Days: 27 });
    const cltv = await api.get('/api/v1/analytics/cltv?region=NA');
    expect(cltv.body.partners).toEqual([expect.objectContaining({ partnerId: partnerA, customers: 1, wonRevenue: 100000, cltv: 100000, averageLifetimeDays: 0 })]);
  });

  it('a period that ends before the close leaves the deal out, and bad filters name their field', async () => {
    const before = await api.get('/api/v1/analytics/attribution?from=2026-01-01&to=2026-01-31');
    expect(before.body).toMatchObject({ wonRevenue: 0, partners: [] });
    const paths = async (query: string) => {
      const bad = await api.get(`/api/v1/analytics/attribution?${query}`);
      expect(bad.status).toBe(400);
      return bad.body.error.details.map((d: { path: string[] }) => d.path.join('.'));
    };
    expect(await paths('model=w_shaped&halfLifeDays=0')).toEqual(['model', 'halfLifeDays']);
    expect(await paths('from=2026-02-01&to=2026-01-01')).toEqual(['to']);
    expect(await paths('region=Mars&period=q1')).toEqual(['region', 'period']);
    expect((await app.admin.get('/api/v1/analytics/pipeline')).status).toBe(401);
  });
});
