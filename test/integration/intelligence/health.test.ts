import { evaluatePartnerHealth } from '../../../src/usecases/evaluatePartnerHealth';
import { startTestApp, type ApiClient, type TestApp } from '../../support/api';
import { testKeyring } from '../../support/deps';
import { createPartner } from '../../support/fixtures';

// The app's clock: 2026-03-02T09:00:00Z.
describe('partner health through the API on postgres', () => {
  let app: TestApp;
  let api: ApiClient & { tenantId: string };
  const evaluate = () => evaluatePartnerHealth({ db: app.database.db, clock: app.clock, keyring: testKeyring() });
  const atRiskEvents = async (partnerId: string) =>
    (await app.database.db.query<{ payload: Record<string, unknown> }>("SELECT payload FROM outbox WHERE topic = 'partner.at_risk' AND aggregate_id = $1", [partnerId])).rows.map((r) => r.payload);

  beforeAll(async () => {
    app = await startTestApp('postgres');
    api = await app.newTenant('Vendor');
  });
  afterAll(() => app.close());

  it('scores recorded certifications, PSAT, support cases and activity, explained by component', async () => {
    const partner = await createPartner(api, { name: 'Contoso' });
    const record = (what: string, body: unknown) => api.post(`/api/v1/partners/${partner.id}/${what}`, body);
    expect((await record('certifications', { name: 'Analytics Implementation', issuedAt: '2025-06-01T00:00:00Z', expiresAt: '2027-06-01T00:00:00Z' })).status).toBe(201);
    // Expired yesterday: recorded, but no longer current.
    expect((await record('certifications', { name: 'Payments', issuedAt: '2024-03-01T09:00:00Z', expiresAt: '2026-03-01T09:00:00Z' })).status).toBe(201);
    expect((await record('satisfaction', { score: 4, respondedAt: '2026-02-01T12:00:00Z' })).status).toBe(201);
    expect((await record('satisfaction', { score: 5, respondedAt: '2026-02-03T12:00:00Z', comment: 'Great delivery' })).status).toBe(201);
    const opened = await record('support-cases', { externalId: 'ZD-1', subject: 'Sync stalls', openedAt: '2026-02-20T08:00:00Z' });
    expect(opened.status).toBe(201);
    expect((await record('activity', { kind: 'portal_login', occurredAt: '2026-03-01T10:00:00Z' })).status).toBe(201);
    expect((await record('activity', { kind: 'api_call', occurredAt: '2026-02-25T10:00:00Z' })).status).toBe(201);

    // Before the scheduled evaluation there is no score to show.
    expect((await api.get(`/api/v1/partners/${partner.id}/health`)).body).toMatchObject({ scored: true, score: null, evaluatedAt: null, reasons: [expect.stringMatching(/^not evaluated yet/)] });

    await evaluate();
    const health = await api.get(`/api/v1/partners/${partner.id}/health`);
    expect(health.status).toBe(200);
    // engagement .7 (active today, 2 of 30 days), pipeline .2 (no deals), enablement .5, satisfaction .875, support .8:
    // 25·.7 + 30·.2 + 15·.5 + 15·.875 + 15·.8 = 56.125
    expect(health.body).toMatchObject({ partnerId: partner.id, scored: true, score: 56, atRisk: false, leftOut: [], evaluatedAt: '2026-03-02T09:00:00.000Z', previousScore: null });
    expect(health.body.trend).toEqual([{ evaluatedAt: '2026-03-02T09:00:00.000Z', score: 56, atRisk: false }]);
    expect(health.body.summary).toBe('Weighted mean of engagement, pipeline, enablement, satisfaction, support.');
    expect(health.body.components.map((c: { component: string; value: number }) => [c.component, c.value])).toEqual([
      ['engagement', 70],
      ['pipeline', 20],
      ['enablement', 50],
      ['satisfaction', 88],
      ['support', 80],
    ]);
    expect(health.body.components[2].explanation).toContain('1 current certification (unexpired)');
    expect(health.body.components[4].explanation).toContain('1 open support case');

    // The help desk closes the case: recording it again updates it, and the next evaluation scores it.
    const closed = await record('support-cases', { externalId: 'ZD-1', openedAt: '2026-02-20T08:00:00Z', closedAt: '2026-03-01T08:00:00Z' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ id: opened.body.id, subject: 'Sync stalls', closedAt: '2026-03-01T08:00:00.000Z' });
    expect((await api.get(`/api/v1/partners/${partner.id}/health`)).body.components[4]).toMatchObject({ value: 80 });
    app.clock.set('2026-03-02T10:00:00Z');
    await evaluate();
    app.clock.set('2026-03-02T09:00:00Z');
    const after = await api.get(`/api/v1/partners/${partner.id}/health`);
    expect(after.body).toMatchObject({ score: 58, previousScore: 56, evaluatedAt: '2026-03-02T10:00:00.000Z' });
    expect(after.body.components[4]).toMatchObject({ value: 90, explanation: expect.stringContaining('0 open support cases, 1 closed') });
    expect(after.body.trend.map((t: { score: number }) => t.score)).toEqual([56, 58]);
    const snapshot = await app.database.db.query<{ factors: Record<string, { value: number }> }>('SELECT factors FROM health_snapshots WHERE partner_id = $1 ORDER BY evaluated_at DESC LIMIT 1', [partner.id]);
    expect(snapshot.rows[0]!.factors.enablement).toMatchObject({ value: 50, weight: 15 });
  });

  it('gives a new partner the tenant’s grace period before its health can put it at risk', async () => {
    const tenant = await app.newTenant('Newcomers');
    expect((await tenant.patch('/api/v1/settings', { healthGraceDays: 30 })).body).toMatchObject({ healthGraceDays: 30 });
    const fresh = await createPartner(tenant, { name: 'Fresh' });
    await evaluate();
    expect((await tenant.get(`/api/v1/partners/${fresh.id}/health`)).body).toMatchObject({ score: 11, atRisk: false, reasons: ['new partner: its score can put it at risk from 2026-04-01'] });
    expect(await atRiskEvents(fresh.id)).toEqual([]);

    app.clock.advanceDays(31);
    await evaluate();
    app.clock.advanceDays(-31);
    expect((await tenant.get(`/api/v1/partners/${fresh.id}/health`)).body).toMatchObject({ atRisk: true, reasons: expect.arrayContaining([expect.stringMatching(/under the threshold of 40/)]) });
    expect(await atRiskEvents(fresh.id)).toHaveLength(1);
  });

  it('announces a partner at risk once, lists it, and pages the list', async () => {
    const tenant = await app.newTenant('Risky');
    await tenant.patch('/api/v1/settings', { healthGraceDays: 0 });
    const quiet = await createPartner(tenant, { name: 'Quiet' });
    const steady = await createPartner(tenant, { name: 'Steady' });
    await tenant.post(`/api/v1/partners/${quiet.id}/satisfaction`, { score: 1, respondedAt: '2026-02-01T12:00:00Z' });
    await tenant.post(`/api/v1/partners/${steady.id}/satisfaction`, { score: 5, respondedAt: '2026-02-01T12:00:00Z' });
    await tenant.post(`/api/v1/partners/${steady.id}/activity`, { kind: 'portal_action', occurredAt: '2026-03-02T08:00:00Z' });

    await evaluate();
    app.clock.advanceDays(1);
    await evaluate();
    app.clock.advanceDays(-1);

    // Quiet: engagement 0, pipeline .2, satisfaction 0 → 6 of 70.
    const events = await atRiskEvents(quiet.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ partnerId: quiet.id, score: 9, previousScore: null, drop: 0 });
    expect(events[0]!.reasons).toEqual(['score 9 is under the threshold of 40', expect.stringMatching(/^engagement 0\/100/), expect.stringMatching(/^satisfaction 0\/100/), expect.stringMatching(/^pipeline 20\/100/)]);
    expect(await atRiskEvents(steady.id)).toEqual([]);

    const atRisk = await tenant.get('/api/v1/health/partners?atRisk=true');
    expect(atRisk.status).toBe(200);
    expect(atRisk.body).toEqual({
      data: [{ partnerId: quiet.id, name: 'Quiet', evaluatedAt: '2026-03-03T09:00:00.000Z', score: 9, atRisk: true, reasons: events[0]!.reasons }],
      nextCursor: null,
    });
    const first = await tenant.get('/api/v1/health/partners?limit=1');
    expect(first.body.data).toHaveLength(1);
    const second = await tenant.get(`/api/v1/health/partners?limit=1&cursor=${first.body.nextCursor}`);
    expect([first.body.data[0].name, second.body.data[0].name].sort()).toEqual(['Quiet', 'Steady']);
    expect(second.body.nextCursor).toBeNull();
    expect((await tenant.get('/api/v1/health/partners?cursor=nonsense')).status).toBe(400);
  });

  it('takes the tenant’s weights and threshold', async () => {
    const tenant = await app.newTenant('Weights');
    expect((await tenant.get('/api/v1/health/model')).body).toMatchObject({ weights: { engagement: 25, pipeline: 30 }, atRiskBelow: 40 });
    const partner = await createPartner(tenant, { name: 'Satisfying' });
    await tenant.post(`/api/v1/partners/${partner.id}/satisfaction`, { score: 5, respondedAt: '2026-02-01T12:00:00Z' });
    const put = await tenant.call('PUT', '/api/v1/health/model', { weights: { engagement: 0, pipeline: 0, satisfaction: 3 }, atRiskBelow: 50 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ weights: { engagement: 0, pipeline: 0, enablement: 15, satisfaction: 3, support: 15 }, atRiskBelow: 50, dropPoints: 15 });
    // Only satisfaction has data among the weighted components.
    app.clock.set('2026-03-02T11:00:00Z');
    await evaluate();
    app.clock.set('2026-03-02T09:00:00Z');
    expect((await tenant.get(`/api/v1/partners/${partner.id}/health`)).body).toMatchObject({ score: 100, rule: { atRiskBelow: 50 }, leftOut: ['enablement', 'support'] });
  });

  it('answers bad input with the field path, and another tenant’s partner with 404', async () => {
    const partner = await createPartner(api);
    const bad = async (path: string, body: unknown, method = 'POST') => {
      const res = await api.call(method, path, body);
      expect(res.status).toBe(400);
      return res.body.error.details.map((d: { path: unknown[] }) => d.path);
    };
    expect(await bad(`/api/v1/partners/${partner.id}/certifications`, { name: 'X', issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2025-01-01T00:00:00Z' })).toEqual([['expiresAt']]);
    expect(await bad(`/api/v1/partners/${partner.id}/satisfaction`, { score: 6, respondedAt: 'yesterday' })).toEqual([['score'], ['respondedAt']]);
    expect(await bad(`/api/v1/partners/${partner.id}/support-cases`, { openedAt: '2026-01-01T00:00:00Z' })).toEqual([['externalId']]);
    expect(await bad(`/api/v1/partners/${partner.id}/activity`, { kind: 'coffee', occurredAt: '2026-01-01T00:00:00Z' })).toEqual([['kind']]);
    expect(await bad('/api/v1/health/model', { weights: { support: -1 } }, 'PUT')).toEqual([['weights', 'support']]);
    expect(await bad('/api/v1/health/partners?atRisk=maybe', undefined, 'GET')).toEqual([['atRisk']]);

    const other = await app.newTenant('Other');
    expect((await other.get(`/api/v1/partners/${partner.id}/health`)).status).toBe(404);
    expect((await other.post(`/api/v1/partners/${partner.id}/certifications`, { name: 'X', issuedAt: '2026-01-01T00:00:00Z' })).status).toBe(404);
    // A help desk id is the tenant's: another partner cannot take over the case.
    const second = await createPartner(api);
    await api.post(`/api/v1/partners/${partner.id}/support-cases`, { externalId: 'ZD-9', openedAt: '2026-01-01T00:00:00Z' });
    expect((await api.post(`/api/v1/partners/${second.id}/support-cases`, { externalId: 'ZD-9', openedAt: '2026-01-01T00:00:00Z' })).status).toBe(409);
  });
});
