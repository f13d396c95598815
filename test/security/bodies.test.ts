import { signV3 } from '../../src/security/hubspotSignature';
import { registration } from '../support/fixtures';
import { hasPathParams, routeName, servedApiRoutes } from './routes';
import { SECRETS, startSecurityWorld, type SecurityWorld } from './world';

/** What an error answer must never show: a stack trace, a source file, where Trellis is installed. */
const INTERNALS = /\bat \S+ \(|\.[jt]s:\d+|node_modules|\/src\/|\/work\/|\/home\//;

/** An attacker's oversized, malformed and mistyped bodies: each is a clear 4xx in the JSON error shape. */
describe('oversized and malformed bodies', () => {
  let w: SecurityWorld;
  let api: Awaited<ReturnType<SecurityWorld['newTenant']>>;
  let cardUrl: string;
  beforeAll(async () => {
    w = await startSecurityWorld();
    api = await w.newTenant();
    const portal = await w.connectedTenant('hubspot');
    cardUrl = `${w.url}/api/cards/hubspot/registrations?portalId=${portal.externalAccountId}&userId=1&userEmail=rep%40vendor.example`;
  });
  afterAll(() => w.close());

  /** A POST as the endpoint's legitimate caller would send it: the API key, or HubSpot's signature over these bytes. */
  const post = (url: string, body: string, contentType = 'application/json') => {
    const timestamp = String(Date.now());
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        authorization: `Bearer ${api.apiKey}`,
        'x-hubspot-request-timestamp': timestamp,
        'x-hubspot-signature-v3': signV3(SECRETS.hubspot.clientSecret, 'POST', url, body, timestamp),
      },
      body,
    });
  };
  const errorOf = async (res: Response) => {
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(text).not.toMatch(INTERNALS);
    return (JSON.parse(text) as { error: { code: string; message: string; details: unknown } }).error;
  };
  const padded = (bytes: number) => JSON.stringify({ name: 'x'.repeat(bytes), region: 'NA', country: 'US' });

  it.each([
    ['the API (256 kB)', () => `${w.url}/api/v1/partners`, 300 * 1024],
    ['the admin API (256 kB)', () => `${w.url}/api/v1/tenants`, 300 * 1024],
    ['the HubSpot card backend (1 MB)', () => cardUrl, 1100 * 1024],
    ['HubSpot webhooks (1 MB)', () => `${w.url}/webhooks/hubspot`, 1100 * 1024],
    ['Slack events (1 MB)', () => `${w.url}/slack/events`, 1100 * 1024],
  ])('answers a body over the limit of %s with 413 and a JSON error', async (_, url, bytes) => {
    const res = await post(url(), padded(bytes));
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toEqual({ code: 'payload_too_large', message: 'The request body is too large', details: [] });
  });

  it('answers a settings form over its limit with 413, before reading the session', async () => {
    const res = await post(`${w.url}/settings`, `csrf=${'x'.repeat(20 * 1024)}`, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it.each([
    ['the API', () => `${w.url}/api/v1/partners`, 'malformed_json'],
    ['the HubSpot card backend', () => cardUrl, 'malformed_json'],
    ['HubSpot webhooks', () => `${w.url}/webhooks/hubspot`, 'malformed_body'],
  ])('answers malformed JSON to %s with 400 and a JSON error', async (_, url, code) => {
    for (const body of ['{"name": "unterminated', '{"__proto__": ', '\u0000\u0001', '[1, 2,]']) {
      const res = await post(url(), body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe(code);
    }
  });

  it('answers a wrongly typed field with 400 naming its path, on the API and the card backend', async () => {
    const partner = await api.post('/api/v1/partners', { name: 'Northwind', region: 'NA', country: 'US', tier: 'gold', status: 'active' });
    const mistyped = JSON.stringify(registration(partner.body.id, { amount: 'a lot', customer: { name: 42, domain: 'globex.com', country: 'US' } }));
    const res = await post(`${w.url}/api/v1/deal-registrations`, mistyped);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_error');
    expect(error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ location: 'body', path: ['amount'] }), expect.objectContaining({ location: 'body', path: ['customer', 'name'] })]),
    );
    const card = await post(cardUrl, mistyped);
    expect(card.status).toBe(400);
    expect((await errorOf(card)).details).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['amount'] })]));
    expect(await w.count('deal_registrations')).toBe(0);
  });

  it('answers path parameters that are not ids with 400 and a JSON error on every route, never a 500', async () => {
    const routes = (await servedApiRoutes(w.url)).filter((r) => hasPathParams(r) && r.auth === 'apiKey');
    const odd = ['not-an-id', '%00', "1'%3B DROP TABLE partners%3B --", 'x'.repeat(5000), '..%2F..%2Fetc%2Fpasswd', '%E0%A4%A'];
    const answers: Record<string, number[]> = {};
    for (const route of routes) {
      answers[routeName(route)] = [];
      for (const value of odd) {
        const res = await fetch(`${w.url}${route.path.replace(/:\w+/g, value)}`, {
          method: route.method.toUpperCase(),
          headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
          body: route.method === 'get' ? undefined : '{}',
        });
        await errorOf(res);
        answers[routeName(route)]!.push(res.status);
      }
    }
    expect(answers).toEqual(Object.fromEntries(routes.map((r) => [routeName(r), odd.map(() => 400)])));
  });
});
