import { ADMIN_TOKEN, ApiClient, METRICS_TOKEN, startTestApp, type TestApp } from '../../support/api';
import { STORE_KINDS } from '../../support/databases';

describe.each(STORE_KINDS)('platform endpoints on %s', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app.close());

  it('creates tenants only with the admin token and shows the API key once', async () => {
    const anonymous = new ApiClient(app.url, 'wrong-token-0123456789');
    expect((await anonymous.post('/api/v1/tenants', { name: 'X' })).status).toBe(401);
    const created = await app.admin.post('/api/v1/tenants', { name: 'Acme Software' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ tenant: { id: expect.any(String), name: 'Acme Software' }, apiKey: expect.stringMatching(/^trl_/) });
    const invalid = await app.admin.post('/api/v1/tenants', {});
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].path).toEqual(['name']);
  });

  it('rotates the stored secrets on an admin request, and reports per key what remains', async () => {
    expect((await new ApiClient(app.url, 'wrong-token-0123456789').post('/api/v1/secret-rotations', {})).status).toBe(401);
    const rotation = await app.admin.post('/api/v1/secret-rotations', {});
    expect(rotation.status).toBe(200);
    expect(rotation.body).toMatchObject({ activeKeyId: 'k1', rewritten: 0, unreadable: [], summary: ['Rewrote 0 ciphertexts under key k1.', 'key k1 (active): 0 ciphertexts'] });
  });

  it('refuses missing, malformed and unknown API keys, and the admin token as a tenant key', async () => {
    const noHeader = await fetch(`${app.url}/api/v1/partners`);
    expect(noHeader.status).toBe(401);
    expect((await noHeader.json()).error.code).toBe('unauthorized');
    expect((await new ApiClient(app.url, 'trl_unknown').get('/api/v1/partners')).status).toBe(401);
    expect((await new ApiClient(app.url, ADMIN_TOKEN).get('/api/v1/partners')).status).toBe(401);
  });

  it('answers malformed JSON, oversized bodies and unknown routes with clear 4xx bodies', async () => {
    const api = await app.newTenant();
    const malformed = await api.call('POST', '/api/v1/partners', '{"name": "unterminated');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    const huge = await api.post('/api/v1/partners', { name: 'x'.repeat(300 * 1024), region: 'NA', country: 'US' });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const missing = await api.get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    for (const reply of [malformed, huge, missing]) expect(JSON.stringify(reply.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers its root with a page of where things are, and /api/v1 with where the API is described', async () => {
    const home = await fetch(`${app.url}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Trellis is running');
    expect(html).toContain('href="/api/v1/openapi.json"');
    const index = await fetch(`${app.url}/api/v1`);
    expect(index.status).toBe(200);
    expect(await index.json()).toMatchObject({ version: 'v1', openapi: '/api/v1/openapi.json' });
  });

  it('serves an OpenAPI 3.1 document generated from the request schemas', async () => {
    const res = await fetch(`${app.url}/api/v1/openapi.json`);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/api/v1/deal-registrations'].post;
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['partnerId', 'customer', 'products', 'amount', 'currency', 'expectedCloseDate']));
    expect(schema.properties.region.enum).toEqual(['NA', 'LATAM', 'EMEA', 'APAC']);
    expect(post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    expect(doc.paths['/api/v1/deal-registrations/{id}/approve'].post.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(doc.paths['/api/v1/deal-registrations'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'status', 'partnerId', 'region']),
    );
  });

  const withMetricsToken = { headers: { authorization: `Bearer ${METRICS_TOKEN}` } };

  it('reports health, readiness and Prometheus metrics, the detail and metrics only with the metrics token', async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(await (await fetch(`${app.url}/readyz`, withMetricsToken)).json()).toEqual({ status: 'ready', checks: { store: 'ok' } });
    const api = await app.newTenant();
    await api.get('/api/v1/partners');
    for (const authorization of [undefined, 'Bearer wrong-metrics-token-0123', `Bearer ${ADMIN_TOKEN}`]) {
      const refused = await fetch(`${app.url}/metrics`, authorization ? { headers: { authorization } } : {});
      expect(refused.status).toBe(401);
      expect(await refused.text()).not.toContain('trellis_http_requests_total');
    }
    const metrics = await (await fetch(`${app.url}/metrics`, withMetricsToken)).text();
    expect(metrics).toMatch(/trellis_http_requests_total\{method="GET",route="\/api\/v1\/partners",status="200"\} \d+/);
    expect(metrics).toContain('trellis_http_request_duration_seconds_bucket');
  });

  it('says when the store is unreachable', async () => {
    const other = await startTestApp(kind);
    await other.database.db.close();
    const ready = await fetch(`${other.url}/readyz`);
    expect(ready.status).toBe(503);
    // Publicly only the status: the error text names hosts and ports.
    expect(await ready.json()).toEqual({ status: 'not_ready' });
    expect((await (await fetch(`${other.url}/readyz`, withMetricsToken)).json()).checks.store).not.toBe('ok');
    // The database is already closed; drop what remains without closing it twice.
    await other.close().catch(() => undefined);
  });
});
