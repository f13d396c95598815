import { ScriptedBrowser, readForm, type LoadedPage } from '../../../sandbox/demo/browser';
import { consentHubSpot, consentSalesforce, settingsTenant } from '../../../sandbox/demo/consent';
import { EVERY_PARTNER, type Role } from '../../../src/domain/access';
import { SESSION_COOKIE } from '../../../src/install/session';
import { signInCallbackUrl } from '../../../src/install/settings';
import { getCrmConnection } from '../../../src/store/connections';
import { insertVendorUser, removeVendorUser } from '../../../src/store/vendorUsers';
import { startInstallWorld, type InstallWorld } from './world';

/** A second app at the Salesforce emulator stands in for any OpenID Connect provider (Okta, Entra ID…). */
const SSO = { clientId: 'AcmeSingleSignOnClient', clientSecret: 'AcmeSingleSignOnSecret', name: 'Acme SSO' };

let w: InstallWorld;
let hubspotTenant: string;
let salesforceTenant: string;
beforeAll(async () => {
  w = await startInstallWorld('postgres', {}, (_db, { url, emulators }) => {
    emulators.salesforce.registerApp({ name: SSO.name, consumerKey: SSO.clientId, consumerSecret: SSO.clientSecret, callbackUrls: [signInCallbackUrl({ publicUrl: url }, 'oidc')], scopes: ['openid', 'email'] });
    return { signIn: { oidc: { issuer: emulators.salesforce.url, clientId: SSO.clientId, clientSecret: SSO.clientSecret, name: SSO.name }, demoUsers: false } };
  });
  // The portal and the org each become a workspace; their installers (both admin@acme.example.com) are its first admins.
  hubspotTenant = settingsTenant(await consentHubSpot(new ScriptedBrowser(), w.url, w.portal.id));
  salesforceTenant = settingsTenant(await consentSalesforce(new ScriptedBrowser(), w.url, w.org.id));
});
afterAll(() => w.close());

const addUser = (tenantId: string, email: string, role: Role, displayName: string | null = null) =>
  insertVendorUser(w.db, tenantId, { email, displayName, role, scope: EVERY_PARTNER, createdBy: 'test' }, new Date());

/** Signs in with HubSpot in a fresh browser as a user of a portal, coming back to `back`. */
async function hubspotSignIn(email: string, portalId = w.portal.id, back = '/dashboard') {
  const browser = new ScriptedBrowser();
  const consent = await browser.open(`${w.url}/signin/hubspot?return=${encodeURIComponent(back)}`);
  return { browser, page: await browser.submit(consent, { portal_id: String(portalId), user_email: email }) };
}

/** Signs in with Salesforce (or the SSO provider) in a fresh browser, as a user of an org. */
async function salesforceSignIn(start: string, orgId: string, userId = '') {
  const browser = new ScriptedBrowser();
  const consent = await browser.open(`${w.url}${start}`);
  return { browser, page: await browser.submit(consent, { org_id: orgId, user_id: userId, action: 'allow' }) };
}

const sessionOf = (browser: ScriptedBrowser) => browser.cookie(w.url, SESSION_COOKIE);
const userIdOf = (orgId: string, username: string) =>
  Object.values(w.emulators.salesforce.state.orgs[orgId]!.records.User!).find((u) => u.Username === username)!.Id as string;

function expectDashboardOf(page: LoadedPage, email: string, role: string) {
  expect(page.status).toBe(200);
  expect(new URL(page.url).pathname).toBe('/dashboard');
  expect(page.html).toContain(`Signed in as ${email} (${role})`);
}

describe('Sign in with HubSpot', () => {
  it('asks HubSpot for the oauth scope only, bound to the browser', async () => {
    const res = await fetch(`${w.url}/signin/hubspot`, { redirect: 'manual' });
    const target = new URL(res.headers.get('location')!);
    expect(target.searchParams.get('scope')).toBe('oauth');
    expect(target.searchParams.get('redirect_uri')).toBe(`${w.url}/signin/hubspot/callback`);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('trellis_install_hubspot_signin='))).toBe(true);
  });

  it('signs a Trellis user of the portal’s workspace in, back where they were going, and leaves the connection as it was', async () => {
    await addUser(hubspotTenant, 'dana@acme.example.com', 'partner_manager', 'Dana Reyes');
    w.emulators.hubspot.addPortalUser(w.portal.id, { email: 'Dana@acme.example.com' });
    const before = (await getCrmConnection(w.db, w.keyring, hubspotTenant, 'hubspot'))!;
    const grantsBefore = Object.keys(w.emulators.hubspot.state.refreshTokens).length;

    const { browser, page } = await hubspotSignIn('Dana@acme.example.com', w.portal.id, '/dashboard?from=alert');
    expectDashboardOf(page, 'dana@acme.example.com', 'Partner manager');
    expect(new URL(page.url).search).toBe('?from=alert');
    expect(sessionOf(browser)).toBeDefined();

    const after = (await getCrmConnection(w.db, w.keyring, hubspotTenant, 'hubspot'))!;
    expect(after).toMatchObject({ accessToken: before.accessToken, refreshToken: before.refreshToken, scopes: before.scopes, status: 'active', installedBy: 'admin@acme.example.com' });
    // The identity grant was revoked at once: HubSpot holds no more grants than before.
    expect(Object.keys(w.emulators.hubspot.state.refreshTokens)).toHaveLength(grantsBefore);
    const session = await w.db.query<{ signed_in_with: string }>('SELECT signed_in_with FROM vendor_sessions ORDER BY created_at DESC LIMIT 1');
    expect(session.rows[0]!.signed_in_with).toBe('hubspot');
  });

  it('refuses a portal user who is not a Trellis user: a clear page, no session', async () => {
    w.emulators.hubspot.addPortalUser(w.portal.id, { email: 'eve@acme.example.com' });
    const { browser, page } = await hubspotSignIn('eve@acme.example.com');
    expect(page.status).toBe(403);
    expect(page.html).toContain('eve@acme.example.com is not a Trellis user of this workspace; ask your Trellis admin to add you.');
    expect(sessionOf(browser)).toBeUndefined();
  });

  it('refuses a portal that is not connected to Trellis', async () => {
    const other = w.emulators.hubspot.createPortal({ domain: 'globex.example.com', userEmail: 'admin@globex.example.com' });
    const { browser, page } = await hubspotSignIn('admin@globex.example.com', other.id);
    expect(page.status).toBe(403);
    expect(page.html).toContain('not connected to Trellis');
    expect(sessionOf(browser)).toBeUndefined();
  });

  it('refuses a sign-in finished in another browser than the one that started it', async () => {
    const consent = await new ScriptedBrowser().open(`${w.url}/signin/hubspot`);
    const victim = new ScriptedBrowser();
    const page = await victim.submit(consent, { portal_id: String(w.portal.id) });
    expect(page.status).toBe(400);
    expect(page.html).toContain('This sign-in was started in another browser');
    expect(sessionOf(victim)).toBeUndefined();
  });
});

describe('Sign in with Salesforce (OpenID Connect)', () => {
  it('signs the org’s user in to the org’s workspace, with a verified ID token', async () => {
    const { browser, page } = await salesforceSignIn('/signin/salesforce?login=production', w.org.id);
    expectDashboardOf(page, 'admin@acme.example.com', 'Admin');
    expect(sessionOf(browser)).toBeDefined();
    const session = await w.db.query<{ tenant_id: string; signed_in_with: string }>('SELECT tenant_id, signed_in_with FROM vendor_sessions ORDER BY created_at DESC LIMIT 1');
    expect(session.rows[0]).toEqual({ tenant_id: salesforceTenant, signed_in_with: 'salesforce' });
  });

  it('signs a sandbox org’s user in at test.salesforce.com', async () => {
    const sandbox = w.emulators.salesforce.createOrg({ name: 'Acme UAT', sandbox: true, users: [{ username: 'admin@acme.example.com.uat', lastName: 'Admin', email: 'uat-admin@acme.example.com' }] });
    const installer = new ScriptedBrowser();
    const installed = await installer.submit(await installer.open(`${w.url}/oauth/salesforce/install?login=sandbox`), { org_id: sandbox.id, action: 'allow' });
    const tenantId = settingsTenant(installed);
    await addUser(tenantId, 'uat-admin@acme.example.com', 'viewer');
    const { page } = await salesforceSignIn('/signin/salesforce?login=sandbox', sandbox.id);
    expectDashboardOf(page, 'uat-admin@acme.example.com', 'Viewer');
  });

  it('refuses an email the person has not verified at Salesforce', async () => {
    const org = w.emulators.salesforce.createOrg({
      name: 'Initech',
      users: [
        { username: 'admin@initech.example.com', lastName: 'Admin', email: 'admin@initech.example.com' },
        { username: 'peter@initech.example.com', lastName: 'Gibbons', email: 'peter@initech.example.com', emailVerified: false },
      ],
    });
    const tenantId = settingsTenant(await consentSalesforce(new ScriptedBrowser(), w.url, org.id));
    await addUser(tenantId, 'peter@initech.example.com', 'sales_rep');
    const { browser, page } = await salesforceSignIn('/signin/salesforce', org.id, userIdOf(org.id, 'peter@initech.example.com'));
    expect(page.status).toBe(403);
    expect(page.html).toContain('has not verified peter@initech.example.com');
    expect(sessionOf(browser)).toBeUndefined();
  });

  it.each([
    ['audience', { aud: 'SomeOtherClient' }],
    ['nonce', { nonce: 'a-nonce-of-another-sign-in' }],
  ])('refuses an ID token with the wrong %s', async (_what, claims) => {
    w.emulators.salesforce.tamperNextIdToken(claims);
    const { browser, page } = await salesforceSignIn('/signin/salesforce', w.org.id);
    expect(page.status).toBe(400);
    expect(page.html).toContain('Salesforce did not confirm who you are');
    expect(sessionOf(browser)).toBeUndefined();
  });

  it('takes only Salesforce’s own hosts as a My Domain', async () => {
    const res = await fetch(`${w.url}/signin/salesforce?my_domain=${encodeURIComponent('https://evil.example.com')}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('That is not a My Domain');
  });
});

describe('Sign in with a configured OpenID Connect provider', () => {
  it('offers the provider on the sign-in page', async () => {
    const page = await new ScriptedBrowser().open(`${w.url}/signin`);
    expect(page.html).toContain('Sign in with Acme SSO');
    expect(page.html).not.toContain('/signin/sandbox');
  });

  it('lets an email that is a user of two workspaces choose one', async () => {
    const browser = new ScriptedBrowser();
    const chooser = await browser.submit(await browser.open(`${w.url}/signin/oidc?return=%2Fsettings`), { org_id: w.org.id, action: 'allow' });
    expect(chooser.status).toBe(200);
    expect(chooser.html).toContain('admin@acme.example.com is a Trellis user of these workspaces');
    expect(sessionOf(browser)).toBeUndefined();
    const forms = [...chooser.html.matchAll(/name="tenant" value="([^"]+)"/g)].map((m) => m[1]);
    expect(forms.sort()).toEqual([hubspotTenant, salesforceTenant].sort());

    // Another browser cannot use this browser's choice.
    const elsewhere = await new ScriptedBrowser().submit(chooser, {}, '/signin/oidc/choose');
    expect(elsewhere.status).toBe(400);

    const settings = await browser.submit(chooser, choiceOf(chooser, hubspotTenant));
    expect(settings.status).toBe(200);
    expect(settings.url).toBe(`${w.url}/settings?tenant=${hubspotTenant}`);
    expect(settings.html).toContain('Signed in as admin@acme.example.com (Admin)');
  });

  it('signs an email known to one workspace straight in', async () => {
    const org = w.emulators.salesforce.createOrg({ name: 'Umbrella', users: [{ username: 'ada@umbrella.example.com', lastName: 'Wong', email: 'ada@umbrella.example.com' }] });
    await addUser(salesforceTenant, 'ada@umbrella.example.com', 'sales_rep');
    const { page } = await salesforceSignIn('/signin/oidc', org.id);
    expectDashboardOf(page, 'ada@umbrella.example.com', 'Sales rep');
  });

  it('refuses an email no workspace knows', async () => {
    const org = w.emulators.salesforce.createOrg({ name: 'Hooli', users: [{ username: 'gavin@hooli.example.com', lastName: 'Belson', email: 'gavin@hooli.example.com' }] });
    const { browser, page } = await salesforceSignIn('/signin/oidc', org.id);
    expect(page.status).toBe(403);
    expect(page.html).toContain('gavin@hooli.example.com is not a Trellis user of any workspace');
    expect(sessionOf(browser)).toBeUndefined();
  });
});

/** The fields of the chooser's button for one workspace (each button is a form of its own). */
function choiceOf(chooser: LoadedPage, tenantId: string): Record<string, string> {
  const form = [...chooser.html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)].find((f) => f[1]!.includes(`value="${tenantId}"`))!;
  return Object.fromEntries([...form[1]!.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')]));
}

describe('Sessions', () => {
  const open = (path: string, cookie: string) => fetch(`${w.url}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` }, redirect: 'manual' });

  it('signs out: the session ends server-side and the sign-in page is shown', async () => {
    await addUser(hubspotTenant, 'sol@acme.example.com', 'viewer');
    w.emulators.hubspot.addPortalUser(w.portal.id, { email: 'sol@acme.example.com' });
    const { browser, page } = await hubspotSignIn('sol@acme.example.com');
    const cookie = sessionOf(browser)!;
    const signedOut = await browser.submit(page, {}, '/signout');
    expect(signedOut.status).toBe(200);
    expect(signedOut.html).toContain('You are signed out.');
    expect(signedOut.html).toContain('Sign in with HubSpot');
    expect(sessionOf(browser)).toBe('');
    const again = await open('/dashboard', cookie);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('Sign in to Trellis');
  });

  it('refuses a sign-out without the page’s form token', async () => {
    const { browser } = await hubspotSignIn('Dana@acme.example.com');
    const cookie = sessionOf(browser)!;
    const res = await fetch(`${w.url}/signout`, { method: 'POST', headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=forged' });
    expect(res.status).toBe(403);
    expect((await open('/dashboard', cookie)).status).toBe(200);
  });

  it('shows the signed-in line on the settings page too', async () => {
    const { browser } = await hubspotSignIn('admin@acme.example.com', w.portal.id, '/settings');
    const settings = await browser.open(`${w.url}/settings`);
    expect(settings.status).toBe(200);
    expect(settings.html).toContain('Signed in as admin@acme.example.com (Admin)');
  });

  it('sends an expired session to the sign-in page', async () => {
    const { browser } = await hubspotSignIn('Dana@acme.example.com');
    const cookie = sessionOf(browser)!;
    w.advanceClock(11 * 3_600_000);
    try {
      const res = await open('/dashboard', cookie);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('Sign in with Salesforce');
    } finally {
      w.advanceClock(-11 * 3_600_000);
    }
  });

  it('ends a removed user’s session', async () => {
    const removed = (await addUser(hubspotTenant, 'rex@acme.example.com', 'sales_rep'))!;
    w.emulators.hubspot.addPortalUser(w.portal.id, { email: 'rex@acme.example.com' });
    const { browser } = await hubspotSignIn('rex@acme.example.com');
    const cookie = sessionOf(browser)!;
    expect((await open('/dashboard', cookie)).status).toBe(200);
    await removeVendorUser(w.db, hubspotTenant, removed.id, new Date());
    expect((await open('/dashboard', cookie)).status).toBe(401);
  });

  it('has no one-click sign-in outside the sandbox', async () => {
    const res = await fetch(`${w.url}/signin/sandbox`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'tenant=x&user=y' });
    expect(res.status).toBe(404);
  });
});
