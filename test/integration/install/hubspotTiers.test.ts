import { Client } from '@hubspot/api-client';
import { ScriptedBrowser } from '../../../sandbox/demo/browser';
import { consentHubSpot, settingsTenant } from '../../../sandbox/demo/consent';
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_REQUIRED_SCOPES, HUBSPOT_SUPER_ADMIN_SCOPE, hubspotCustomObjectsGranted } from '../../../src/install/hubspot';
import { getCrmConnection, saveRefreshedTokens } from '../../../src/store/connections';
import { AppMisconfigured } from '../../../src/sync/errors';
import { hubspotOAuth } from '../../../src/sync/hubspot/oauth';
import { hubspotRefresher } from '../../../src/sync/hubspot/refresh';
import { AccessTokens } from '../../../src/sync/tokens';
import { startInstallWorld, type InstallWorld } from './world';

/**
 * Trellis installs on every paid HubSpot tier: custom-object scopes are optional [hs-scopes,
 * hs-tokfields], so Starter and Professional grant the rest and Enterprise grants all. The v1
 * OAuth API is switched off (its sunset rehearsed [hs-v1dep]): install, refresh and uninstall use /oauth/2026-03.
 */
let w: InstallWorld;
beforeAll(async () => {
  w = await startInstallWorld('postgres', { oauthV1SunsetAt: 0 });
});
afterAll(() => w.close());

async function installInto(tier: 'starter' | 'professional' | 'enterprise') {
  const portal = tier === 'enterprise' ? w.portal : w.emulators.hubspot.createPortal({ domain: `${tier}.example.com`, tier });
  const browser = new ScriptedBrowser();
  const settings = await consentHubSpot(browser, w.url, portal.id);
  const tenantId = settingsTenant(settings);
  return { portal, browser, settings, tenantId, connection: (await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))! };
}

describe('HubSpot install by portal tier, with the v1 OAuth API switched off', () => {
  it('asks the custom-object scopes as optional in the install URL', async () => {
    const target = new URL((await fetch(`${w.url}/oauth/hubspot/install`, { redirect: 'manual' })).headers.get('location')!);
    expect(target.searchParams.get('scope')!.split(' ').sort()).toEqual([...HUBSPOT_REQUIRED_SCOPES].sort());
    expect(target.searchParams.get('optional_scope')!.split(' ').sort()).toEqual([...HUBSPOT_OPTIONAL_SCOPES].sort());
  });

  it.each(['starter', 'professional'] as const)('installs into a %s portal with the required scopes and the users one: no custom objects', async (tier) => {
    const { portal, settings, connection } = await installInto(tier);
    expect(settings.html).toContain('HubSpot is connected');
    expect(connection).toMatchObject({ externalAccountId: String(portal.id), status: 'active', installedBy: `admin@${tier}.example.com` });
    expect([...connection.scopes].sort()).toEqual([...HUBSPOT_REQUIRED_SCOPES, HUBSPOT_SUPER_ADMIN_SCOPE].sort());
    expect(hubspotCustomObjectsGranted(connection.scopes)).toBe(false);
    const deals = await new Client({ basePath: w.emulators.hubspot.url, accessToken: connection.accessToken }).crm.deals.basicApi.getPage();
    expect(deals.results).toEqual([]);
  });

  it('installs into an Enterprise portal with the custom-object scopes too', async () => {
    const { connection } = await installInto('enterprise');
    expect([...connection.scopes].sort()).toEqual([...HUBSPOT_REQUIRED_SCOPES, ...HUBSPOT_OPTIONAL_SCOPES].sort());
    expect(hubspotCustomObjectsGranted(connection.scopes)).toBe(true);
  });

  const clock = { now: () => new Date() };
  const tokensWith = (tenantId: string, clientSecret: string) =>
    new AccessTokens({ db: w.db, keyring: w.keyring, clock }, tenantId, 'hubspot', hubspotRefresher({ ...w.install.hubspot, clientSecret, clock }));

  it('refreshes an expired access token at the dated endpoint', async () => {
    const { tenantId, connection } = await installInto('starter');
    await saveRefreshedTokens(w.db, w.keyring, connection, { accessToken: connection.accessToken, accessTokenExpiresAt: new Date(Date.now() - 1000) });
    const fresh = await tokensWith(tenantId, w.install.hubspot.clientSecret!).current();
    expect(fresh.accessToken).not.toBe(connection.accessToken);
    await expect(new Client({ basePath: w.emulators.hubspot.url, accessToken: fresh.accessToken }).crm.companies.basicApi.getPage()).resolves.toBeDefined();
  });

  it("shows the admin, beside a still-active connection, that HubSpot refused Trellis's client secret", async () => {
    const { tenantId, connection, browser } = await installInto('professional');
    await saveRefreshedTokens(w.db, w.keyring, connection, { accessToken: connection.accessToken, accessTokenExpiresAt: new Date(Date.now() - 1000) });
    await expect(tokensWith(tenantId, 'mis-rotated-secret').current()).rejects.toBeInstanceOf(AppMisconfigured);
    const page = await browser.open(`${w.url}/settings?tenant=${tenantId}`);
    expect(page.html).toContain('<span class="pill active">active</span> Portal');
    expect(page.html).toMatch(/refused Trellis&#39;s app credentials when refreshing the access token \(invalid_client/);
    expect((await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!.status).toBe('active');
  });

  it('uninstalls at the dated revoke endpoint: HubSpot then refuses the grant', async () => {
    const { tenantId, connection, browser } = await installInto('starter');
    const page = await browser.open(`${w.url}/settings?tenant=${tenantId}`);
    const asked = await browser.submit(page, {}, `/settings/connections/hubspot/disconnect?tenant=${tenantId}`);
    expect(asked.html).toContain('Disconnect HubSpot');
    expect((await browser.submit(asked, {}, `/settings/connections/hubspot/disconnect?tenant=${tenantId}`)).status).toBe(200);
    expect((await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!.status).toBe('disconnected');
    const oauth = hubspotOAuth({ apiUrl: w.emulators.hubspot.url, clientId: w.install.hubspot.clientId, clientSecret: w.install.hubspot.clientSecret! });
    await expect(oauth.refresh(connection.refreshToken!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('tells, for the registrations storage, whether custom objects are available from the granted scopes', () => {
    expect(hubspotCustomObjectsGranted(['crm.objects.custom.write', 'crm.schemas.custom.write'])).toBe(true);
    expect(hubspotCustomObjectsGranted(['crm.objects.custom.write', 'crm.schemas.custom.read'])).toBe(false);
    expect(hubspotCustomObjectsGranted(HUBSPOT_REQUIRED_SCOPES)).toBe(false);
  });
});
