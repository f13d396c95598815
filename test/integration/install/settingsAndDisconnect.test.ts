import { Client } from '@hubspot/api-client';
import { OAuth2 } from 'jsforce';
import { ScriptedBrowser, type LoadedPage } from '../../../sandbox/demo/browser';
import { consentHubSpot, consentSalesforce, settingsTenant } from '../../../sandbox/demo/consent';
import { getCrmConnection } from '../../../src/store/connections';
import { hubspotOAuth } from '../../../src/sync/hubspot/oauth';
import { ApiClient } from '../../support/api';
import { sessionCookie } from '../../support/sessions';
import { startInstallWorld, type InstallWorld } from './world';

let w: InstallWorld;
let browser: ScriptedBrowser;
let settings: LoadedPage;
let tenantId: string;
let api: ApiClient;
beforeAll(async () => {
  w = await startInstallWorld();
  browser = new ScriptedBrowser();
  settings = await consentHubSpot(browser, w.url, w.portal.id);
  tenantId = settingsTenant(settings);
  settings = await consentSalesforce(browser, w.url, w.org.id, tenantId);
});
afterAll(() => w.close());

describe('settings page', () => {
  it('is only shown with the session for that tenant', async () => {
    expect((await fetch(`${w.url}/settings?tenant=${tenantId}`)).status).toBe(401);
    const cookie = `trellis_session=${browser.cookie(w.url, 'trellis_session')}`;
    expect((await fetch(`${w.url}/settings?tenant=${tenantId}`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${w.url}/settings?tenant=00000000-0000-4000-8000-000000000000`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${w.url}/settings?tenant=${tenantId}`, { headers: { cookie: 'trellis_session=guessed-token' } })).status).toBe(401);
  });

  it('issues an API key once, which then works on the REST API', async () => {
    const page = await browser.submit(settings, { name: 'Reporting', role: 'admin', expiresOn: '' }, '/settings/api-keys?');
    // The form redirects to the page that shows the key, so a reload neither shows it again nor makes another.
    expect(page.status).toBe(200);
    expect(page.url).toContain('keyCreated');
    const key = /<code class="secret">([^<]+)<\/code>/.exec(page.html)![1]!;
    api = new ApiClient(w.url, key);
    expect((await api.get('/api/v1/settings')).status).toBe(200);
    const reloaded = await browser.open(page.url);
    expect(reloaded.html).not.toContain(key);
    expect((await api.get('/api/v1/api-keys')).body.data).toHaveLength(1);

    // Listed by name and role with a Revoke button, the secret never again.
    const listed = await browser.open(`${w.url}/settings?tenant=${tenantId}`);
    expect(listed.html).toContain('Reporting');
    expect(listed.html).toContain(`${key.slice(0, 8)}…`);
    expect(listed.html).not.toContain(key);
    const [row] = (await api.get('/api/v1/api-keys')).body.data;
    expect(row).toMatchObject({ name: 'Reporting', role: 'admin', createdBy: 'admin@acme.example.com', expiresAt: null });
    expect(listed.html).toContain(`/settings/api-keys/${row.id}/revoke`);
  });

  it('creates a read-only key with an expiry, and revokes it at once from the page', async () => {
    const refused = await browser.submit(settings, { name: '', role: 'viewer' }, '/settings/api-keys?');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('No key created. Name: give the key a name');

    const page = await browser.submit(settings, { name: 'Board deck', role: 'viewer', expiresOn: '2099-12-31' }, '/settings/api-keys?');
    expect(page.status).toBe(200);
    const reader = new ApiClient(w.url, /<code class="secret">([^<]+)<\/code>/.exec(page.html)![1]!);
    expect((await reader.get('/api/v1/settings')).status).toBe(200);
    expect((await reader.patch('/api/v1/settings', { protectionWindowDays: 3 })).status).toBe(403);
    const row = (await api.get('/api/v1/api-keys')).body.data.find((k: { name: string }) => k.name === 'Board deck');
    expect(row).toMatchObject({ role: 'viewer', expiresAt: '2100-01-01T00:00:00.000Z' });

    const revoked = await browser.submit(page, {}, `/settings/api-keys/${row.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.html).toContain('API key revoked.');
    expect((await reader.get('/api/v1/settings')).status).toBe(401);
    const audit = await w.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE entity_id = $1 AND action = 'api_key.revoked'", [row.id]);
    expect(audit.rows).toEqual([{ actor: 'admin@acme.example.com' }]);
  });

  it('saves rules of engagement and the protection window through the settings logic', async () => {
    const saved = await browser.submit(settings, { rulesOfEngagement: 'manager_decides', protectionWindowDays: '45' }, `/settings?tenant=`);
    expect(saved.status).toBe(200);
    expect(saved.html).toContain('Settings saved');
    expect((await api.get('/api/v1/settings')).body).toMatchObject({ rulesOfEngagement: 'manager_decides', protectionWindowDays: 45 });

    const refused = await browser.submit(settings, { rulesOfEngagement: 'manager_decides', protectionWindowDays: '' }, `/settings?tenant=`);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Not saved. Protection window: at least 1 day: an approved registration protects its customer for a while');
  });

  it('saves the close-date grace and the health grace of new partners, refusing out-of-range days in words', async () => {
    const kept = { rulesOfEngagement: 'manager_decides', protectionWindowDays: '45' };
    const saved = await browser.submit(settings, { ...kept, closeDateGraceDays: '7', healthGraceDays: '30' }, `/settings?tenant=`);
    expect(saved.status).toBe(200);
    expect((await api.get('/api/v1/settings')).body).toMatchObject({ closeDateGraceDays: 7, healthGraceDays: 30, protectionWindowDays: 45 });
    expect(saved.html).toContain('id="closeDateGraceDays" name="closeDateGraceDays" type="number" min="0" max="90" value="7"');

    const refused = await browser.submit(saved, { ...kept, closeDateGraceDays: '120' }, `/settings?tenant=`);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Past close dates accepted: at most 90 days: an older close date is a deal already decided');
    expect((await api.get('/api/v1/settings')).body.closeDateGraceDays).toBe(7);
  });

  it('saves the mail domains that identify nobody, one per line, and names a domain it cannot take', async () => {
    const kept = { rulesOfEngagement: 'manager_decides', protectionWindowDays: '45' };
    const saved = await browser.submit(settings, { ...kept, extraFreeMailDomains: 'Mail.Example\r\npost.example.org' }, `/settings?tenant=`);
    expect(saved.status).toBe(200);
    expect((await api.get('/api/v1/settings')).body.extraFreeMailDomains).toEqual(['mail.example', 'post.example.org']);
    expect(saved.html).toContain('mail.example\npost.example.org</textarea>');

    const refused = await browser.submit(saved, { ...kept, extraFreeMailDomains: 'mail.example\nnot a domain' }, `/settings?tenant=`);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('must be a domain such as mail.example');
    expect((await api.get('/api/v1/settings')).body.extraFreeMailDomains).toEqual(['mail.example', 'post.example.org']);
  });

  it('refuses a form without the form token (cross-site request)', async () => {
    const cookie = `trellis_session=${browser.cookie(w.url, 'trellis_session')}`;
    const res = await fetch(`${w.url}/settings?tenant=${tenantId}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'rulesOfEngagement=first_to_register&protectionWindowDays=7',
    });
    expect(res.status).toBe(403);
    expect((await api.get('/api/v1/settings')).body.protectionWindowDays).toBe(45);
  });
});

describe('connections API and disconnect', () => {
  it('lists connections without tokens', async () => {
    const listed = await api.get('/api/v1/connections');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((c: { crm: string; status: string }) => [c.crm, c.status])).toEqual([
      ['hubspot', 'active'],
      ['salesforce', 'active'],
    ]);
    const hubspot = (await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!;
    expect(JSON.stringify(listed.body)).not.toContain(hubspot.accessToken);
    expect(JSON.stringify(listed.body)).not.toContain(hubspot.refreshToken!);
  });

  it('lets the admin add a partner manager for a region, and shows settings to admins only', async () => {
    const added = await browser.submit(settings, { email: 'Ingrid.Larsen@acme.example.com', role: 'partner_manager', regions: 'EMEA' }, '/settings/users?');
    expect(added.status).toBe(200);
    expect(added.html).toContain('User added.');
    expect(added.html).toContain('ingrid.larsen@acme.example.com');
    expect(added.html).toContain('manages regions EMEA, and partners naming them as manager');
    const again = await browser.submit(settings, { email: 'ingrid.larsen@acme.example.com', role: 'viewer' }, '/settings/users?');
    expect(again.status).toBe(409);
    expect(again.html).toContain('No user added: ingrid.larsen@acme.example.com is already a user of this workspace.');

    const ingrid = (await api.get('/api/v1/users')).body.data.find((u: { email: string }) => u.email === 'ingrid.larsen@acme.example.com');
    const cookie = await sessionCookie(w.db, tenantId, { email: ingrid.email });
    const page = await fetch(`${w.url}/settings?tenant=${tenantId}`, { headers: { cookie } });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Settings are for the workspace’s admins; you are signed in as ingrid.larsen@acme.example.com (Partner manager).');

    const me = (await api.get('/api/v1/users')).body.data.find((u: { email: string }) => u.email === 'admin@acme.example.com');
    const lastAdmin = await browser.submit(await browser.open(`${w.url}/settings?tenant=${tenantId}`), {}, `/settings/users/${me.id}/remove`);
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.html).toContain('is the workspace&#39;s only admin');
  });

  it('revokes at HubSpot: the emulator then refuses the tokens', async () => {
    const before = (await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!;
    const res = await api.call('DELETE', '/api/v1/connections/hubspot');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ crm: 'hubspot', status: 'disconnected', revokedAtCrm: true });
    const sdk = new Client({ basePath: w.emulators.hubspot.url, accessToken: before.accessToken });
    await expect(sdk.crm.companies.basicApi.getPage()).rejects.toMatchObject({ code: 401 });
    const oauth = hubspotOAuth({ apiUrl: w.emulators.hubspot.url, clientId: w.install.hubspot.clientId, clientSecret: w.install.hubspot.clientSecret! });
    await expect(oauth.refresh(before.refreshToken!)).rejects.toMatchObject({ httpStatus: 400, error: 'invalid_grant' });
    const event = await w.db.query("SELECT payload FROM outbox WHERE tenant_id = $1 AND topic = 'crm_connection.disconnected'", [tenantId]);
    expect(event.rows).toEqual([{ payload: expect.objectContaining({ crm: 'hubspot', revokedAtCrm: true }) }]);
    expect((await api.call('DELETE', '/api/v1/connections/hubspot')).status).toBe(404);
  });

  it('revokes at Salesforce from the settings page: the refresh token stops working', async () => {
    const before = (await getCrmConnection(w.db, w.keyring, tenantId, 'salesforce'))!;
    const page = await browser.open(`${w.url}/settings?tenant=${tenantId}`);
    // The first press only asks: nothing is revoked yet.
    const asked = await browser.submit(page, {}, '/settings/connections/salesforce/disconnect');
    expect(asked.html).toContain('Disconnect Salesforce');
    expect(asked.html).toContain('revokes its access there at once');
    expect((await getCrmConnection(w.db, w.keyring, tenantId, 'salesforce'))!.status).not.toBe('disconnected');
    const after = await browser.submit(asked, {}, '/settings/connections/salesforce/disconnect');
    expect(after.html).toContain('Disconnected.');
    expect((await getCrmConnection(w.db, w.keyring, tenantId, 'salesforce'))!.status).toBe('disconnected');
    const oauth2 = new OAuth2({ loginUrl: w.emulators.salesforce.url, clientId: w.install.salesforce.clientId, clientSecret: w.install.salesforce.clientSecret! });
    await expect(oauth2.refreshToken(before.refreshToken!)).rejects.toMatchObject({ name: 'invalid_grant' });
  });

  it('reconnecting after a disconnect makes the connection active again', async () => {
    await consentHubSpot(browser, w.url, w.portal.id, tenantId);
    expect((await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!.status).toBe('active');
  });
});
