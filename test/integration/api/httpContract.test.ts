import { startTestApp, type ApiClient, type TestApp } from '../../support/api';

/** How the API answers requests it cannot serve as sent: the method, the media type. */
describe('the HTTP contract', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp('postgres');
    api = await app.newTenant('Vendor');
  });
  afterAll(() => app.close());

  it('answers a method a known path does not take with 405 and the methods it does', async () => {
    const res = await api.call('DELETE', '/api/v1/partners');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, GET, HEAD, OPTIONS');
    expect(res.body.error).toMatchObject({ code: 'method_not_allowed', message: 'DELETE is not allowed on /api/v1/partners; it takes POST, GET, HEAD, OPTIONS' });

    const onOne = await api.call('PUT', '/api/v1/partners/00000000-0000-4000-8000-000000000000');
    expect(onOne.status).toBe(405);
    expect(onOne.headers.get('allow')).toBe('GET, HEAD, PATCH, OPTIONS');

    const options = await api.call('OPTIONS', '/api/v1/partners');
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, GET, HEAD, OPTIONS');

    expect((await api.call('DELETE', '/api/v1/no-such-thing')).status).toBe(404);
  });

  it('refuses a body that is not JSON with 415, saying what to send', async () => {
    const res = await api.call('POST', '/api/v1/partners', 'name=Northwind&region=NA&country=US', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({
      code: 'unsupported_media_type',
      message: 'The request body must be JSON, sent with Content-Type: application/json (it was sent as application/x-www-form-urlencoded)',
    });
    expect((await api.get('/api/v1/partners')).body.data).toEqual([]);
  });

  it('names an unknown field by its path, nested ones too', async () => {
    const res = await api.post('/api/v1/partners', { name: 'Northwind', region: 'NA', country: 'US', colour: 'blue', tier: 'gold' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ location: 'body', path: ['colour'], message: 'unknown field "colour"' }]);

    const partner = (await api.post('/api/v1/partners', { name: 'Northwind', region: 'NA', country: 'US' })).body;
    const nested = await api.post('/api/v1/deal-registrations', {
      partnerId: partner.id,
      customer: { name: 'Globex', domian: 'globex.com' },
      products: ['Analytics'],
      amount: 1000,
      currency: 'USD',
      expectedCloseDate: '2026-06-30',
    });
    expect(nested.status).toBe(400);
    expect(nested.body.error.details).toContainEqual({ location: 'body', path: ['customer', 'domian'], message: 'unknown field "domian"' });
  });
});
