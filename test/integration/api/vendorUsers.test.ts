import { startTestApp, ApiClient, type TestApp } from '../../support/api';
import { createPartner, registration } from '../../support/fixtures';
import { sessionCookie } from '../../support/sessions';

describe('vendor users and roles on the REST API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('postgres');
  });
  afterAll(() => app.close());

  const keyWithRole = async (admin: ApiClient, role: string) => {
    const created = await admin.post('/api/v1/api-keys', { name: `${role} key`, role });
    expect(created.status).toBe(201);
    return new ApiClient(app.url, created.body.secret as string);
  };

  it('adds, lists, changes and removes users, and never leaves the workspace without an admin', async () => {
    const admin = await app.newTenant();
    const added = await admin.post('/api/v1/users', { email: 'Dana.Reyes@Vendor.com', displayName: 'Dana Reyes', role: 'partner_manager', scope: { regions: ['EMEA'] } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: 'dana.reyes@vendor.com', role: 'partner_manager', scope: { partnerIds: [], regions: ['EMEA'], tiers: [] }, createdBy: 'api-key:default' });
    expect((await admin.post('/api/v1/users', { email: 'dana.reyes@vendor.com', role: 'viewer' })).status).toBe(409);
    const bad = await admin.post('/api/v1/users', { email: 'not-an-email', role: 'owner' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path.join('.')).sort()).toEqual(['email', 'role']);

    const owner = await admin.post('/api/v1/users', { email: 'owner@vendor.com', role: 'admin' });
    expect((await admin.get('/api/v1/users')).body.data.map((u: { email: string }) => u.email)).toEqual(['owner@vendor.com', 'dana.reyes@vendor.com']);
    const demoted = await admin.call('PUT', `/api/v1/users/${owner.body.id}`, { role: 'viewer' });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.message).toContain('only admin');
    expect((await admin.call('DELETE', `/api/v1/users/${owner.body.id}`)).status).toBe(409);

    const changed = await admin.call('PUT', `/api/v1/users/${added.body.id}`, { role: 'admin' });
    expect(changed.body).toMatchObject({ role: 'admin', scope: { regions: [] } });
    expect((await admin.call('DELETE', `/api/v1/users/${owner.body.id}`)).status).toBe(200);
    expect((await admin.get('/api/v1/users')).body.data.map((u: { email: string }) => u.email)).toEqual(['dana.reyes@vendor.com']);
    // The audit log says who did each, newest first, a page at a time.
    const firstPage = await admin.get('/api/v1/audit-log?entityType=user&limit=3');
    expect(firstPage.body.data.map((e: { action: string }) => e.action)).toEqual(['user.removed', 'user.changed', 'user.added']);
    expect(firstPage.body.data[0]).toMatchObject({ actor: 'api-key:default', entityId: owner.body.id, details: expect.objectContaining({ email: 'owner@vendor.com' }) });
    const secondPage = await admin.get(`/api/v1/audit-log?entityType=user&limit=3&cursor=${firstPage.body.nextCursor}`);
    expect(secondPage.body).toMatchObject({ data: [expect.objectContaining({ action: 'user.added', entityId: added.body.id })], nextCursor: null });
    expect((await admin.get('/api/v1/audit-log?cursor=abc')).status).toBe(400);
  });

  it('holds each API key role to what it may do', async () => {
    const admin = await app.newTenant();
    const partner = await createPartner(admin);
    const pending = (await admin.post('/api/v1/deal-registrations', registration(partner.id))).body.id as string;
    const rep = await keyWithRole(admin, 'sales_rep');
    const manager = await keyWithRole(admin, 'partner_manager');
    const viewer = await keyWithRole(admin, 'viewer');

    const second = await rep.post('/api/v1/deal-registrations', registration(partner.id, { customer: { name: 'Initech', domain: 'initech.com', country: 'US' } }));
    expect(second.status).toBe(201);
    const refused = await rep.post(`/api/v1/deal-registrations/${pending}/approve`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('An API key with the role Sales rep may not POST /api/v1/deal-registrations/:id/approve');
    expect((await rep.patch('/api/v1/settings', { protectionWindowDays: 30 })).status).toBe(403);
    expect((await viewer.post('/api/v1/deal-registrations', registration(partner.id))).status).toBe(403);
    expect((await viewer.get('/api/v1/deal-registrations')).status).toBe(200);
    expect((await viewer.get('/api/v1/api-keys')).status).toBe(403);
    expect((await manager.get('/api/v1/users')).status).toBe(403);
    expect((await manager.get('/api/v1/audit-log')).status).toBe(403);

    expect((await manager.post(`/api/v1/deal-registrations/${pending}/approve`, {})).status).toBe(200);
    expect((await manager.patch(`/api/v1/partners/${partner.id}`, { tier: 'platinum' })).status).toBe(200);
    expect((await manager.post('/api/v1/api-keys', { name: 'escalate', role: 'admin' })).status).toBe(403);
  });

  it('ends a user’s sessions at once when their role changes or they are removed', async () => {
    const admin = await app.newTenant();
    const user = await admin.post('/api/v1/users', { email: 'rita@vendor.com', role: 'sales_rep' });
    const cookie = await sessionCookie(app.database.db, admin.tenantId, { email: 'rita@vendor.com' });
    const pipeline = () => fetch(`${app.url}/api/v1/analytics/pipeline`, { headers: { cookie } });
    expect((await pipeline()).status).toBe(200);
    expect((await admin.call('PUT', `/api/v1/users/${user.body.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await pipeline()).status).toBe(401);

    const again = await sessionCookie(app.database.db, admin.tenantId, { email: 'rita@vendor.com' });
    expect((await fetch(`${app.url}/api/v1/analytics/pipeline`, { headers: { cookie: again } })).status).toBe(200);
    expect((await admin.call('DELETE', `/api/v1/users/${user.body.id}`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/v1/analytics/pipeline`, { headers: { cookie: again } })).status).toBe(401);
  });
});
