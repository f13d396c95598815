import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { startSalesforceEmulator } from '../../../../sandbox/salesforce';
import { install, rest, type Installed } from './harness';

describe('Salesforce emulator: inspection, admin edits, reset and persistence', () => {
  let s: Installed;

  beforeAll(async () => {
    s = await install({ orgs: [{ id: '00D5g00000SEEDEEA5', name: 'Seeded' }] });
  });
  afterAll(() => s.sf.close());

  it('lists orgs and their records on GET /, escaping values', async () => {
    await s.conn.sobject('Account').create({ Name: '<script>alert(1)</script>' });
    const html = await fetch(`${s.sf.url}/`).then((r) => r.text());
    expect(html).toContain('Acme');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
  });

  it('edits records as a user would, visible to the API', async () => {
    const base = `${s.sf.url}/_admin/orgs/${s.org.id}/records/Account`;
    const created = (await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Name: 'From the UI' }) }).then((r) => r.json())) as { id: string };
    expect((await fetch(`${base}/${created.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Phone: '555' }) })).status).toBe(204);
    expect(await s.conn.sobject('Account').retrieve(created.id)).toMatchObject({ Name: 'From the UI', Phone: '555', CreatedById: expect.stringMatching(/^005/) });
    const invalid = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Phone: '1' }) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual([expect.objectContaining({ errorCode: 'REQUIRED_FIELD_MISSING' })]);
    expect((await fetch(`${base}/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await rest(s, 'GET', `/sobjects/Account/${created.id}`)).status).toBe(404);
    expect((await fetch(`${s.sf.url}/_admin/orgs/00D000000000000AAA/records/Account`)).status).toBe(404);
  });

  it('resets to the configured apps and orgs', async () => {
    expect((await fetch(`${s.sf.url}/_admin/reset`, { method: 'POST' })).status).toBe(204);
    const orgs = (await fetch(`${s.sf.url}/_admin/orgs`).then((r) => r.json())) as Array<{ id: string; name: string }>;
    expect(orgs.map((o) => o.name)).toEqual(['Seeded']);
    expect(orgs[0]!.id).toBe('00D5g00000SEEDEEA5');
    expect((await rest(s, 'GET', '/sobjects')).status).toBe(401);
  });
});

describe('Salesforce emulator: persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-emulator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('saves state to a JSON file and reloads it on start, sessions included', async () => {
    const persistPath = join(dir, 'state.json');
    const first = await install({ persistPath, persistDebounceMs: 10 });
    const { id } = await first.conn.sobject('Account').create({ Name: 'Survives restarts' });
    const token = first.conn.accessToken!;
    await first.sf.close();

    const second = await startSalesforceEmulator({ persistPath });
    try {
      const conn = new Connection({ instanceUrl: second.url, accessToken: token, version: '62.0' });
      expect(await conn.sobject('Account').retrieve(id!)).toMatchObject({ Name: 'Survives restarts' });
      const next = await conn.sobject('Account').create({ Name: 'Second run' });
      expect(next.id).not.toBe(id);
    } finally {
      await second.close();
    }
  });
});
