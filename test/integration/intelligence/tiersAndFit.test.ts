import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { openQueueBackend } from '../../../src/jobs/backend';
import { startJobs } from '../../../src/jobs/runtime';
import { createLogger } from '../../../src/logger';
import { startTestApp, type ApiClient, type TestApp } from '../../support/api';
import { testKeyring } from '../../support/deps';
import { REDIS_URL } from '../../support/environment';
import { createPartner, registration } from '../../support/fixtures';

const RULES = {
  currency: 'USD',
  tiers: [
    { tier: 'silver', minAnnualWonRevenue: 20000, minCurrentCertifications: 0, minRegistrations: 2 },
    { tier: 'gold', minAnnualWonRevenue: 100000, minCurrentCertifications: 1, minRegistrations: 3 },
  ],
  regionalAdjustments: { APAC: 0.8 },
};

let customers = 0;
/** Registers, approves and wins a deal for a customer of its own, so no channel conflict gets in the way. */
async function winDeal(api: ApiClient, partnerId: string, amount: number) {
  customers += 1;
  const reg = await api.post('/api/v1/deal-registrations', registration(partnerId, { amount, customer: { name: `Customer ${customers}`, domain: `customer${customers}.com` } }));
  expect(reg.status).toBe(201);
  expect((await api.post(`/api/v1/deal-registrations/${reg.body.id}/approve`, {})).status).toBe(200);
  expect((await api.post(`/api/v1/deal-registrations/${reg.body.id}/close`, { outcome: 'won' })).status).toBe(200);
}

describe('tiers and partner fit through the API on postgres', () => {
  let app: TestApp;
  const tierEvents = async (partnerId: string) =>
    (await app.database.db.query<{ payload: { fields: string[] } }>("SELECT payload FROM outbox WHERE topic = 'partner.updated' AND aggregate_id = $1 ORDER BY id", [partnerId])).rows.map((r) => r.payload.fields);

  beforeAll(async () => {
    app = await startTestApp('postgres');
  });
  afterAll(() => app.close());

  it('recalculates tiers under the rules, records the history and announces the change to the CRMs', async () => {
    const api = await app.newTenant('Tiers');
    expect((await api.get('/api/v1/tier-rules')).status).toBe(404);
    const bad = await api.call('PUT', '/api/v1/tier-rules', { ...RULES, tiers: [{ ...RULES.tiers[0], minRegistrations: -1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([['tiers', 0, 'minRegistrations']]);
    expect((await api.call('PUT', '/api/v1/tier-rules', RULES)).status).toBe(200);
    expect((await api.get('/api/v1/tier-rules')).body).toEqual(RULES);

    const rising = await createPartner(api, { name: 'Rising', tier: 'registered' });
    for (let i = 0; i < 3; i++) await winDeal(api, rising.id, 40000);
    await api.post(`/api/v1/partners/${rising.id}/certifications`, { name: 'Analytics', issuedAt: '2025-09-01T00:00:00Z', expiresAt: '2027-09-01T00:00:00Z' });
    // APAC gold needs 80,000 and ceil(3 × 0.8) = 3 registrations: two deals make silver.
    const slipping = await createPartner(api, { name: 'Slipping', tier: 'gold', region: 'APAC', country: 'SG' });
    for (let i = 0; i < 2; i++) await winDeal(api, slipping.id, 45000);
    await api.post(`/api/v1/partners/${slipping.id}/certifications`, { name: 'Analytics', issuedAt: '2025-09-01T00:00:00Z' });
    const eventsBefore = (await tierEvents(rising.id)).length;

    expect((await api.post('/api/v1/tier-rules/recalculate')).body).toEqual({ evaluated: 2, changed: 2 });
    expect((await api.get(`/api/v1/partners/${rising.id}`)).body.tier).toBe('gold');
    expect((await api.get(`/api/v1/partners/${slipping.id}`)).body.tier).toBe('silver');
    const history = await api.get(`/api/v1/partners/${rising.id}/tier-history`);
    expect(history.body).toEqual({
      data: [
        {
          id: expect.any(String),
          partnerId: rising.id,
          oldTier: 'registered',
          newTier: 'gold',
          reason: 'meets gold: won 120000 USD ≥ 100000, 1 current certifications ≥ 1, 3 registrations ≥ 3',
          changedBy: 'system:tier-rules',
          changedAt: '2026-03-02T09:00:00.000Z',
        },
      ],
      nextCursor: null,
    });
    expect((await api.get(`/api/v1/partners/${slipping.id}/tier-history`)).body.data[0].reason).toBe(
      'meets silver (APAC targets ×0.8): won 90000 USD ≥ 16000, 1 current certifications ≥ 0, 2 registrations ≥ 2; misses gold: 2 registrations < 3',
    );
    expect((await tierEvents(rising.id)).slice(eventsBefore)).toEqual([['tier']]);

    // Nothing changed since: nothing is rewritten or announced again.
    expect((await api.post('/api/v1/tier-rules/recalculate')).body).toEqual({ evaluated: 2, changed: 0 });
    expect((await tierEvents(rising.id)).slice(eventsBefore)).toHaveLength(1);
    // A change by hand, an hour later, is history too.
    app.clock.set('2026-03-02T10:00:00Z');
    await api.patch(`/api/v1/partners/${rising.id}`, { tier: 'platinum' });
    app.clock.set('2026-03-02T09:00:00Z');
    expect((await api.get(`/api/v1/partners/${rising.id}/tier-history?limit=1`)).body.data[0]).toMatchObject({ oldTier: 'gold', newTier: 'platinum', reason: 'set by hand', changedAt: '2026-03-02T10:00:00.000Z' });

    const other = await app.newTenant('Other');
    expect((await other.get(`/api/v1/partners/${rising.id}/tier-history`)).status).toBe(404);
  });

  it('runs the recalculation as a scheduled job', async () => {
    const api = await app.newTenant('Scheduled');
    await api.call('PUT', '/api/v1/tier-rules', RULES);
    const partner = await createPartner(api, { name: 'Two deals', tier: 'registered' });
    for (let i = 0; i < 2; i++) await winDeal(api, partner.id, 15000);
    const backend = await openQueueBackend({ kind: 'redis', url: REDIS_URL }, { namespace: `t${randomBytes(4).toString('hex')}` });
    const deps = { db: app.database.db, clock: app.clock, keyring: testKeyring() };
    const { worker } = await startJobs(backend, deps, createLogger('silent'), new Registry(), { expiryIntervalMs: 3_600_000, tierIntervalMs: 1000 });
    try {
      const deadline = Date.now() + 20_000;
      while ((await api.get(`/api/v1/partners/${partner.id}`)).body.tier !== 'silver' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect((await api.get(`/api/v1/partners/${partner.id}`)).body.tier).toBe('silver');
      expect((await api.get(`/api/v1/partners/${partner.id}/tier-history`)).body.data).toHaveLength(1);
    } finally {
      await worker.close();
      await backend.close();
    }
  });

  it('scores partners and prospects against the ideal partner profile and ranks them', async () => {
    const api = await app.newTenant('Fit');
    const ideal = await createPartner(api, { name: 'Ideal', region: 'EMEA', country: 'DE', status: 'prospect', specialties: ['Analytics', 'payments'], employeeCount: 120 });
    const partial = await createPartner(api, { name: 'Partial', region: 'EMEA', country: 'FR', specialties: ['payments'] });
    const far = await createPartner(api, { name: 'Far', region: 'APAC', country: 'JP', employeeCount: 5 });
    await createPartner(api, { name: 'Gone', region: 'EMEA', country: 'DE', status: 'churned', specialties: ['analytics'] });
    expect((await api.get(`/api/v1/partners/${ideal.id}/fit`)).status).toBe(404);

    const bad = await api.call('PUT', '/api/v1/ideal-partner-profile', { regions: ['EMEA'], employeeCount: { min: 500, max: 50 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([['employeeCount', 'max']]);
    const profile = { regions: ['EMEA'], specialties: ['analytics', 'payments'], employeeCount: { min: 50, max: 500 } };
    expect((await api.call('PUT', '/api/v1/ideal-partner-profile', profile)).status).toBe(200);
    expect((await api.get('/api/v1/ideal-partner-profile')).body).toMatchObject({ ...profile, weights: { region: 25, specialties: 30, size: 20 } });

    expect((await api.get(`/api/v1/partners/${ideal.id}/fit`)).body).toMatchObject({ partner: { name: 'Ideal', employeeCount: 120 }, score: 100 });
    // Size unknown, so region 25 and half the specialties 15 of 55.
    expect((await api.get(`/api/v1/partners/${partial.id}/fit`)).body).toMatchObject({
      score: 73,
      reasons: ['works in EMEA, a profile region (EMEA)', 'specializes in payments (1 of 2 wanted)', 'employee count unknown, so size is not judged'],
    });

    const first = await api.get('/api/v1/partner-fit?limit=2');
    expect(first.body.data.map((f: { partner: { name: string }; score: number }) => [f.partner.name, f.score])).toEqual([['Ideal', 100], ['Partial', 73]]);
    const rest = await api.get(`/api/v1/partner-fit?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body).toMatchObject({ data: [{ partner: { id: far.id }, score: 0 }], nextCursor: null });
    expect((await api.get('/api/v1/partner-fit?cursor=nope')).status).toBe(400);
  });
});
