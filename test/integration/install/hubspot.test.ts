import { Client } from '@hubspot/api-client';
import { ScriptedBrowser, readForm } from '../../../sandbox/demo/browser';
import { consentHubSpot, settingsTenant } from '../../../sandbox/demo/consent';
import { getCrmConnection } from '../../../src/store/connections';
import { hubspotOAuth } from '../../../src/sync/hubspot/oauth';
import { startInstallWorld, type InstallWorld } from './world';

let w: InstallWorld;
beforeAll(async () => {
  w = await startInstallWorld();
});
afterAll(() => w.close());

const count = async (sql: string, params: unknown[] = []) => Number((await w.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0]!.n);

/**
 * The URL the consent page sends the browser back to, without following it, and the cookie the
 * install start gave the browser that started it.
 */
async function consentedCallback(portalId = w.portal.id): Promise<{ url: string; cookie: string }> {
  const install = await fetch(`${w.url}/oauth/hubspot/install`, { redirect: 'manual' });
  const cookie = install.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  const consent = { url: install.headers.get('location')!, status: 200, html: await (await fetch(install.headers.get('location')!)).text() };
  const form = readForm(consent);
  const granted = await fetch(form.action, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ ...form.fields, portal_id: String(portalId) }),
  });
  return { url: granted.headers.get('location')!, cookie };
}
const callbackUrl = async () => (await consentedCallback()).url;
const hubspotApp = () => hubspotOAuth({ apiUrl: w.install.hubspot.apiUrl, clientId: w.install.hubspot.clientId, clientSecret: w.install.hubspot.clientSecret! });

describe('HubSpot install', () => {
  let tenantId: string;
  let admin: ScriptedBrowser;

  it('sends the admin to HubSpot with the client id, callback, scopes and a signed state', async () => {
    const res = await fetch(`${w.url}/oauth/hubspot/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const target = new URL(res.headers.get('location')!);
    expect(target.origin + target.pathname).toBe(`${w.emulators.hubspot.url}/oauth/authorize`);
    expect(target.searchParams.get('client_id')).toBe(w.install.hubspot.clientId);
    expect(target.searchParams.get('redirect_uri')).toBe(`${w.url}/oauth/hubspot/callback`);
    expect(target.searchParams.get('scope')).toContain('crm.objects.companies.write');
    expect(target.searchParams.get('state')).toMatch(/^[\w-]+\.\d+\.[\w-]+$/);
  });

  it('creates a tenant for a new portal, stores its tokens encrypted, asks the sync to start, and lands on settings', async () => {
    admin = new ScriptedBrowser();
    const settings = await consentHubSpot(admin, w.url, w.portal.id);
    tenantId = settingsTenant(settings);
    expect(settings.html).toContain('HubSpot is connected');
    expect(settings.html).toContain(`Portal ${w.portal.id}`);
    expect(settings.html).toContain('admin@acme.example.com');

    const connection = (await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!;
    expect(connection).toMatchObject({ externalAccountId: String(w.portal.id), status: 'active', installedBy: 'admin@acme.example.com' });
    expect(connection.scopes).toContain('crm.objects.deals.write');
    // The stored token is the one HubSpot issued and it works.
    const companies = await new Client({ basePath: w.emulators.hubspot.url, accessToken: connection.accessToken }).crm.companies.basicApi.getPage();
    expect(companies.results).toEqual([]);

    const stored = (await w.db.query<{ access_token_enc: string; refresh_token_enc: string }>('SELECT access_token_enc, refresh_token_enc FROM crm_connections WHERE tenant_id = $1', [tenantId])).rows[0]!;
    expect(stored.access_token_enc).not.toContain(connection.accessToken);
    expect(stored.refresh_token_enc).not.toContain(connection.refreshToken!);
    expect(stored.access_token_enc).toMatch(/^v2\./);

    const events = await w.db.query<{ topic: string; payload: { crm: string; reconnected: boolean } }>('SELECT topic, payload FROM outbox WHERE tenant_id = $1', [tenantId]);
    expect(events.rows).toEqual([{ topic: 'crm_connection.connected', payload: expect.objectContaining({ crm: 'hubspot', reconnected: false }) }]);
  });

  it('refuses another user of the connected portal, in a browser without the tenant’s session: no session, tokens untouched', async () => {
    const before = (await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!;
    const portal = w.emulators.hubspot.state.portals[String(w.portal.id)]!;
    portal.users.push({ id: w.emulators.hubspot.state.nextUserId++, email: 'mallory@acme.example.com' });
    const stranger = new ScriptedBrowser();
    const page = await stranger.submit(await stranger.open(`${w.url}/oauth/hubspot/install`), { portal_id: String(w.portal.id), user_email: 'mallory@acme.example.com' });
    expect(page.status).toBe(403);
    expect(page.html).toContain('This account is already connected to Trellis; ask your Trellis admin');
    expect(stranger.cookie(w.url, 'trellis_session')).toBeUndefined();
    expect(await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot')).toEqual(before);
    expect(await count('tenants')).toBe(1);
    expect(await count("outbox WHERE payload->>'reconnected' = 'true'")).toBe(0);
    // The tenant's own grant still works at HubSpot.
    await expect(hubspotApp().refresh(before.refreshToken!)).resolves.toMatchObject({ hubId: w.portal.id });
    const audit = await w.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE tenant_id = $1 AND action = 'crm_connection.takeover_refused'", [tenantId]);
    expect(audit.rows).toEqual([{ actor: 'hubspot:mallory@acme.example.com' }]);
  });

  it('reconnects the same tenant for the admin’s browser, revoking the replaced refresh token at HubSpot', async () => {
    const before = (await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!;
    const again = await consentHubSpot(admin, w.url, w.portal.id);
    expect(settingsTenant(again)).toBe(tenantId);
    expect(await count('tenants')).toBe(1);
    const after = (await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!;
    expect(after.id).toBe(before.id);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    await expect(hubspotApp().refresh(before.refreshToken!)).rejects.toMatchObject({ httpStatus: 400, error: 'invalid_grant' });
    await expect(hubspotApp().refresh(after.refreshToken!)).resolves.toMatchObject({ hubId: w.portal.id });
    const reconnected = await w.db.query("SELECT 1 FROM outbox WHERE tenant_id = $1 AND payload->>'reconnected' = 'true'", [tenantId]);
    expect(reconnected.rowCount).toBe(1);
    const audit = await w.db.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE tenant_id = $1 AND action = 'crm_connection.connected' AND details->>'reconnected' = 'true'",
      [tenantId],
    );
    expect(audit.rows).toEqual([{ actor: 'hubspot:admin@acme.example.com' }]);
  });

  it('signs the user who installed it back in from a new browser, through HubSpot', async () => {
    const returning = new ScriptedBrowser();
    const settings = await consentHubSpot(returning, w.url, w.portal.id);
    expect(settingsTenant(settings)).toBe(tenantId);
    expect(returning.cookie(w.url, 'trellis_session')).toBeDefined();
    expect(await count('tenants')).toBe(1);
  });

  it('refuses a state started in one browser and completed in another, and lets the first browser finish', async () => {
    const other = w.emulators.hubspot.createPortal({ domain: 'initech.example.com', userEmail: 'admin@initech.example.com' });
    const { url, cookie } = await consentedCallback(other.id);
    const tenantsBefore = await count('tenants');
    for (const headers of [{}, { cookie: cookie.replace(/=([^;]+)/, '=another-browsers-nonce') }] as Record<string, string>[]) {
      const elsewhere = await fetch(url, { redirect: 'manual', headers });
      expect(elsewhere.status).toBe(400);
      expect(await elsewhere.text()).toContain('Start the install again from this browser');
      expect(elsewhere.headers.getSetCookie().some((c) => c.startsWith('trellis_session='))).toBe(false);
    }
    expect(await count('tenants')).toBe(tenantsBefore);
    expect(await count('crm_connections WHERE external_account_id = $1', [String(other.id)])).toBe(0);
    const own = await fetch(url, { redirect: 'manual', headers: { cookie } });
    expect(own.status).toBe(303);
    expect(await count('crm_connections WHERE external_account_id = $1', [String(other.id)])).toBe(1);
  });

  it('brings a person asked to sign in back to the page they opened, and only to a page of Trellis', async () => {
    const back = await admin.submit(await admin.open(`${w.url}/oauth/hubspot/install?return=${encodeURIComponent('/dashboard?period=90d')}`), { portal_id: String(w.portal.id) });
    expect(new URL(back.url).pathname + new URL(back.url).search).toBe('/dashboard?period=90d');
    expect(back.status).toBe(200);
    for (const elsewhere of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const landed = await admin.submit(await admin.open(`${w.url}/oauth/hubspot/install?return=${encodeURIComponent(elsewhere)}`), { portal_id: String(w.portal.id) });
      expect(new URL(landed.url).origin + new URL(landed.url).pathname).toBe(`${w.url}/settings`);
    }
  });

  const adminSession = () => `trellis_session=${admin.cookie(w.url, 'trellis_session')}`;

  it('refuses a forged state with a clear page and stores nothing', async () => {
    const real = new URL(await callbackUrl());
    const [nonce, expiry] = real.searchParams.get('state')!.split('.');
    const connectionsBefore = await count('crm_connections');
    for (const state of ['made-up', `${nonce}.${Number(expiry) + 3_600_000}.${real.searchParams.get('state')!.split('.')[2]}`, `${nonce}.${expiry}.AAAA`]) {
      real.searchParams.set('state', state);
      const res = await fetch(real);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('did not come from Trellis');
    }
    expect(await count('crm_connections')).toBe(connectionsBefore);
  });

  it('accepts a state once: the replayed callback is refused', async () => {
    const { url, cookie } = await consentedCallback();
    const headers = { cookie: `${cookie}; ${adminSession()}` };
    expect((await fetch(url, { redirect: 'manual', headers })).status).toBe(303);
    const replay = await fetch(url, { redirect: 'manual', headers });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already been used');
  });

  it('refuses an expired state and stores nothing', async () => {
    const { url, cookie } = await consentedCallback();
    const outboxBefore = await count('outbox');
    w.advanceClock(11 * 60_000);
    const res = await fetch(url, { redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('expired');
    expect(await count('outbox')).toBe(outboxBefore);
  });

  it('reports a denial or an unusable code as a page, not a crash', async () => {
    const { url: consented, cookie } = await consentedCallback();
    const url = new URL(consented);
    url.searchParams.set('code', 'not-a-code');
    const res = await fetch(url, { redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('HubSpot did not accept the authorization');
  });
});
