import { errorCodeOf, install, rest, type Installed } from './harness';

describe('Salesforce emulator: API limits', () => {
  let clock = Date.parse('2025-05-01T00:00:00Z');
  let s: Installed;

  beforeAll(async () => {
    s = await install({ now: () => clock }, { name: 'Limited', licences: 15 });
  });
  afterAll(() => s.sf.close());

  it('reports usage in Sforce-Limit-Info on every REST response and in GET /limits', async () => {
    const first = await rest(s, 'GET', '/sobjects');
    // Enterprise with 15 licences: 100,000 + 15 × 1,000.
    expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/115000');
    await s.conn.query('SELECT Id FROM Account');
    expect(s.conn.limitInfo).toEqual({ apiUsage: { used: 2, limit: 115000 } });
    const limits = await s.conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 115000, Remaining: 115000 - 3 });
    const failed = await rest(s, 'GET', '/sobjects/Nope');
    expect(failed.headers.get('sforce-limit-info')).toBe('api-usage=4/115000');
  });

  it('refuses calls past a lowered allocation with 403 REQUEST_LIMIT_EXCEEDED until the 24 h window rolls on', async () => {
    const patch = await fetch(`${s.sf.url}/_admin/orgs/${s.org.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dailyApiLimit: 6 }) });
    expect(patch.status).toBe(200);
    await s.conn.query('SELECT Id FROM Account');
    await s.conn.query('SELECT Id FROM Account');
    const refused = await rest(s, 'GET', '/sobjects');
    expect(refused).toMatchObject({ status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] });
    expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=6/6');
    expect(await errorCodeOf(s.conn.sobject('Account').create({ Name: 'Too late' }))).toBe('REQUEST_LIMIT_EXCEEDED');
    clock += 24 * 3_600_000 + 1;
    expect((await s.conn.sobject('Account').create({ Name: 'Next day' })).success).toBe(true);
  });

  it('gives editions their documented allocations', async () => {
    const developer = s.sf.createOrg({ name: 'Dev', edition: 'Developer' });
    const unlimited = s.sf.createOrg({ name: 'Big', edition: 'Unlimited', licences: 10 });
    expect([developer.dailyApiLimit, unlimited.dailyApiLimit]).toEqual([15_000, 150_000]);
  });
});
