import { ScriptedBrowser } from '../../../sandbox/demo/browser';
import { consentHubSpot, settingsTenant } from '../../../sandbox/demo/consent';
import { EVERY_PARTNER } from '../../../src/domain/access';
import { SESSION_COOKIE } from '../../../src/install/session';
import { insertVendorUser } from '../../../src/store/vendorUsers';
import { startInstallWorld, type InstallWorld } from './world';

/** The sandbox is a local demo: its sign-in page signs in as any user of any workspace in one click. */
let w: InstallWorld;
beforeAll(async () => {
  w = await startInstallWorld('postgres', {}, () => ({ signIn: { oidc: null, demoUsers: true } }));
  const tenantId = settingsTenant(await consentHubSpot(new ScriptedBrowser(), w.url, w.portal.id));
  await insertVendorUser(w.db, tenantId, { email: 'dana@acme.example.com', displayName: 'Dana Reyes', role: 'partner_manager', scope: EVERY_PARTNER, createdBy: 'test' }, new Date());
});
afterAll(() => w.close());

describe('Sandbox one-click sign-in', () => {
  it('lists every user with their role and signs one in with a click', async () => {
    const browser = new ScriptedBrowser();
    const page = await browser.open(`${w.url}/signin?return=%2Fdashboard`);
    expect(page.html).toContain('Sign in as Dana Reyes — Partner manager');
    expect(page.html).toContain('Sign in as admin@acme.example.com — Admin');
    const dashboard = await browser.submit(page, { user: /name="user" value="([^"]+)"><input type="hidden" name="return" value="\/dashboard"><button class="secondary">Sign in as Dana/.exec(page.html)![1]! }, '/signin/sandbox');
    expect(dashboard.status).toBe(200);
    expect(dashboard.html).toContain('Signed in as dana@acme.example.com (Partner manager)');
    expect(browser.cookie(w.url, SESSION_COOKIE)).toBeDefined();

    // Signing in again as someone else ends the first session: its token opens nothing any more.
    const first = browser.cookie(w.url, SESSION_COOKIE)!;
    const again = await browser.open(`${w.url}/signin`);
    const admin = await browser.submit(again, { user: /name="user" value="([^"]+)">(?:(?!<\/form>).)*?Sign in as admin@acme/s.exec(again.html)![1]! }, '/signin/sandbox');
    expect(admin.html).toContain('Signed in as admin@acme.example.com (Admin)');
    expect(browser.cookie(w.url, SESSION_COOKIE)).not.toBe(first);
    expect((await fetch(`${w.url}/dashboard`, { headers: { cookie: `${SESSION_COOKIE}=${first}` } })).status).toBe(401);
  });

  it('refuses a click without the page’s signed form token', async () => {
    const res = await fetch(`${w.url}/signin/sandbox`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=1.forged&tenant=x&user=y' });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});
