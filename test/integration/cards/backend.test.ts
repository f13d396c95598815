import { CertificationInput } from '../../../src/domain/partnerSignals';
import { DealRegistrationInput } from '../../../src/domain/registration';
import { RoutingPolicy } from '../../../src/domain/routingPolicy';
import { signV3 } from '../../../src/security/hubspotSignature';
import { issueSalesforceCardSecret } from '../../../src/usecases/cardCredentials';
import type { Actor } from '../../../src/usecases/context';
import { approveDealRegistration } from '../../../src/usecases/decideDealRegistration';
import { recordCertification } from '../../../src/usecases/partnerSignals';
import { createPartner } from '../../../src/usecases/partners';
import { replaceRoutingPolicy } from '../../../src/usecases/routing';
import { upsertCrmDeals } from '../../../src/store/crmDeals';
import { evaluatePartnerHealth } from '../../../src/usecases/evaluatePartnerHealth';
import { issueApiKey } from '../../../src/usecases/apiKeys';
import { ApiClient } from '../../support/api';
import { submitDealRegistration } from '../../../src/usecases/submitDealRegistration';
import { hubspotCaller, installedTenant, startCardApp, type CardTestApp } from '../../support/cards';
import { vendorUser } from '../../support/sessions';

const MANAGER = 'maria.manager@vendor.com';
const REP = 'rob.rep@vendor.com';

const globexDeal = (partnerId: string) => ({
  partnerId,
  customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' },
  products: ['Analytics Suite'],
  amount: 125000,
  currency: 'USD',
  expectedCloseDate: '2026-06-30',
});

describe('card backend', () => {
  let app: CardTestApp;
  beforeAll(async () => {
    app = await startCardApp('postgres');
  });
  afterAll(() => app.close());

  /** A vendor with two partners; Contoso already holds an approved, protected registration for Globex. */
  async function vendor() {
    const t = await installedTenant(app.deps);
    await vendorUser(app.deps.db, t.tenantId, MANAGER, 'partner_manager');
    const contoso = await createPartner(app.deps, t.admin, {
      name: 'Contoso Consulting', domain: 'contoso.com', tier: 'silver', region: 'EMEA', country: 'GB', specialties: ['payments'], status: 'active', managerEmail: MANAGER,
    });
    const northwind = await createPartner(app.deps, t.admin, {
      name: 'Northwind Partners', domain: 'northwind.com', tier: 'gold', region: 'NA', country: 'US', specialties: ['analytics'], status: 'active', managerEmail: MANAGER,
    });
    const existing = await submitDealRegistration(app.deps, t.admin, DealRegistrationInput.parse({ ...globexDeal(contoso.id), region: 'EMEA' }));
    await approveDealRegistration(app.deps, t.admin, existing.registration.id);
    return { ...t, contoso, northwind, existingId: existing.registration.id, rep: hubspotCaller(app, t.externalAccountId, REP), manager: hubspotCaller(app, t.externalAccountId, MANAGER) };
  }

  it('refuses requests HubSpot did not sign, signed with another secret, tampered with, or from a portal without Trellis', async () => {
    const v = await vendor();
    const unsigned = await fetch(`${app.url}/api/cards/hubspot/partners?q=n&portalId=${v.externalAccountId}&userEmail=${REP}`);
    expect(unsigned.status).toBe(401);
    expect((await hubspotCaller(app, v.externalAccountId, REP, 'another-secret')('/partners?q=n')).status).toBe(401);
    expect((await hubspotCaller(app, '999', REP)('/partners?q=n')).status).toBe(401);

    // A body changed after signing no longer matches the signature.
    const url = `${app.url}/api/cards/hubspot/registrations/check?portalId=${v.externalAccountId}&userId=1&userEmail=${encodeURIComponent(REP)}`;
    const ts = String(Date.now());
    const signedBody = JSON.stringify(globexDeal(v.northwind.id));
    const tampered = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hubspot-request-timestamp': ts,
        'x-hubspot-signature-v3': signV3('card-test-hubspot-client-secret', 'POST', url, signedBody, ts),
      },
      body: signedBody.replace('125000', '1'),
    });
    expect(tampered.status).toBe(401);

    const ok = await v.rep('/partners?q=north');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ partners: [expect.objectContaining({ name: 'Northwind Partners', tier: 'gold' })], total: 1 });
  });

  it('lists the best ten partners a search matches and says how many match in all', async () => {
    const v = await vendor();
    for (let i = 1; i <= 12; i++) {
      await createPartner(app.deps, v.admin, { name: `Reseller ${String(i).padStart(2, '0')}`, domain: `reseller${i}.com`, tier: 'silver', region: 'NA', country: 'US', specialties: [], status: 'active' });
    }
    const found = await v.rep('/partners?q=reseller');
    expect(found.body.partners).toHaveLength(10);
    expect(found.body.total).toBe(12);
    expect((await v.rep('/partners?q=reseller%2012')).body).toMatchObject({ partners: [{ name: 'Reseller 12' }], total: 1 });
  });

  it("lists the registration made from the card's deal first, marked forThisDeal, with products as typed", async () => {
    const v = await vendor();
    const fromDeal = await v.rep('/registrations', { method: 'POST', body: { ...globexDeal(v.northwind.id), products: ['Payments API'], crmDealRef: 'hubspot:deal:77' } });
    expect(fromDeal.body.registration).toMatchObject({ forThisDeal: true, products: ['Payments API'] });
    // A newer registration of the same customer, made elsewhere.
    app.deps.clock.advanceDays(1);
    await v.rep('/registrations', { method: 'POST', body: { ...globexDeal(v.northwind.id), products: ['Data Lake'] } });
    app.deps.clock.set('2026-03-02T09:00:00Z');

    type Listed = { id: string; forThisDeal: boolean; products: string[] };
    const onDeal = (await v.rep('/registrations?name=Globex&domain=globex.com&crmDealRef=hubspot%3Adeal%3A77')).body.registrations as Listed[];
    expect(onDeal.map((r) => [r.products, r.forThisDeal])).toEqual([
      [['Payments API'], true],
      [['Data Lake'], false],
      [['Analytics Suite'], false],
    ]);
    const onCompany = (await v.rep('/registrations?name=Globex&domain=globex.com')).body.registrations as Listed[];
    expect(onCompany.map((r) => r.forThisDeal)).toEqual([false, false, false]);
    expect(onCompany[0]!.products).toEqual(['Data Lake']);
    expect((await v.rep('/registrations?name=Globex&crmDealRef=deal-77')).body.error.details).toEqual([expect.objectContaining({ path: ['crmDealRef'] })]);
  });

  it('refuses a second registration of the same customer and products by the same partner, pointing at the first', async () => {
    const v = await vendor();
    const first = await v.rep('/registrations', { method: 'POST', body: globexDeal(v.northwind.id) });
    const again = await v.rep('/registrations', { method: 'POST', body: { ...globexDeal(v.northwind.id), products: ['ANALYTICS suite'] } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'duplicate_registration', details: { existingRegistrationId: first.body.registration.id, existingStatus: 'pending' } });
  });

  it('registers a deal from the record: live conflict check, submit, then the manager approves with an override', async () => {
    const v = await vendor();
    const check = await v.rep('/registrations/check', { method: 'POST', body: globexDeal(v.northwind.id) });
    expect(check.status).toBe(200);
    expect(check.body.conflictCount).toBe(1);
    expect(check.body.conflicts).toEqual([
      expect.objectContaining({
        kind: 'cross_region',
        blocksApproval: true,
        partner: { id: v.contoso.id, name: 'Contoso Consulting' },
        evidence: expect.objectContaining({ matchedOn: 'domain', overlappingProducts: ['Analytics Suite'], existingStatus: 'approved' }),
      }),
    ]);

    const submitted = await v.rep('/registrations', { method: 'POST', body: globexDeal(v.northwind.id) });
    expect(submitted.status).toBe(201);
    const id = submitted.body.registration.id;
    expect(submitted.body.registration).toMatchObject({ status: 'pending', partner: { name: 'Northwind Partners' }, canDecide: false, protection: null, conflictCount: 1 });
    // The partner's manager decides; the rep sees who, and since when.
    app.deps.clock.advanceDays(2);
    expect((await v.rep('/registrations?name=Globex%20Corp&domain=globex.com')).body.registrations.find((r: { id: string }) => r.id === submitted.body.registration.id).awaiting).toEqual({
      approver: { name: MANAGER, email: MANAGER },
      since: '2026-03-02T09:00:00.000Z',
      line: `Waiting for ${MANAGER} for 2 days`,
    });
    app.deps.clock.set('2026-03-02T09:00:00Z');
    expect(submitted.body.registration.conflicts).toEqual([expect.objectContaining({ partner: { id: v.contoso.id, name: 'Contoso Consulting' }, status: 'open' })]);

    // A rep sees the registrations on the company but cannot decide; the partner manager can.
    const asRep = await v.rep('/registrations?name=Globex%20Corp&domain=www.globex.com');
    type Listed = { id: string; partner: { name: string }; canDecide: boolean };
    const mine = (body: { registrations: Listed[] }) => body.registrations.find((r) => r.id === id)!;
    expect(asRep.body.registrations.map((r: Listed) => r.partner.name).sort()).toEqual(['Contoso Consulting', 'Northwind Partners']);
    expect(mine(asRep.body).canDecide).toBe(false);
    expect((await v.rep(`/registrations/${id}/approve`, { method: 'POST', body: {} })).status).toBe(403);
    const asManager = await v.manager('/registrations?name=Globex%20Corp&domain=globex.com');
    expect(mine(asManager.body).canDecide).toBe(true);

    const blocked = await v.manager(`/registrations/${id}/approve`, { method: 'POST', body: {} });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('blocked_by_protected_registration');

    const approved = await v.manager(`/registrations/${id}/approve`, { method: 'POST', body: { override: { reason: 'Customer asked for Northwind' } } });
    expect(approved.status).toBe(200);
    expect(approved.body.registration).toMatchObject({
      status: 'approved',
      canDecide: false,
      decision: { by: MANAGER },
      override: { by: MANAGER, reason: 'Customer asked for Northwind' },
      protection: { daysLeft: 90, expiresAt: '2026-05-31T09:00:00.000Z' },
      awaiting: null,
    });
  });

  it('lets the manager reject with a reason, and refuses a second decision', async () => {
    const v = await vendor();
    const { body } = await v.rep('/registrations', { method: 'POST', body: { ...globexDeal(v.northwind.id), customer: { name: 'Initech', domain: 'initech.com' } } });
    const rejected = await v.manager(`/registrations/${body.registration.id}/reject`, { method: 'POST', body: { reason: 'Existing direct deal' } });
    expect(rejected.body.registration).toMatchObject({ status: 'rejected', decision: { by: MANAGER, reason: 'Existing direct deal' } });
    expect((await v.manager(`/registrations/${body.registration.id}/reject`, { method: 'POST', body: { reason: 'again' } })).status).toBe(409);
  });

  it('refuses to register a deal the CRM already closed, saying so, and offers the earliest close date it accepts', async () => {
    const v = await vendor();
    const deal = (crmId: string, isClosed: boolean) => ({
      crm: 'hubspot' as const, crmId, name: 'Globex renewal', amount: 90000, currency: 'USD', stage: isClosed ? 'closedwon' : 'contractsent', isClosed, isWon: isClosed,
      createdAt: new Date('2026-01-05T10:00:00Z'), closeDate: isClosed ? '2026-02-27' : '2026-04-30', company: { crmId: '900', name: 'Globex Corporation', domain: 'globex.com' }, modifiedAt: new Date('2026-02-27T10:00:00Z'),
    });
    await upsertCrmDeals(app.deps.db, v.tenantId, [deal('501', true), deal('502', false)]);
    const body = { ...globexDeal(v.northwind.id), customer: { name: 'Initech', domain: 'initech.com' } };
    const closed = await v.rep('/registrations', { method: 'POST', body: { ...body, crmDealRef: 'hubspot:deal:501' } });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toMatchObject({ code: 'deal_already_closed', message: expect.stringContaining('already closed won in HubSpot on 2026-02-27') });
    expect((await v.rep('/registrations?name=Initech&domain=initech.com')).body).toMatchObject({ registrations: [], rules: { earliestCloseDate: '2026-03-02' } });
    expect((await v.rep('/registrations', { method: 'POST', body: { ...body, crmDealRef: 'hubspot:deal:502' } })).status).toBe(201);
  });

  it('answers bad input with field paths', async () => {
    const v = await vendor();
    const res = await v.rep('/registrations', { method: 'POST', body: { ...globexDeal(v.northwind.id), amount: -5 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ location: 'body', path: ['amount'] })]);
  });

  it('ranks co-selling partners by region, specialty, tier and record, and records a request once', async () => {
    const v = await vendor();
    const suggested = await v.rep('/co-sell?name=Globex&domain=globex.com&country=US&products=Analytics%20Suite');
    expect(suggested.status).toBe(200);
    expect(suggested.body.suggestions.map((s: { partner: { name: string } }) => s.partner.name)).toEqual(['Northwind Partners', 'Contoso Consulting']);
    // The reasons quote the products as the deal names them.
    expect(suggested.body.suggestions[0].reasons).toEqual(expect.arrayContaining(['Works in NA', 'Specializes in Analytics Suite', 'Gold tier']));

    const body = { partnerId: v.northwind.id, customer: { name: 'Globex', domain: 'globex.com', country: 'US' }, role: 'co_sell', crmDealRef: 'hubspot:deal:42' };
    expect((await v.rep('/co-sell', { method: 'POST', body })).status).toBe(201);
    expect((await v.rep('/co-sell', { method: 'POST', body })).status).toBe(409);
    const after = await v.rep('/co-sell?name=Globex&domain=globex.com&country=US&products=analytics%20suite');
    expect(after.body.engagements).toEqual([expect.objectContaining({ role: 'co_sell', status: 'requested', requestedBy: REP, partner: expect.objectContaining({ name: 'Northwind Partners' }) })]);
  });

  it("suggests co-selling partners by the tenant's routing policy: its rules and each partner's capacity", async () => {
    const v = await vendor();
    const names = async () =>
      (await v.rep('/co-sell?name=Globex&domain=globex.com&country=US&products=analytics%20suite')).body.suggestions.map((s: { partner: { name: string } }) => s.partner.name);
    const policy = (input: unknown) => replaceRoutingPolicy(app.deps, v.admin, RoutingPolicy.parse(input));

    await policy({ rules: [{ name: 'NA gold', when: { regions: ['NA'] }, only: { minTier: 'gold' } }] });
    expect(await names()).toEqual(['Northwind Partners']);
    await policy({ capacity: { partners: { [v.northwind.id]: 0 } } });
    expect(await names()).toEqual(['Contoso Consulting']);
  });

  it('shows the health of the partner a company record stands for, by component and with its current certifications, and nothing for other companies', async () => {
    const v = await vendor();
    const now = app.deps.clock.now().getTime();
    const inDays = (days: number) => new Date(now + days * 86_400_000).toISOString();
    const certify = (name: string, expiresAt: string | null) =>
      recordCertification(app.deps, v.admin, v.contoso.id, CertificationInput.parse({ name, holderEmail: 'ana@contoso.com', issuedAt: inDays(-400), expiresAt }));
    await certify('Payments Implementation', inDays(20));
    await certify('Partner Foundations', null);
    await certify('Legacy Analytics', inDays(-5));

    // Before the scheduled evaluation there is no score yet, and the card says so.
    expect((await v.rep('/partner-health?domain=contoso.com')).body).toMatchObject({ health: null, notScored: expect.stringMatching(/^Not scored yet/) });
    await evaluatePartnerHealth(app.deps);
    const health = await v.rep('/partner-health?domain=https://www.contoso.com');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      partner: { name: 'Contoso Consulting' },
      health: { score: expect.any(Number), trend: 'new', evaluatedAt: '2026-03-02T09:00:00.000Z', summary: expect.stringContaining('Weighted mean of') },
      notScored: null,
      pipeline: [{ currency: 'USD', amount: 125000, count: 1 }],
      activity: { submittedLast90: 1 },
      certifications: [
        { name: 'Payments Implementation', holderEmail: 'ana@contoso.com', expiresAt: inDays(20), daysLeft: 20 },
        { name: 'Partner Foundations', holderEmail: 'ana@contoso.com', expiresAt: null, daysLeft: null },
      ],
    });
    type Component = { component: string; value: number | null; share: number; explanation: string };
    const components: Component[] = health.body.health.components;
    expect(components.map((c) => c.component)).toEqual(['engagement', 'pipeline', 'enablement', 'satisfaction', 'support']);
    // Two current certifications are a healthy enablement; the lapsed one does not count.
    expect(components.find((c) => c.component === 'enablement')).toMatchObject({ value: 100, explanation: '2 current certifications (unexpired); 2 is healthy' });
    expect(components.find((c) => c.component === 'satisfaction')).toMatchObject({ value: null, share: 0, explanation: expect.stringMatching(/^left out/) });
    expect((await v.rep('/partner-health?domain=globex.com')).body).toEqual({ partner: null });
  });

  it('shows one health number: the card, the dashboard data and the API report the same evaluation', async () => {
    const v = await vendor();
    const { secret } = await issueApiKey(app.deps, v.admin, { name: 'reporting', role: 'viewer', expiresAt: null });
    const api = new ApiClient(app.url, secret);
    const scores = async () => {
      const card = (await v.rep('/partner-health?domain=contoso.com')).body.health;
      const fromApi = (await api.get(`/api/v1/partners/${v.contoso.id}/health`)).body;
      const dashboard = (await api.get('/api/v1/analytics/health')).body;
      const listed = (await api.get('/api/v1/health/partners')).body.data.find((p: { partnerId: string }) => p.partnerId === v.contoso.id);
      const band = dashboard.distribution.find((b: { from: number; to: number; partners: number }) => b.partners > 0 && card.score >= b.from && card.score <= b.to);
      return { card: [card.score, card.atRisk], api: [fromApi.score, fromApi.atRisk], list: [listed.score, listed.atRisk], band: band !== undefined };
    };
    await evaluatePartnerHealth(app.deps);
    const first = await scores();
    expect(first.api).toEqual(first.card);
    expect(first.list).toEqual(first.card);
    expect(first.band).toBe(true);

    // Signals arriving between evaluations change nothing anywhere until the next evaluation scores them.
    for (const name of ['Payments Implementation', 'Partner Foundations']) {
      await recordCertification(app.deps, v.admin, v.contoso.id, CertificationInput.parse({ name, holderEmail: 'ana@contoso.com', issuedAt: '2026-02-01T00:00:00Z', expiresAt: null }));
    }
    expect(await scores()).toEqual(first);
    app.deps.clock.advanceDays(1);
    try {
      await evaluatePartnerHealth(app.deps);
      const second = await scores();
      expect(second.card[0]).toBeGreaterThan(first.card[0]);
      expect(second.api).toEqual(second.card);
      expect(second.list).toEqual(second.card);
      const movers = (await api.get('/api/v1/analytics/health')).body.movers.up;
      expect(movers).toContainEqual(expect.objectContaining({ partnerId: v.contoso.id, score: second.card[0], change: second.card[0] - first.card[0] }));
      expect((await v.rep('/partner-health?domain=contoso.com')).body.health).toMatchObject({ trend: 'up', previousScore: first.card[0] });
    } finally {
      app.deps.clock.set('2026-03-02T09:00:00Z');
    }
  });

  it('keeps tenants apart: a portal sees only its own tenant', async () => {
    const a = await vendor();
    const b = await installedTenant(app.deps);
    const other = hubspotCaller(app, b.externalAccountId, REP);
    expect((await other('/registrations?name=Globex&domain=globex.com')).body.registrations).toEqual([]);
    expect((await other('/partners?q=contoso')).body.partners).toEqual([]);
    expect((await a.rep('/partners?q=contoso')).body.partners).toHaveLength(1);
  });

  it('serves the Salesforce components to an org presenting its card secret and naming the user', async () => {
    const t = await installedTenant(app.deps, 'salesforce');
    const admin: Actor = t.admin;
    await createPartner(app.deps, admin, { name: 'Fabrikam', tier: 'gold', region: 'NA', country: 'US', specialties: [], status: 'active' });
    const { secret, orgId } = await issueSalesforceCardSecret(app.deps, admin);
    expect(orgId).toBe(t.externalAccountId);
    const call = (headers: Record<string, string>) => fetch(`${app.url}/api/cards/salesforce/partners?q=fab`, { headers });
    const ok = await call({ authorization: `Bearer ${secret}`, 'x-trellis-user-email': REP });
    expect(ok.status).toBe(200);
    expect((await ok.json()).partners).toEqual([expect.objectContaining({ name: 'Fabrikam' })]);
    expect((await call({ authorization: `Bearer ${secret}` })).status).toBe(401);
    expect((await call({ authorization: 'Bearer tcs_wrong', 'x-trellis-user-email': REP })).status).toBe(401);
    // Issuing a new secret retires the old one.
    await issueSalesforceCardSecret(app.deps, admin);
    expect((await call({ authorization: `Bearer ${secret}`, 'x-trellis-user-email': REP })).status).toBe(401);
  });
});
