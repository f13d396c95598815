import { startTestApp, ApiClient, type TestApp } from '../../support/api';
import { STORE_KINDS } from '../../support/databases';
import { createPartner, registration } from '../../support/fixtures';

describe.each(STORE_KINDS)('API keys with a lifecycle, as an attacker would try them, on %s', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app.close());

  /** A new key of the tenant, through the API, and a client holding its secret. */
  async function newKey(admin: ApiClient, body: Record<string, unknown>) {
    const created = await admin.post('/api/v1/api-keys', body);
    expect(created.status).toBe(201);
    return { key: created.body.apiKey, client: new ApiClient(app.url, created.body.secret as string), secret: created.body.secret as string };
  }

  it('creates a named, scoped key whose secret is shown once and never listed again', async () => {
    const admin = await app.newTenant();
    const { key, secret } = await newKey(admin, { name: 'BI export', role: 'viewer', expiresAt: '2026-06-01T00:00:00Z' });
    expect(key).toMatchObject({ name: 'BI export', role: 'viewer', expiresAt: '2026-06-01T00:00:00.000Z', revokedAt: null, lastUsedAt: null, createdBy: 'api-key:default' });
    expect(secret.startsWith(key.prefix)).toBe(true);

    const listed = await admin.get('/api/v1/api-keys');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((k: { name: string }) => k.name).sort()).toEqual(['BI export', 'default']);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(8));
    expect(Object.keys(listed.body.data[0]).sort()).toEqual(['createdAt', 'createdBy', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'role']);
  });

  it('refuses a revoked key on the very next request, by DELETE or by POST …/revoke', async () => {
    const admin = await app.newTenant();
    const first = await newKey(admin, { name: 'leaked' });
    const second = await newKey(admin, { name: 'also leaked' });
    expect((await first.client.get('/api/v1/partners')).status).toBe(200);
    expect((await second.client.get('/api/v1/partners')).status).toBe(200);

    const deleted = await admin.call('DELETE', `/api/v1/api-keys/${first.key.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.revokedAt).toBe('2026-03-02T09:00:00.000Z');
    expect((await admin.post(`/api/v1/api-keys/${second.key.id}/revoke`)).status).toBe(200);

    for (const { client } of [first, second]) {
      const refused = await client.get('/api/v1/partners');
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toBe('The API key is not valid');
      expect((await client.post('/api/v1/api-keys', { name: 'back door' })).status).toBe(401);
    }
    expect((await admin.get('/api/v1/partners')).status).toBe(200);
  });

  it('refuses an expired key and says it expired; an expiry in the past is not accepted', async () => {
    const admin = await app.newTenant();
    const { client } = await newKey(admin, { name: 'contractor', expiresAt: '2026-03-09T09:00:00Z' });
    expect((await client.get('/api/v1/partners')).status).toBe(200);
    app.clock.set('2026-03-09T09:00:00Z');
    try {
      const refused = await client.get('/api/v1/partners');
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toContain('expired at 2026-03-09T09:00:00.000Z');
      expect((await admin.get('/api/v1/partners')).status).toBe(200);
    } finally {
      app.clock.set('2026-03-02T09:00:00Z');
    }
    const past = await admin.post('/api/v1/api-keys', { name: 'stale', expiresAt: '2026-03-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([expect.objectContaining({ path: ['expiresAt'], message: 'must be in the future' })]);
  });

  it('lets a viewer key read but not POST, PATCH or DELETE anything', async () => {
    const admin = await app.newTenant();
    const partner = await createPartner(admin, { region: 'NA' });
    const { client: reader, key } = await newKey(admin, { name: 'dashboard', role: 'viewer' });
    expect((await reader.get('/api/v1/partners')).status).toBe(200);

    const attempts = [
      await reader.post('/api/v1/deal-registrations', registration(partner.id)),
      await reader.patch('/api/v1/settings', { protectionWindowDays: 1 }),
      await reader.post('/api/v1/api-keys', { name: 'escalate', role: 'admin' }),
      await reader.call('DELETE', `/api/v1/api-keys/${key.id}`),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(attempts[0]!.body.error.code).toBe('forbidden');
    expect((await admin.get('/api/v1/deal-registrations')).body.data).toEqual([]);
    expect((await admin.get('/api/v1/api-keys')).body.data.map((k: { name: string }) => k.name).sort()).toEqual(['dashboard', 'default']);
  });

  it("does not let tenant A see or revoke tenant B's keys (404, and B's key keeps working)", async () => {
    const a = await app.newTenant('A');
    const b = await app.newTenant('B');
    const bKey = await newKey(b, { name: 'B integration' });

    expect((await a.get('/api/v1/api-keys')).body.data.map((k: { name: string }) => k.name)).toEqual(['default']);
    expect((await a.call('DELETE', `/api/v1/api-keys/${bKey.key.id}`)).status).toBe(404);
    expect((await a.post(`/api/v1/api-keys/${bKey.key.id}/revoke`)).status).toBe(404);
    expect((await bKey.client.get('/api/v1/partners')).status).toBe(200);
  });

  it('records when a key was last used, at most once a minute', async () => {
    const admin = await app.newTenant();
    const { client, key } = await newKey(admin, { name: 'hot' });
    const lastUsed = async () => (await app.database.db.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_keys WHERE id = $1', [key.id])).rows[0]!.last_used_at;
    try {
      await client.get('/api/v1/partners');
      expect((await lastUsed())?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
      app.clock.set('2026-03-02T09:00:59Z');
      await client.get('/api/v1/partners');
      expect((await lastUsed())?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
      app.clock.set('2026-03-02T09:01:00Z');
      await client.get('/api/v1/partners');
      expect((await lastUsed())?.toISOString()).toBe('2026-03-02T09:01:00.000Z');
    } finally {
      app.clock.set('2026-03-02T09:00:00Z');
    }
  });

  it('audits who acted as the key (id and name) and keeps decidedBy beside it, never instead', async () => {
    const admin = await app.newTenant();
    const { client, key } = await newKey(admin, { name: 'crm bridge' });
    const partner = await createPartner(admin, { region: 'NA' });
    const submitted = (await client.post('/api/v1/deal-registrations', registration(partner.id))).body;
    const approved = await client.post(`/api/v1/deal-registrations/${submitted.id}/approve`, { decidedBy: 'dana.reyes@vendor.com' });
    expect(approved.status).toBe(200);
    // The decision still names the person the client said decided.
    expect(approved.body.decision.by).toBe('dana.reyes@vendor.com');

    const { rows } = await app.database.db.query<{ actor: string; details: Record<string, unknown> }>(
      "SELECT actor, details FROM audit_log WHERE entity_id = $1 AND action = 'deal_registration.approved'",
      [submitted.id],
    );
    expect(rows).toEqual([{ actor: 'api-key:crm bridge', details: expect.objectContaining({ apiKeyId: key.id, decidedBy: 'dana.reyes@vendor.com' }) }]);

    const created = await app.database.db.query<{ actor: string; details: Record<string, unknown> }>(
      "SELECT actor, details FROM audit_log WHERE entity_id = $1 AND action = 'api_key.created'",
      [key.id],
    );
    expect(created.rows).toEqual([{ actor: 'api-key:default', details: expect.objectContaining({ name: 'crm bridge', role: 'admin' }) }]);
  });
});
