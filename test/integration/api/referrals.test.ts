import { startTestApp, type ApiClient, type TestApp } from '../../support/api';
import { STORE_KINDS } from '../../support/databases';

type Tenant = ApiClient & { tenantId: string };

const lead = (products: string[] = ['analytics']) => ({
  company: { name: 'Globex GmbH', domain: 'globex.de', country: 'DE' },
  products,
  contactEmail: 'cio@globex.de',
  estimatedValue: { amount: 40000, currency: 'eur' },
  source: 'webinar',
});

describe.each(STORE_KINDS)('referrals API on %s', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app.close());

  const addPartner = async (tenant: Tenant, fields: Record<string, unknown>) => {
    const res = await tenant.post('/api/v1/partners', { region: 'EMEA', country: 'DE', status: 'active', ...fields });
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string };
  };

  /** Berlin Analytics (gold, DE, analytics) outranks Paris Data (silver, FR, analytics) for a German analytics lead. */
  async function vendor() {
    const tenant = await app.newTenant('Vendor');
    const berlin = await addPartner(tenant, { name: 'Berlin Analytics', tier: 'gold', specialties: ['analytics'] });
    const paris = await addPartner(tenant, { name: 'Paris Data', tier: 'silver', country: 'FR', specialties: ['analytics'] });
    return { tenant, berlin, paris };
  }

  it('routes a new referral at once to the best partner, with the reasons and an outbox event', async () => {
    const { tenant, berlin } = await vendor();
    const created = await tenant.post('/api/v1/referrals', lead());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      company: { name: 'Globex GmbH', domain: 'globex.de', country: 'DE' },
      region: 'EMEA',
      products: ['analytics'],
      estimatedValue: { amount: 40000, currency: 'EUR' },
      status: 'assigned',
      partnerId: berlin.id,
      unassignedReason: null,
    });
    // 30 (EMEA) + 30 (analytics) + 11 (gold) + 10 (DE) + 10 (no closed registrations) = 91.
    expect(created.body.assignments).toEqual([
      expect.objectContaining({
        partnerId: berlin.id,
        rule: null,
        score: 91,
        placement: 'score',
        outcome: 'pending',
        reasons: [
          { factor: 'territory', points: 30, detail: 'Works in EMEA' },
          { factor: 'expertise', points: 30, detail: 'Specializes in analytics' },
          { factor: 'tier', points: 11, detail: 'Gold tier' },
          { factor: 'territory', points: 10, detail: 'Based in DE' },
          { factor: 'performance', points: 10, detail: 'No closed registrations yet' },
        ],
      }),
    ]);
    expect((await tenant.get(`/api/v1/referrals/${created.body.id}`)).body).toEqual(created.body);

    const events = await app.database.db.query<{ topic: string; payload: Record<string, unknown> }>(
      'SELECT topic, payload FROM outbox WHERE tenant_id = $1 AND aggregate_id = $2 ORDER BY id',
      [tenant.tenantId, created.body.id],
    );
    expect(events.rows).toEqual([
      { topic: 'referral.assigned', payload: expect.objectContaining({ referralId: created.body.id, partnerId: berlin.id, score: 91, rule: null }) },
    ]);
  });

  it('hands a declined referral to the next partner, never back to one that declined it', async () => {
    const { tenant, berlin, paris } = await vendor();
    const { body: referral } = await tenant.post('/api/v1/referrals', lead());
    const declined = await tenant.post(`/api/v1/referrals/${referral.id}/decline`, { reason: 'No capacity this quarter', decidedBy: 'anna@berlin.example' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'assigned', partnerId: paris.id });
    expect(declined.body.assignments.map((a: { partnerId: string; outcome: string }) => [a.partnerId, a.outcome])).toEqual([
      [berlin.id, 'declined'],
      [paris.id, 'pending'],
    ]);
    expect(declined.body.assignments[0]).toMatchObject({ decidedBy: 'anna@berlin.example', declineReason: 'No capacity this quarter' });

    const again = await tenant.post(`/api/v1/referrals/${referral.id}/decline`);
    expect(again.body).toMatchObject({ status: 'declined', partnerId: null, unassignedReason: 'No eligible partner: 2 declined it already' });
    expect((await tenant.post(`/api/v1/referrals/${referral.id}/accept`)).status).toBe(409);

    // A partner added later can take it when the referral is routed again.
    const munich = await addPartner(tenant, { name: 'Munich Insights', tier: 'registered' });
    const rerouted = await tenant.post(`/api/v1/referrals/${referral.id}/route`);
    expect(rerouted.body).toMatchObject({ status: 'assigned', partnerId: munich.id, unassignedReason: null });
    expect(rerouted.body.assignments).toHaveLength(3);
    expect((await tenant.post(`/api/v1/referrals/${referral.id}/route`)).status).toBe(409);
    const topics = await app.database.db.query<{ topic: string }>('SELECT topic FROM outbox WHERE tenant_id = $1 AND aggregate_id = $2 ORDER BY id', [
      tenant.tenantId,
      referral.id,
    ]);
    expect(topics.rows.map((r) => r.topic)).toEqual(['referral.assigned', 'referral.declined', 'referral.assigned', 'referral.declined', 'referral.assigned']);
  });

  it('accepts and closes a referral, freeing its place', async () => {
    const { tenant, berlin } = await vendor();
    const { body: referral } = await tenant.post('/api/v1/referrals', lead());
    const accepted = await tenant.post(`/api/v1/referrals/${referral.id}/accept`);
    expect(accepted.body).toMatchObject({ status: 'accepted', partnerId: berlin.id, assignments: [expect.objectContaining({ outcome: 'accepted' })] });
    expect((await tenant.post(`/api/v1/referrals/${referral.id}/decline`)).status).toBe(409);
    const closed = await tenant.post(`/api/v1/referrals/${referral.id}/close`, { outcome: 'converted' });
    expect(closed.body).toMatchObject({ status: 'converted', closedAt: expect.any(String) });
    expect((await tenant.post(`/api/v1/referrals/${referral.id}/close`, { outcome: 'lost' })).status).toBe(409);
  });

  it('keeps a referral new, with the reason, when no partner can take it', async () => {
    const tenant = await app.newTenant('Empty');
    await addPartner(tenant, { name: 'Prospect Only', status: 'prospect' });
    const created = await tenant.post('/api/v1/referrals', { company: { name: 'Initech' } });
    expect(created.body).toMatchObject({
      status: 'new',
      partnerId: null,
      region: null,
      unassignedReason: 'No partner is onboarding, active or at risk, so there is nobody to route to',
      assignments: [],
    });
  });

  it('explains invalid input by field and writes nothing', async () => {
    const { tenant } = await vendor();
    const res = await tenant.post('/api/v1/referrals', { company: { name: '', country: 'ZZ' }, contactEmail: 'nope', estimatedValue: { amount: -1, currency: 'XXY' }, extra: 1 });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: (string | number)[] }) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['company.name', 'company.country', 'contactEmail', 'estimatedValue.amount', 'estimatedValue.currency']));
    expect((await tenant.get('/api/v1/referrals')).body.data).toEqual([]);
    expect((await tenant.post('/api/v1/referrals/00000000-0000-4000-8000-000000000000/accept')).status).toBe(404);
  });

  it('pages through referrals with a cursor and filters, and keeps tenants apart', async () => {
    const { tenant, berlin } = await vendor();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await tenant.post('/api/v1/referrals', { ...lead(), company: { name: `Lead ${i}`, country: i % 2 ? 'US' : 'DE' } })).body.id);
      app.clock.set(new Date(app.clock.now().getTime() + 1000));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await tenant.get(`/api/v1/referrals?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.data.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await tenant.get('/api/v1/referrals?region=NA')).body.data).toHaveLength(2);
    expect((await tenant.get(`/api/v1/referrals?partnerId=${berlin.id}&status=assigned`)).body.data.length).toBeGreaterThan(0);
    expect((await tenant.get('/api/v1/referrals?status=bogus')).status).toBe(400);

    const other = await app.newTenant('Other');
    expect((await other.get(`/api/v1/referrals/${ids[0]}`)).status).toBe(404);
    expect((await other.post(`/api/v1/referrals/${ids[0]}/decline`)).status).toBe(404);
    expect((await other.get('/api/v1/referrals')).body.data).toEqual([]);
  });
});
