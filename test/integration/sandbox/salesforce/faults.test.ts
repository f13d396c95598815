import { install, rest, type Installed } from './harness';

describe('Salesforce emulator: fault injection', () => {
  let s: Installed;
  const putFaults = (settings: unknown) =>
    fetch(`${s.sf.url}/_admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });

  beforeAll(async () => {
    s = await install();
  });
  afterEach(() => putFaults({}));
  afterAll(() => s.sf.close());

  it('answers a share of calls with 503 SERVER_UNAVAILABLE', async () => {
    expect((await putFaults({ serverErrorRate: 1 })).status).toBe(200);
    expect(await rest(s, 'GET', '/sobjects')).toMatchObject({ status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE' }] });
  });

  it('throttles in bursts with 403 REQUEST_LIMIT_EXCEEDED, as Salesforce has no 429', async () => {
    await putFaults({ rateLimitBurstRate: 1, rateLimitBurstLength: 3 });
    const res = await rest(s, 'GET', '/limits');
    expect(res).toMatchObject({ status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
  });

  it('repeats the same faults for the same seed', async () => {
    const run = async () => {
      await putFaults({ seed: 42, serverErrorRate: 0.5 });
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await rest(s, 'GET', '/limits')).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('adds latency', async () => {
    await putFaults({ latencyMs: { min: 80, max: 80 } });
    const started = Date.now();
    await s.conn.query('SELECT Id FROM Account');
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('validates settings and leaves the OAuth endpoints alone', async () => {
    const bad = await putFaults({ serverErrorRate: 2 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual([expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR' })]);
    await putFaults({ serverErrorRate: 1 });
    const refreshed = await s.oauth2.refreshToken(s.tokens.refresh_token!);
    expect(refreshed.access_token).toBeDefined();
  });
});
