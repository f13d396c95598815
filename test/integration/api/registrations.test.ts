import { startTestApp, type ApiClient, type TestApp } from '../../support/api';
import { STORE_KINDS } from '../../support/databases';
import { createPartner, EXPECTED_CLOSE_DATE, registration } from '../../support/fixtures';

describe.each(STORE_KINDS)('deal registrations API on %s', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app.close());

  async function tenantWithPartners(settings?: Record<string, unknown>) {
    const api = await app.newTenant();
    if (settings) expect((await api.patch('/api/v1/settings', settings)).status).toBe(200);
    const a = await createPartner(api, { region: 'NA' });
    const b = await createPartner(api, { region: 'EMEA', country: 'GB' });
    return { api, a, b };
  }

  const count = async (api: ApiClient) => (await api.get('/api/v1/deal-registrations?limit=100')).body.data.length;

  it('submits a registration that defaults to the partner region and has no conflicts', async () => {
    const { api, a } = await tenantWithPartners();
    const res = await api.post('/api/v1/deal-registrations', registration(a.id));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      region: 'NA',
      products: ['Analytics Suite'],
      amount: 125000,
      currency: 'USD',
      expectedCloseDate: EXPECTED_CLOSE_DATE,
      conflicts: [],
      decision: null,
    });
    expect((await api.get(`/api/v1/deal-registrations/${res.body.id}`)).body).toEqual(res.body);
  });

  it('detects a cross-region conflict with another partner, with evidence, on both registrations', async () => {
    const { api, a, b } = await tenantWithPartners();
    const first = await api.post('/api/v1/deal-registrations', registration(a.id));
    const second = await api.post(
      '/api/v1/deal-registrations',
      registration(b.id, { customer: { name: 'GLOBEX Corp.', domain: 'http://www.globex.com/' }, products: ['analytics suite', 'payments'] }),
    );
    expect(second.status).toBe(201);
    expect(second.body.conflicts).toEqual([
      expect.objectContaining({
        kind: 'cross_region',
        registrationId: first.body.id,
        partnerId: a.id,
        score: 1,
        status: 'open',
        evidence: expect.objectContaining({ matchedOn: 'domain', overlappingProducts: ['Analytics Suite'], regions: { submitted: 'EMEA', existing: 'NA' } }),
      }),
    ]);
    const firstView = await api.get(`/api/v1/deal-registrations/${first.body.id}`);
    expect(firstView.body.conflicts).toEqual([expect.objectContaining({ id: second.body.conflicts[0].id, registrationId: second.body.id, partnerId: b.id })]);
  });

  it('does not confuse look-alike companies', async () => {
    const { api, a, b } = await tenantWithPartners();
    await api.post('/api/v1/deal-registrations', registration(a.id, { customer: { name: 'General Motors' } }));
    await api.post('/api/v1/deal-registrations', registration(a.id, { customer: { name: 'Deutsche Bank AG' } }));
    await api.post('/api/v1/deal-registrations', registration(a.id, { customer: { name: 'American Airlines, Inc.' } }));
    for (const name of ['General Mills', 'Deutsche Telekom', 'American Express Company']) {
      const res = await api.post('/api/v1/deal-registrations/check', registration(b.id, { customer: { name } }));
      expect([name, res.body.conflicts]).toEqual([name, []]);
    }
    const slip = await api.post('/api/v1/deal-registrations/check', registration(b.id, { customer: { name: 'General Motor Company' } }));
    expect(slip.body.conflicts).toHaveLength(1);
  });

  it('the dry run reports conflicts and creates nothing', async () => {
    const { api, a, b } = await tenantWithPartners();
    await api.post('/api/v1/deal-registrations', registration(a.id));
    const before = await count(api);
    const check = await api.post('/api/v1/deal-registrations/check', registration(b.id));
    expect(check.status).toBe(200);
    expect(check.body.conflicts).toEqual([expect.objectContaining({ kind: 'cross_region', blocksApproval: false })]);
    expect(await count(api)).toBe(before);
    expect((await api.get('/api/v1/conflicts')).body.data).toEqual([]);
  });

  it('first_to_register: an approved registration blocks a later conflicting one until a recorded override', async () => {
    const { api, a, b } = await tenantWithPartners();
    const first = (await api.post('/api/v1/deal-registrations', registration(a.id))).body;
    const approved = await api.post(`/api/v1/deal-registrations/${first.id}/approve`, { decidedBy: 'maria@vendor.com' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decision: { by: 'maria@vendor.com', at: '2026-03-02T09:00:00.000Z', reason: null },
      protectionExpiresAt: '2026-05-31T09:00:00.000Z',
    });

    const second = (await api.post('/api/v1/deal-registrations', registration(b.id))).body;
    const check = await api.post('/api/v1/deal-registrations/check', registration(b.id));
    expect(check.body.conflicts[0].blocksApproval).toBe(true);

    const blocked = await api.post(`/api/v1/deal-registrations/${second.id}/approve`, {});
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({ code: 'blocked_by_protected_registration', details: { blockingRegistrationIds: [first.id] } });
    expect((await api.get(`/api/v1/deal-registrations/${second.id}`)).body.status).toBe('pending');

    const overridden = await api.post(`/api/v1/deal-registrations/${second.id}/approve`, {
      decidedBy: 'vp@vendor.com',
      override: { reason: 'customer chose the EMEA partner' },
    });
    expect(overridden.status).toBe(200);
    expect(overridden.body).toMatchObject({ status: 'approved', override: { by: 'vp@vendor.com', reason: 'customer chose the EMEA partner' } });
  });

  it('manager_decides: conflicts are recorded but approval is the manager’s call', async () => {
    const { api, a, b } = await tenantWithPartners({ rulesOfEngagement: 'manager_decides', protectionWindowDays: 30 });
    const first = (await api.post('/api/v1/deal-registrations', registration(a.id))).body;
    await api.post(`/api/v1/deal-registrations/${first.id}/approve`, {});
    const second = (await api.post('/api/v1/deal-registrations', registration(b.id))).body;
    expect(second.conflicts).toHaveLength(1);
    const approved = await api.post(`/api/v1/deal-registrations/${second.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.protectionExpiresAt).toBe('2026-04-01T09:00:00.000Z');
  });

  it('protection ends with the window: a later registration no longer conflicts', async () => {
    const { api, a, b } = await tenantWithPartners();
    const first = (await api.post('/api/v1/deal-registrations', registration(a.id))).body;
    await api.post(`/api/v1/deal-registrations/${first.id}/approve`, {});
    app.clock.advanceDays(91);
    try {
      const check = await api.post('/api/v1/deal-registrations/check', registration(b.id));
      expect(check.body.conflicts).toEqual([]);
    } finally {
      app.clock.set('2026-03-02T09:00:00Z');
    }
  });

  it('a customer stops being claimed when its last open registration closes, and is claimed again by a new one', async () => {
    const { api, a, b } = await tenantWithPartners();
    const first = (await api.post('/api/v1/deal-registrations', registration(a.id))).body;
    await api.post(`/api/v1/deal-registrations/${first.id}/reject`, { reason: 'duplicate of a direct deal' });
    expect((await api.post('/api/v1/deal-registrations/check', registration(b.id))).body.conflicts).toEqual([]);
    const again = (await api.post('/api/v1/deal-registrations', registration(a.id, { customer: { name: 'Globex Inc.' } }))).body;
    const check = await api.post('/api/v1/deal-registrations/check', registration(b.id));
    expect(check.body.conflicts.map((c: { registrationId: string }) => c.registrationId)).toEqual([again.id]);
  });

  it('rejects with a reason, and refuses illegal state changes with 409', async () => {
    const { api, a } = await tenantWithPartners();
    const reg = (await api.post('/api/v1/deal-registrations', registration(a.id))).body;
    expect((await api.post(`/api/v1/deal-registrations/${reg.id}/reject`, {})).status).toBe(400);
    const rejected = await api.post(`/api/v1/deal-registrations/${reg.id}/reject`, { reason: 'customer already in direct negotiation' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decision: { reason: 'customer already in direct negotiation' } });
    const approve = await api.post(`/api/v1/deal-registrations/${reg.id}/approve`, {});
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe('illegal_transition');
    expect((await api.post(`/api/v1/deal-registrations/${reg.id}/close`, { outcome: 'won' })).status).toBe(409);
  });

  it('closes an approved registration as won', async () => {
    const { api, a } = await tenantWithPartners();
    const reg = (await api.post('/api/v1/deal-registrations', registration(a.id))).body;
    await api.post(`/api/v1/deal-registrations/${reg.id}/approve`, {});
    const won = await api.post(`/api/v1/deal-registrations/${reg.id}/close`, { outcome: 'won' });
    expect(won.body).toMatchObject({ status: 'won', closedAt: '2026-03-02T09:00:00.000Z' });
  });

  it('names the field of an unknown or churned partner and writes nothing', async () => {
    const { api, a } = await tenantWithPartners();
    const before = await count(api);
    const unknown = await api.post('/api/v1/deal-registrations', registration('6f1c1f4e-0000-4000-8000-000000000001'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: ['partnerId'], message: 'no partner with this id' }]);
    await api.patch(`/api/v1/partners/${a.id}`, { status: 'churned' });
    const churned = await api.post('/api/v1/deal-registrations', registration(a.id));
    expect(churned.status).toBe(400);
    expect(await count(api)).toBe(before);
  });

  it('validates the body with paths for every problem', async () => {
    const { api, a } = await tenantWithPartners();
    const res = await api.post('/api/v1/deal-registrations', {
      partnerId: a.id,
      customer: { domain: 'not a domain' },
      products: 'analytics',
      amount: '100',
      currency: 'ZZZ',
      expectedCloseDate: '2026-13-01',
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string[] }) => d.path.join('.')).sort();
    expect(paths).toEqual(['amount', 'currency', 'customer.domain', 'customer.name', 'expectedCloseDate', 'products']);
  });

  it('replays a create with the same Idempotency-Key and refuses the key with another body', async () => {
    const { api, a } = await tenantWithPartners();
    const headers = { 'idempotency-key': 'order-4711' };
    const first = await api.post('/api/v1/deal-registrations', registration(a.id), headers);
    const again = await api.post('/api/v1/deal-registrations', registration(a.id), headers);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await count(api)).toBe(1);
    const other = await api.post('/api/v1/deal-registrations', registration(a.id, { amount: 1 }), headers);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    // Keys belong to one tenant: another tenant may use the same key for its own request.
    const otherTenant = await tenantWithPartners();
    expect((await otherTenant.api.post('/api/v1/deal-registrations', registration(otherTenant.a.id), headers)).status).toBe(201);
  });

  it('concurrent identical creates with one Idempotency-Key make one registration', async () => {
    const { api, a } = await tenantWithPartners();
    const headers = { 'idempotency-key': 'burst-1' };
    const replies = await Promise.all([1, 2, 3, 4].map(() => api.post('/api/v1/deal-registrations', registration(a.id), headers)));
    const created = replies.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(replies.every((r) => r.status === 201 || (r.status === 409 && r.body.error.code === 'idempotency_key_in_use'))).toBe(true);
    expect(await count(api)).toBe(1);
  });

  it('two partners registering the same customer at once: the later one carries the conflict', async () => {
    const { api, a, b } = await tenantWithPartners();
    const [x, y] = await Promise.all([api.post('/api/v1/deal-registrations', registration(a.id)), api.post('/api/v1/deal-registrations', registration(b.id))]);
    expect(x.body.conflicts.length + y.body.conflicts.length).toBe(1);
  });

  it('lists with filters and cursor pagination', async () => {
    const { api, a, b } = await tenantWithPartners();
    for (let i = 0; i < 5; i++) {
      await api.post('/api/v1/deal-registrations', registration(i < 3 ? a.id : b.id, { customer: { name: `Customer ${i}` } }));
      app.clock.set(new Date(app.clock.now().getTime() + 1000));
    }
    app.clock.set('2026-03-02T09:00:00Z');
    const byPartner = await api.get(`/api/v1/deal-registrations?partnerId=${a.id}`);
    expect(byPartner.body.data).toHaveLength(3);
    const emea = await api.get('/api/v1/deal-registrations?region=EMEA&status=pending');
    expect(emea.body.data).toHaveLength(2);
    const page1 = await api.get('/api/v1/deal-registrations?limit=2');
    const page2 = await api.get(`/api/v1/deal-registrations?limit=2&cursor=${page1.body.nextCursor}`);
    const page3 = await api.get(`/api/v1/deal-registrations?limit=2&cursor=${page2.body.nextCursor}`);
    expect([...page1.body.data, ...page2.body.data, ...page3.body.data].map((r: { customer: { name: string } }) => r.customer.name)).toEqual([
      'Customer 4',
      'Customer 3',
      'Customer 2',
      'Customer 1',
      'Customer 0',
    ]);
    expect(page3.body.nextCursor).toBeNull();
    expect((await api.get('/api/v1/deal-registrations?status=open')).status).toBe(400);
  });

  it('refuses an expected close date in the past at that field, explaining the rule, and accepts it within the tenant grace', async () => {
    const { api, a } = await tenantWithPartners();
    const late = registration(a.id, { expectedCloseDate: '2026-02-20' });
    const refused = await api.post('/api/v1/deal-registrations', late);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'close_date_in_past',
      details: [{ path: ['expectedCloseDate'], message: expect.stringContaining('2026-02-20 is in the past') }],
    });
    expect(await count(api)).toBe(0);

    expect((await api.patch('/api/v1/settings', { closeDateGraceDays: 14 })).body).toMatchObject({ closeDateGraceDays: 14 });
    expect((await api.post('/api/v1/deal-registrations', late)).status).toBe(201);
    expect((await api.post('/api/v1/deal-registrations', registration(a.id, { expectedCloseDate: '2025-01-15', products: ['payments'] }))).status).toBe(400);
    expect((await api.patch('/api/v1/settings', { closeDateGraceDays: 120 })).body.error.details).toEqual([
      expect.objectContaining({ path: ['closeDateGraceDays'], message: expect.stringContaining('at most 90 days') }),
    ]);
  });

  it("refuses the same partner's second registration of the same customer and products, pointing to the first", async () => {
    const { api, a, b } = await tenantWithPartners();
    const first = await api.post('/api/v1/deal-registrations', registration(a.id));
    const again = await api.post('/api/v1/deal-registrations', registration(a.id, { customer: { name: 'Globex Corp', domain: 'www.globex.com' } }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'duplicate_registration',
      message: expect.stringContaining(first.body.id),
      details: { existingRegistrationId: first.body.id, existingStatus: 'pending' },
    });
    // A product not yet registered, or another partner (a channel conflict), is a registration of its own.
    expect((await api.post('/api/v1/deal-registrations', registration(a.id, { products: ['Analytics Suite', 'Payments'] }))).status).toBe(201);
    expect((await api.post('/api/v1/deal-registrations', registration(b.id))).status).toBe(201);
    expect(await count(api)).toBe(3);
  });

  it('names who decides a pending registration and since when, in the registration, the list and after the decision', async () => {
    const { api, a, b } = await tenantWithPartners();
    // Nobody on the team may decide yet: the registration says so rather than naming someone.
    const early = await api.post('/api/v1/deal-registrations', registration(b.id, { customer: { name: 'Initech', domain: 'initech.com' } }));
    expect(early.body).toMatchObject({ approver: null, waitingSince: '2026-03-02T09:00:00.000Z' });
    await api.post('/api/v1/users', { email: 'ada.admin@vendor.com', displayName: 'Ada Admin', role: 'admin' });
    await api.post('/api/v1/users', { email: 'dana.reyes@vendor.com', displayName: 'Dana Reyes', role: 'partner_manager', scope: { regions: ['NA'] } });

    const na = await api.post('/api/v1/deal-registrations', registration(a.id));
    expect(na.body).toMatchObject({ approver: { email: 'dana.reyes@vendor.com', name: 'Dana Reyes', role: 'partner_manager' }, waitingSince: '2026-03-02T09:00:00.000Z' });
    // Dana's scope does not cover the EMEA partner: an admin decides it.
    expect((await api.get(`/api/v1/deal-registrations/${early.body.id}`)).body.approver).toEqual({ email: 'ada.admin@vendor.com', name: 'Ada Admin', role: 'admin' });
    const listed = (await api.get('/api/v1/deal-registrations?status=pending')).body.data;
    expect(listed.map((r: { id: string; approver: { email: string } }) => [r.id, r.approver.email]).sort()).toEqual(
      [[na.body.id, 'dana.reyes@vendor.com'], [early.body.id, 'ada.admin@vendor.com']].sort(),
    );

    const approved = await api.post(`/api/v1/deal-registrations/${na.body.id}/approve`, {});
    expect(approved.body).toMatchObject({ status: 'approved', approver: null, waitingSince: null });
  });

  it("another tenant's registration is 404 everywhere", async () => {
    const { api, a } = await tenantWithPartners();
    const reg = (await api.post('/api/v1/deal-registrations', registration(a.id))).body;
    const other = await app.newTenant();
    expect((await other.get(`/api/v1/deal-registrations/${reg.id}`)).status).toBe(404);
    expect((await other.post(`/api/v1/deal-registrations/${reg.id}/approve`, {})).status).toBe(404);
    expect((await other.post(`/api/v1/deal-registrations/${reg.id}/reject`, { reason: 'x' })).status).toBe(404);
    // Nor can its partner be used to register.
    expect((await other.post('/api/v1/deal-registrations', registration(a.id))).status).toBe(400);
    expect((await api.get(`/api/v1/deal-registrations/${reg.id}`)).body.status).toBe('pending');
  });
});
