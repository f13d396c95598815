import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHubSpotEmulator } from '../../../../sandbox/hubspot';
import { ALL_SCOPES, sdk, startWithInstall } from './helpers';

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('HubSpot emulator: overview page, admin API and persistence', () => {
  it('lists portals and records on GET /, escaping every value', async () => {
    const { emulator, installed } = await startWithInstall();
    try {
      await installed.client.crm.companies.basicApi.create({
        properties: { name: '<script>alert("x")</script>' },
        associations: [],
      });
      const html = await (await fetch(`${emulator.url}/`)).text();
      expect(html).toContain(`Portal ${installed.portalId}`);
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(html).not.toContain('<script>alert');
    } finally {
      await emulator.close();
    }
  });

  it('sets up apps, portals and installs through /_admin, and resets to the configured start', async () => {
    const emulator = await startHubSpotEmulator({ portals: [{ id: 777, domain: 'seeded.example.com' }] });
    try {
      const app = await (
        await fetch(`${emulator.url}/_admin/apps`, json({ redirectUrls: ['https://x.example.com/cb'], scopes: ALL_SCOPES }))
      ).json();
      expect(app).toMatchObject({ id: expect.any(Number), clientId: expect.any(String), clientSecret: expect.any(String) });
      const portal = await (await fetch(`${emulator.url}/_admin/portals`, json({ domain: 'second.example.com' }))).json();
      const tokens = await (await fetch(`${emulator.url}/_admin/tokens`, json({ clientId: app.clientId, portalId: 777 }))).json();
      const client = sdk(emulator, tokens.access_token);
      await client.crm.contacts.basicApi.create({ properties: { email: 'seed@example.com' }, associations: [] });

      const created = await (
        await fetch(`${emulator.url}/_admin/portals/${portal.id}/objects/companies`, json({ properties: { name: 'UI Co' } }))
      ).json();
      expect(created.properties.name).toBe('UI Co');
      const bad = await fetch(`${emulator.url}/_admin/portals/${portal.id}/objects/companies`, json({ properties: { nope: 1 } }));
      expect(bad.status).toBe(400);

      // The legacy schemas path answers too.
      const schemas = await fetch(`${emulator.url}/crm/v3/schemas`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(await schemas.json()).toEqual({ results: [] });

      expect((await fetch(`${emulator.url}/_admin/reset`, { method: 'POST' })).status).toBe(204);
      expect(Object.keys(emulator.state.portals)).toEqual(['777']);
      expect(emulator.state.apps).toEqual({});
      expect(emulator.state.portals['777']!.records['0-1']).toEqual({});
    } finally {
      await emulator.close();
    }
  });

  it('saves state to persistPath and reloads it on start', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hubspot-emulator-')), 'state.json');
    const first = await startWithInstall({ persistPath: path, persistDebounceMs: 10 });
    const created = await first.installed.client.crm.deals.basicApi.create({ properties: { dealname: 'Persisted' }, associations: [] });
    await first.emulator.close();
    expect(JSON.parse(readFileSync(path, 'utf8')).portals[String(first.installed.portalId)]).toBeDefined();

    const second = await startHubSpotEmulator({ persistPath: path });
    try {
      const client = sdk(second, first.installed.accessToken);
      const read = await client.crm.deals.basicApi.getById(created.id, ['dealname']);
      expect(read.properties.dealname).toBe('Persisted');
    } finally {
      await second.close();
    }
  });
});
