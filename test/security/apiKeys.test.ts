import { ApiClient } from '../support/api';
import { cardRoutes, fillPath, routeName, servedApiRoutes, type ServedRoute } from './routes';
import { startSecurityWorld, type SecurityWorld } from './world';

/** Each served route's status for one caller; the parameters are ids nobody has (the key is judged first). */
async function statusesFor(client: ApiClient, routes: ServedRoute[]): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  for (const route of routes) statuses[routeName(route)] = (await client.call(route.method.toUpperCase(), fillPath(route.path), route.method === 'get' ? undefined : {})).status;
  return statuses;
}
const all = (routes: ServedRoute[], status: number) => Object.fromEntries(routes.map((r) => [routeName(r), status]));

describe('revoked, expired and read-only API keys on every route', () => {
  let w: SecurityWorld;
  let routes: ServedRoute[];
  let tenant: Awaited<ReturnType<SecurityWorld['newTenant']>>;
  const newKey = async (body: Record<string, unknown>) => {
    const created = await tenant.post('/api/v1/api-keys', body);
    expect(created.status).toBe(201);
    return { id: created.body.apiKey.id as string, client: new ApiClient(w.url, created.body.secret as string) };
  };

  beforeAll(async () => {
    w = await startSecurityWorld();
    // Every kind of route: tenant, admin, analytics (a key or a session), and the card backend (no API key opens it).
    routes = [...(await servedApiRoutes(w.url)), ...cardRoutes(w.deps)];
    tenant = await w.newTenant();
  });
  afterAll(() => w.close());

  it('refuses a revoked key with 401 on every route, the admin one included', async () => {
    const leaked = await newKey({ name: 'leaked' });
    expect((await leaked.client.get('/api/v1/partners')).status).toBe(200);
    expect((await tenant.post(`/api/v1/api-keys/${leaked.id}/revoke`)).status).toBe(200);
    expect(await statusesFor(leaked.client, routes)).toEqual(all(routes, 401));
  });

  it('refuses an expired key with 401 on every route', async () => {
    const contractor = await newKey({ name: 'contractor', expiresAt: '2099-01-01T00:00:00Z' });
    // The contract ended yesterday.
    await w.db.query("UPDATE api_keys SET expires_at = now() - interval '1 day' WHERE id = $1", [contractor.id]);
    expect(await statusesFor(contractor.client, routes)).toEqual(all(routes, 401));
  });

  it('refuses a viewer key with 403 on every route that is not a GET, and writes nothing', async () => {
    const reader = await newKey({ name: 'dashboard', role: 'viewer' });
    const writes = routes.filter((r) => r.method !== 'get' && r.auth === 'apiKey' && !r.roles?.includes('viewer'));
    // Dry runs answered to a POST create nothing: the document lets viewers call them, and only them.
    expect(routes.filter((r) => r.method !== 'get' && r.roles?.includes('viewer')).map(routeName).sort()).toEqual(['POST /api/v1/deal-registrations/check', 'POST /api/v1/routing/preview']);
    expect(writes.length).toBeGreaterThan(20);
    const auditBefore = await w.count('audit_log');
    expect(await statusesFor(reader.client, writes)).toEqual(all(writes, 403));
    expect(await w.count('audit_log')).toBe(auditBefore);
    // It still reads: the refusals are about writing, not a broken key.
    expect((await reader.client.get('/api/v1/partners')).status).toBe(200);
  });

  it('holds every role to the routes the document gives it', async () => {
    const apiRoutes = routes.filter((r) => r.auth === 'apiKey');
    for (const role of ['sales_rep', 'partner_manager'] as const) {
      const key = await newKey({ name: role, role });
      const refused = apiRoutes.filter((r) => !r.roles?.includes(role));
      expect(refused.length).toBeGreaterThan(5);
      expect(await statusesFor(key.client, refused)).toEqual(all(refused, 403));
    }
  });

  it('refuses any tenant key on the admin routes', async () => {
    const admin = await newKey({ name: 'full', role: 'admin' });
    const adminRoutes = routes.filter((r) => r.auth === 'adminToken');
    expect(adminRoutes.map(routeName)).toContain('POST /api/v1/tenants');
    expect(await statusesFor(admin.client, adminRoutes)).toEqual(all(adminRoutes, 401));
  });
});
