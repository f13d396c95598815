import { ErrorCode, WebClient, WebClientEvent, type WebAPIHTTPError, type WebAPIRateLimitedError } from '@slack/web-api';
import { startWorld, type World } from './world';

describe('rate limits', () => {
  let w: World;
  beforeAll(async () => {
    // Tier 2 shrunk to 2 calls per second so a test can cross it and wait it out.
    w = await startWorld({ rateLimits: { windowMs: 1000, perWindow: { tier2: 2 }, perChannel: { intervalMs: 1000, burst: 3 } } });
  });
  afterAll(() => w.slack.close());

  it('answers 429 with Retry-After over a tier limit', async () => {
    // Sent together so a slow machine cannot stretch them across the one-second window.
    const call = () => fetch(`${w.slack.apiUrl}conversations.list`, { method: 'POST', headers: { Authorization: `Bearer ${w.token}` } });
    const replies = await Promise.all([call(), call(), call()]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    const res = replies.find((r) => r.status === 429)!;
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('is surfaced by the WebClient when it rejects rate-limited calls', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const client = new WebClient(w.token, { slackApiUrl: w.slack.apiUrl, rejectRateLimitedCalls: true });
    await client.conversations.list();
    await client.conversations.list();
    const err = (await client.conversations.list().catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(1);
  });

  it('is waited out by the WebClient, which pauses for Retry-After and retries', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const client = new WebClient(w.token, { slackApiUrl: w.slack.apiUrl, retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 } });
    const pauses: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => pauses.push(seconds));
    const started = Date.now();
    const results = await Promise.all([client.conversations.list(), client.conversations.list(), client.conversations.list()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(pauses).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('limits chat.postMessage per channel after a small burst, not per workspace', async () => {
    const other = w.slack.addChannel({ team: w.team.id, name: 'alliances' });
    const post = (channel: string) =>
      fetch(`${w.slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${w.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ channel, text: 'burst' }).toString(),
      });
    const statuses = (await Promise.all([1, 2, 3, 4].map(() => post(w.deals.id)))).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 200, 200, 429]);
    expect((await post(other.id)).status).toBe(200);
  });

  it('puts each method in its documented tier', async () => {
    const world = await startWorld(); // Slack's real per-minute limits
    try {
      const call = (method: string, body: Record<string, string>) =>
        fetch(`${world.slack.apiUrl}${method}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${world.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(body).toString(),
        }).then((r) => r.status);
      const allowed = async (method: string, body: Record<string, string>) => {
        let n = 0;
        while ((await call(method, body)) === 200) n += 1;
        return n;
      };
      expect(await allowed('conversations.list', {})).toBe(20); // Tier 2
      expect(await allowed('users.lookupByEmail', { email: 'ada@acme.test' })).toBe(50); // Tier 3
      expect(await allowed('users.info', { user: world.ada.id })).toBe(100); // Tier 4
      // Limits are per app per workspace: another app still has its budget.
      const other = world.slack.registerApp({ name: 'Other' });
      const token = world.slack.install(other.id, world.team.id);
      const res = await fetch(`${world.slack.apiUrl}conversations.list`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
    } finally {
      await world.slack.close();
    }
  });
});

describe('fault injection', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ rateLimits: { enabled: false } });
  });
  afterAll(() => w.slack.close());

  const setFaults = (settings: unknown) =>
    fetch(`${w.slack.url}/_admin/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(settings) });

  it('answers 5xx when told to', async () => {
    expect((await setFaults({ serverErrorRate: 1 })).status).toBe(200);
    const err = (await w.client.auth.test().catch((e: unknown) => e)) as WebAPIHTTPError;
    expect(err.code).toBe(ErrorCode.HTTPError);
    expect(err.statusCode).toBe(503);
    await setFaults({});
    expect((await w.client.auth.test()).ok).toBe(true);
  });

  it('injects 429 bursts that the WebClient sees as rate limiting', async () => {
    await setFaults({ rateLimitBurstRate: 1, rateLimitBurstLength: 2 });
    const client = new WebClient(w.token, { slackApiUrl: w.slack.apiUrl, rejectRateLimitedCalls: true });
    const err = (await client.auth.test().catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    await setFaults({});
  });

  it('adds latency', async () => {
    await setFaults({ latencyMs: { min: 150, max: 150 } });
    const started = Date.now();
    await w.client.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    await setFaults({});
  });

  it('refuses malformed fault settings', async () => {
    expect((await setFaults({ serverErrorRate: 2 })).status).toBe(400);
  });
});
