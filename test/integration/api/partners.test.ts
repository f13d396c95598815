import { startTestApp, type ApiClient, type TestApp } from '../../support/api';
import { STORE_KINDS } from '../../support/databases';

describe.each(STORE_KINDS)('partners API on %s', (kind) => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp(kind);
    api = await app.newTenant('Vendor');
  });
  afterAll(() => app.close());

  it('creates, reads and changes a partner', async () => {
    const created = await api.post('/api/v1/partners', {
      name: 'Northwind Integrators',
      domain: 'https://www.Northwind.io/about',
      tier: 'silver',
      region: 'EMEA',
      country: 'de',
      specialties: ['data migration', 'analytics'],
      managerEmail: 'pm@vendor.com',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Northwind Integrators', country: 'DE', status: 'prospect', tier: 'silver' });

    const fetched = await api.get(`/api/v1/partners/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);

    const changed = await api.patch(`/api/v1/partners/${created.body.id}`, { tier: 'gold', status: 'active', domain: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ tier: 'gold', status: 'active', domain: null, name: 'Northwind Integrators' });
    expect((await api.get(`/api/v1/partners/${created.body.id}`)).body.tier).toBe('gold');
  });

  it('explains every invalid field and writes nothing', async () => {
    const before = (await api.get('/api/v1/partners?limit=100')).body.data.length;
    const res = await api.post('/api/v1/partners', { name: 42, tier: 'diamond', region: 'EU', country: 'ZZ', extra: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    const paths = res.body.error.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'tier', 'region', 'country']));
    expect(res.body.error.details).toContainEqual({ location: 'body', path: ['extra'], message: 'unknown field "extra"' });
    expect((await api.get('/api/v1/partners?limit=100')).body.data.length).toBe(before);
  });

  it('answers a second partner by the same name or at the same domain with the existing one', async () => {
    const tenant = await app.newTenant('Duplicates');
    const first = (await tenant.post('/api/v1/partners', { name: 'Contoso Consulting', domain: 'contoso.com', region: 'NA', country: 'US' })).body;

    const sameName = await tenant.post('/api/v1/partners', { name: 'contoso consulting', region: 'EMEA', country: 'DE' });
    expect(sameName.status).toBe(409);
    expect(sameName.body.error).toMatchObject({ code: 'duplicate_partner', details: { field: 'name', existingPartnerId: first.id } });
    expect(sameName.body.error.message).toContain(first.id);

    const sameDomain = await tenant.post('/api/v1/partners', { name: 'Contoso Group', domain: 'https://www.contoso.com/', region: 'NA', country: 'US' });
    expect(sameDomain.status).toBe(409);
    expect(sameDomain.body.error.details).toEqual({ field: 'domain', existingPartnerId: first.id });

    expect((await tenant.get('/api/v1/partners?limit=100')).body.data).toHaveLength(1);
    // Another tenant's partners are not duplicates.
    expect((await api.post('/api/v1/partners', { name: 'Contoso Consulting', domain: 'contoso.com', region: 'NA', country: 'US' })).status).toBe(201);
  });

  it('refuses an empty patch and an unknown id', async () => {
    const partner = (await api.post('/api/v1/partners', { name: 'P', region: 'NA', country: 'US' })).body;
    expect((await api.patch(`/api/v1/partners/${partner.id}`, {})).status).toBe(400);
    expect((await api.patch('/api/v1/partners/00000000-0000-4000-8000-000000000000', { tier: 'gold' })).status).toBe(404);
    expect((await api.get('/api/v1/partners/not-a-uuid')).status).toBe(400);
  });

  it('pages through partners with a cursor and filters', async () => {
    const tenant = await app.newTenant('Paging');
    for (let i = 0; i < 7; i++) {
      await tenant.post('/api/v1/partners', { name: `P${i}`, region: i % 2 ? 'APAC' : 'NA', country: 'US' });
      app.clock.set(new Date(app.clock.now().getTime() + 1000));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { name: string }[]; nextCursor: string | null } } = await tenant.get(
        `/api/v1/partners?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((p) => p.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const apac = await tenant.get('/api/v1/partners?region=APAC');
    expect(apac.body.data).toHaveLength(3);
    expect((await tenant.get('/api/v1/partners?cursor=garbage')).status).toBe(400);
    expect((await tenant.get('/api/v1/partners?limit=1000')).status).toBe(400);
  });

  it("never shows another tenant's partner", async () => {
    const mine = (await api.post('/api/v1/partners', { name: 'Mine', region: 'NA', country: 'US' })).body;
    const other = await app.newTenant('Other');
    expect((await other.get(`/api/v1/partners/${mine.id}`)).status).toBe(404);
    expect((await other.patch(`/api/v1/partners/${mine.id}`, { tier: 'gold' })).status).toBe(404);
    expect((await other.get('/api/v1/partners')).body.data).toEqual([]);
  });
});
