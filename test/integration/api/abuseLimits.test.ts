import { DEFAULT_RATE_LIMITS } from '../../../src/config/rateLimits';
import { createRateLimits } from '../../../src/api/rateLimits';
import { ADMIN_TOKEN, ApiClient } from '../../support/api';
import { startInstallWorld, type InstallWorld } from '../install/world';

const LIMIT = 5;
const METRICS_TOKEN = 'abuse-test-metrics-token-0123';

/** An attacker's view: bursts from one address or one key, pages probed for their headers, metrics without a token. */
describe('abuse limits and security headers', () => {
  let w: InstallWorld;

  beforeAll(async () => {
    w = await startInstallWorld('postgres', {}, (db) => ({
      metricsToken: METRICS_TOKEN,
      // Counted in the store (PostgreSQL), as a process without Redis does.
      rateLimits: createRateLimits({ kind: 'postgres', db }, { ...DEFAULT_RATE_LIMITS, anonymousPerMinute: LIMIT, apiKeyPerMinute: LIMIT }),
    }));
  });
  afterAll(() => w.close());

  const states = async () => Number((await w.db.query<{ n: string }>('SELECT count(*) AS n FROM oauth_states')).rows[0]!.n);

  it('a burst of anonymous install starts gets 429 with Retry-After, and stops storing state rows', async () => {
    const before = await states();
    const replies = [];
    for (let i = 0; i < LIMIT + 3; i++) replies.push(await fetch(`${w.url}/oauth/hubspot/install`, { redirect: 'manual' }));
    expect(replies.slice(0, LIMIT).map((r) => r.status)).toEqual(Array(LIMIT).fill(302));
    for (const refused of replies.slice(LIMIT)) {
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('content-type')).toMatch(/text\/html/);
      expect(await refused.text()).toContain('Too many requests');
    }
    expect(await states()).toBe(before + LIMIT);
    // The callbacks share the address's budget: a flood of forged callbacks is refused the same way.
    expect((await fetch(`${w.url}/oauth/salesforce/callback?code=x&state=y`, { redirect: 'manual' })).status).toBe(429);
  });

  it('an API key over its limit gets 429 in the API error shape; another key is not held back', async () => {
    const admin = new ApiClient(w.url, ADMIN_TOKEN);
    const firstKey: string = (await admin.post('/api/v1/tenants', { name: 'Busy Co' })).body.apiKey;
    const first = new ApiClient(w.url, firstKey);
    const second = new ApiClient(w.url, (await admin.post('/api/v1/tenants', { name: 'Quiet Co' })).body.apiKey);
    for (let i = 0; i < LIMIT; i++) expect((await first.get('/api/v1/partners')).status).toBe(200);
    const refused = await fetch(`${w.url}/api/v1/partners`, { headers: { authorization: `Bearer ${firstKey}` } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('retry after'), details: { retryAfterSeconds: expect.any(Number) } } });
    expect((await second.get('/api/v1/partners')).status).toBe(200);
    // Unknown keys are refused as before (401), and do not use up a real key's budget.
    expect((await new ApiClient(w.url, 'trl_forged').get('/api/v1/partners')).status).toBe(401);
  });

  it('every HTML page carries CSP (no framing), nosniff and a referrer policy', async () => {
    for (const path of ['/', '/settings', '/dashboard', '/partners/00000000-0000-0000-0000-000000000000', '/registrations/x', '/conflicts/x']) {
      const res = await fetch(`${w.url}${path}`, { redirect: 'manual' });
      expect(res.status).toBeLessThan(500);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      // Served over plain http here: no HSTS (it would pin a host that has no https).
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('/metrics needs the metrics token; /readyz tells only ready or not without it', async () => {
    expect((await fetch(`${w.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${w.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(401);
    const metrics = await fetch(`${w.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('trellis_http_requests_total');
    expect(await (await fetch(`${w.url}/readyz`)).json()).toEqual({ status: 'ready' });
  });
});

describe('security headers behind https', () => {
  it('sends HSTS when PUBLIC_URL is https', async () => {
    const w = await startInstallWorld('postgres', {}, () => ({ publicUrl: 'https://trellis.example.com' }));
    try {
      const res = await fetch(`${w.url}/`);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    } finally {
      await w.close();
    }
  });
});
