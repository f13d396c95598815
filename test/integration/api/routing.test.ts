import { startTestApp, type ApiClient, type TestApp } from '../../support/api';

type Tenant = ApiClient & { tenantId: string };

const analyticsLead = { company: { name: 'Globex GmbH', country: 'DE' }, products: ['analytics suite'] };

describe('routing rules, preview and capacity on postgres', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('postgres');
  });
  afterAll(() => app.close());

  const addPartner = async (tenant: Tenant, fields: Record<string, unknown>) =>
    (await tenant.post('/api/v1/partners', { region: 'EMEA', country: 'DE', status: 'active', ...fields })).body as { id: string; name: string };
  const putRules = (tenant: Tenant, policy: unknown) => tenant.call('PUT', '/api/v1/routing/rules', policy);

  it('serves the defaults until rules are saved, then the saved policy', async () => {
    const tenant = await app.newTenant('Defaults');
    const defaults = await tenant.get('/api/v1/routing/rules');
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({ rules: [], capacity: { perTier: { gold: 8 } }, fairness: { nearEqualPoints: 5, windowDays: 30 } });
    const saved = await putRules(tenant, { weights: { region: 40 } });
    expect(saved.status).toBe(200);
    expect(saved.body.weights).toMatchObject({ region: 40, country: 10 });
    expect((await tenant.get('/api/v1/routing/rules')).body).toEqual(saved.body);
    expect((await (await app.newTenant('Other')).get('/api/v1/routing/rules')).body.weights.region).toBe(30);
  });

  it('refuses bad rules with the path of each bad field, and capacity overrides for partners it does not know', async () => {
    const tenant = await app.newTenant('Bad input');
    const res = await putRules(tenant, {
      rules: [{ name: 'EMEA analytics', when: { regions: ['EU'], products: ['analytics'] }, only: { minTier: 'diamond' } }],
      capacity: { perTier: { gold: -1 } },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: (string | number)[] }) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['rules.0.when.regions.0', 'rules.0.only.minTier', 'capacity.perTier.gold']));
    const stranger = '00000000-0000-4000-8000-000000000000';
    const unknown = await putRules(tenant, { capacity: { partners: { [stranger]: 2 } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: ['capacity', 'partners', stranger], message: 'no partner with this id' }]);
    expect((await tenant.get('/api/v1/routing/rules')).body.rules).toEqual([]);
  });

  it('routes by the rules: a preview shows the change, and new referrals follow it', async () => {
    const tenant = await app.newTenant('Rules');
    const generalist = await addPartner(tenant, { name: 'Berlin Generalists', tier: 'platinum', specialties: ['analytics', 'payments'] });
    const specialist = await addPartner(tenant, { name: 'Hamburg BI', tier: 'silver', specialties: ['analytics', 'bi'] });
    const preview = () => tenant.post('/api/v1/routing/preview', { country: 'DE', products: ['analytics suite'] });

    const before = await preview();
    expect(before.status).toBe(200);
    // 30 + 10 + 30 + 15 + 10 = 95 against 30 + 10 + 30 + 7 + 10 = 87.
    expect(before.body.candidates.map((c: { partner: { name: string }; score: number }) => [c.partner.name, c.score])).toEqual([
      ['Berlin Generalists', 95],
      ['Hamburg BI', 87],
    ]);
    expect(before.body.rule).toBeNull();

    await putRules(tenant, {
      rules: [{ name: 'EMEA analytics', when: { regions: ['EMEA'], products: ['analytics'] }, only: { specialties: ['BI'] }, prefer: { minTier: 'silver', points: 5 } }],
    });
    const after = await preview();
    expect(after.body).toMatchObject({
      rule: 'EMEA analytics',
      candidates: [{ partner: { id: specialist.id }, score: 92, placement: 'score', reasons: expect.arrayContaining([{ factor: 'rule', points: 5, detail: 'Preferred by rule "EMEA analytics" (silver tier or above)' }]) }],
      excluded: [{ partner: { id: generalist.id }, exclusion: 'rule', detail: 'Rule "EMEA analytics" takes only partners with specialty BI' }],
      unassignedReason: null,
    });
    // The preview assigned nothing.
    expect((await tenant.get('/api/v1/referrals')).body.data).toEqual([]);

    const referral = await tenant.post('/api/v1/referrals', analyticsLead);
    expect(referral.body).toMatchObject({ partnerId: specialist.id, assignments: [expect.objectContaining({ rule: 'EMEA analytics', score: 92 })] });
    const payments = await tenant.post('/api/v1/referrals', { company: { name: 'Initech', country: 'DE' }, products: ['payments'] });
    expect(payments.body).toMatchObject({ partnerId: generalist.id, assignments: [expect.objectContaining({ rule: null })] });
  });

  it('spreads near-equal leads by recent assignments', async () => {
    const tenant = await app.newTenant('Fairness');
    // Both score 30 + 10 + 30 + 11 + 10 = 91: an exact tie the first time, so the name decides; after that the one with fewer assignments.
    const anna = await addPartner(tenant, { name: 'Anna Analytics', tier: 'gold', specialties: ['analytics'] });
    const bert = await addPartner(tenant, { name: 'Bert Analytics', tier: 'gold', specialties: ['analytics'] });
    const holders: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { body } = await tenant.post('/api/v1/referrals', analyticsLead);
      holders.push(body.partnerId);
      if (i === 0) expect(body.assignments[0].placement).toBe('tie_break');
      if (i === 1) expect(body.assignments[0].placement).toBe('fairness');
    }
    expect(holders).toEqual([anna.id, bert.id, anna.id, bert.id]);
  });

  it('never puts a partner over its capacity, even when referrals arrive in parallel', async () => {
    const tenant = await app.newTenant('Capacity');
    const small = await addPartner(tenant, { name: 'Small Shop', tier: 'registered', specialties: ['analytics'] });
    const big = await addPartner(tenant, { name: 'Big Integrator', tier: 'gold', specialties: ['analytics'] });
    expect((await putRules(tenant, { capacity: { perTier: { registered: 2, silver: 5, gold: 8, platinum: 12 }, partners: { [big.id]: 3 } } })).status).toBe(200);

    const created = await Promise.all(Array.from({ length: 9 }, () => tenant.post('/api/v1/referrals', analyticsLead)));
    expect(created.map((r) => r.status)).toEqual(Array(9).fill(201));
    const holders = created.map((r) => r.body.partnerId);
    expect(holders.filter((id) => id === big.id)).toHaveLength(3);
    expect(holders.filter((id) => id === small.id)).toHaveLength(2);
    const waiting = created.filter((r) => r.body.status === 'new');
    expect(waiting).toHaveLength(4);
    expect(waiting[0]!.body.unassignedReason).toBe('No eligible partner: 2 at capacity');

    const open = await app.database.db.query<{ partner_id: string; n: string }>(
      "SELECT partner_id, count(*) AS n FROM referrals WHERE tenant_id = $1 AND status IN ('assigned', 'accepted') GROUP BY partner_id ORDER BY n",
      [tenant.tenantId],
    );
    expect(open.rows.map((r) => [r.partner_id, Number(r.n)])).toEqual([
      [small.id, 2],
      [big.id, 3],
    ]);

    // Closing one frees a place: a waiting referral routed again takes it.
    const bigs = created.find((r) => r.body.partnerId === big.id)!.body;
    await tenant.post(`/api/v1/referrals/${bigs.id}/accept`);
    await tenant.post(`/api/v1/referrals/${bigs.id}/close`, { outcome: 'lost' });
    const preview = await tenant.post('/api/v1/routing/preview', { country: 'DE', products: ['analytics'] });
    expect(preview.body.candidates.map((c: { partner: { id: string }; openReferrals: number; capacity: number }) => [c.partner.id, c.openReferrals, c.capacity])).toEqual([
      [big.id, 2, 3],
    ]);
    expect((await tenant.post(`/api/v1/referrals/${waiting[0]!.body.id}/route`)).body).toMatchObject({ status: 'assigned', partnerId: big.id });
  });
});
