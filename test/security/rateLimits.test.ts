import { ApiClient } from '../support/api';
import { startSecurityWorld, type SecurityWorld } from './world';

const LIMIT = 4;

/** Floods from one address or one key, against a Trellis configured with low limits. */
describe('rate limits', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(LIMIT), RATE_LIMIT_API_KEY_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => w.close());

  it('answers an address hammering the anonymous install pages with 429 and Retry-After, and stores no more install states', async () => {
    const states = () => w.count('oauth_states');
    const before = await states();
    const replies: Response[] = [];
    for (let i = 0; i < LIMIT + 2; i++) replies.push(await fetch(`${w.url}/oauth/hubspot/install`, { redirect: 'manual' }));
    expect(replies.map((r) => r.status)).toEqual([...Array(LIMIT).fill(302), 429, 429]);
    expect(Number(replies[LIMIT]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await states()).toBe(before + LIMIT);
    // Every other anonymous install page and callback shares the address's budget.
    for (const path of ['/oauth/salesforce/install', '/oauth/slack/install', '/oauth/hubspot/callback?code=x&state=y']) {
      expect([path, (await fetch(`${w.url}${path}`, { redirect: 'manual' })).status]).toEqual([path, 429]);
    }
  });

  it('answers an API key over its limit with 429, Retry-After and the API error shape; another key goes on', async () => {
    const busy = await w.newTenant('Busy');
    const quiet = await w.newTenant('Quiet');
    for (let i = 0; i < LIMIT; i++) expect((await busy.get('/api/v1/partners')).status).toBe(200);
    const refused = await busy.post('/api/v1/partners', { name: 'Flood', region: 'NA', country: 'US' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('retry after'), details: { retryAfterSeconds: expect.any(Number) } } });
    expect(await w.count('partners', 'tenant_id = $1', [busy.tenantId])).toBe(0);
    expect((await quiet.get('/api/v1/partners')).status).toBe(200);
    // Made-up keys are refused as unknown, never counted against a real key.
    expect((await new ApiClient(w.url, 'trl_made_up').get('/api/v1/partners')).status).toBe(401);
  });
});
