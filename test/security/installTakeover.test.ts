import { readForm, ScriptedBrowser } from '../../sandbox/demo/browser';
import { consentHubSpot, consentSalesforce, settingsTenant } from '../../sandbox/demo/consent';
import { KEY_PREFIX, makeId } from '../../sandbox/salesforce/ids';
import { getCrmConnection } from '../../src/store/connections';
import { startSecurityWorld, type SecurityWorld } from './world';

const SESSION = 'trellis_session';

/**
 * An attacker who can sign in to a CRM account already connected to a tenant (another user of the
 * portal or org) installs Trellis there from a browser without the tenant's session, hoping to be
 * signed in to that tenant. The flows' own suites (test/integration/install) cover the rest.
 */
describe('install takeover and cross-browser install states', () => {
  let w: SecurityWorld;
  let admin: ScriptedBrowser;
  let tenantId: string;
  const portal = () => w.emulators.hubspot.state.portals[String(hubspotPortal.id)]!;
  let hubspotPortal: { id: number };
  let orgId: string;

  beforeAll(async () => {
    w = await startSecurityWorld();
    hubspotPortal = w.emulators.hubspot.createPortal({ domain: 'acme.example.com', userEmail: 'admin@acme.example.com' });
    orgId = w.emulators.salesforce.createOrg({ name: 'Acme' }).id;
    admin = new ScriptedBrowser();
    tenantId = settingsTenant(await consentHubSpot(admin, w.url, hubspotPortal.id));
    expect(settingsTenant(await consentSalesforce(admin, w.url, orgId, tenantId))).toBe(tenantId);
  });
  afterAll(() => w.close());

  /** Mallory, a second user of the connected account, with what the CRM lets a user choose on its consent page. */
  const mallory = {
    hubspot() {
      const id = w.emulators.hubspot.state.nextUserId++;
      portal().users.push({ id, email: 'mallory@acme.example.com' });
      return { choices: { portal_id: String(hubspotPortal.id), user_email: 'mallory@acme.example.com' }, holdsGrant: () => Object.values(w.emulators.hubspot.state.refreshTokens).some((g) => g.userId === id) || Object.values(w.emulators.hubspot.state.accessTokens).some((g) => g.userId === id) };
    },
    salesforce() {
      const { state } = w.emulators.salesforce;
      const { User: users, Profile: profiles } = state.orgs[orgId]!.records;
      // A user of the org, not an administrator of it (a super admin may reconnect; see crmSuperAdmins.test.ts).
      const standardUser = Object.values(profiles!).find((p) => p.Name === 'Standard User')!.Id as string;
      const id = makeId(KEY_PREFIX.user, ++state.sequence);
      users![id] = { ...Object.values(users!)[0]!, Id: id, Username: 'mallory@acme.example.com', Email: 'mallory@acme.example.com', LastName: 'Mallory', ProfileId: standardUser };
      return { choices: { org_id: orgId, action: 'allow', user_id: id }, holdsGrant: () => [...Object.values(state.refreshTokens), ...Object.values(state.accessTokens)].some((g) => g.userId === id) };
    },
  };

  describe.each(['hubspot', 'salesforce'] as const)('a cookie-less browser installing %s for an account already connected', (crm) => {
    it('gets 403 "ask your Trellis admin", no session; the tenant’s tokens stay and the refused grant is revoked at the CRM', async () => {
      const before = await getCrmConnection(w.db, w.keyring, tenantId, crm);
      const tenants = await w.count('tenants');
      const attacker = mallory[crm]();
      const stranger = new ScriptedBrowser();
      const page = await stranger.submit(await stranger.open(`${w.url}/oauth/${crm}/install`), attacker.choices);
      expect(page.status).toBe(403);
      expect(page.html).toContain('ask your Trellis admin');
      expect(stranger.cookie(w.url, SESSION)).toBeUndefined();
      expect(await getCrmConnection(w.db, w.keyring, tenantId, crm)).toEqual(before);
      expect(await w.count('tenants')).toBe(tenants);
      // The CRM did issue Mallory a grant for Trellis; nothing of it is left alive.
      expect(attacker.holdsGrant()).toBe(false);
    });
  });

  /** Browser A starts an install and consents; the URL the CRM sends it back to, and A's install cookie. */
  async function consentedCallback(crm: 'hubspot' | 'salesforce', choices: Record<string, string>) {
    const start = await fetch(`${w.url}/oauth/${crm}/install`, { redirect: 'manual' });
    const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
    const consentUrl = start.headers.get('location')!;
    const form = readForm({ url: consentUrl, status: 200, html: await (await fetch(consentUrl)).text() });
    const granted = await fetch(form.action, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ...form.fields, ...choices }) });
    const callback = granted.headers.get('location')!;
    expect(callback.startsWith(`${w.url}/oauth/${crm}/callback?`)).toBe(true);
    return { callback, cookie };
  }

  describe.each(['hubspot', 'salesforce'] as const)('a %s install state started in browser A, completed in browser B', (crm) => {
    it('is refused without A’s nonce cookie, or with another, and changes nothing', async () => {
      const choices: Record<string, string> =
        crm === 'hubspot'
          ? { portal_id: String(w.emulators.hubspot.createPortal({ domain: 'initech.example.com', userEmail: 'admin@initech.example.com' }).id) }
          : { org_id: w.emulators.salesforce.createOrg({ name: 'Initech' }).id, action: 'allow' };
      const { callback, cookie } = await consentedCallback(crm, choices);
      const counts = async () => [await w.count('tenants'), await w.count('crm_connections'), await w.count('outbox')];
      const before = await counts();
      for (const headers of [{}, { cookie: cookie.replace(/=[^;]+/, '=browser-b-nonce') }] as Record<string, string>[]) {
        const completed = await fetch(callback, { redirect: 'manual', headers });
        expect(completed.status).toBe(400);
        expect(await completed.text()).toContain('Start the install again from this browser');
        expect(completed.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=`))).toBe(false);
      }
      expect(await counts()).toEqual(before);
    });
  });

  it('never sends a Salesforce install (and so the client secret) to a login host the attacker names', async () => {
    const states = await w.count('oauth_states');
    for (const myDomain of ['evil.example', 'acme.my.salesforce.com.evil.example', 'evil.example/acme.my.salesforce.com', 'acme.my.salesforce.com@evil.example']) {
      const res = await fetch(`${w.url}/oauth/salesforce/install?my_domain=${encodeURIComponent(myDomain)}`, { redirect: 'manual' });
      expect([myDomain, res.status]).toEqual([myDomain, 400]);
      expect(res.headers.get('location')).toBeNull();
    }
    expect((await fetch(`${w.url}/oauth/salesforce/install?login=${encodeURIComponent('https://evil.example')}`, { redirect: 'manual' })).status).toBe(400);
    expect(await w.count('oauth_states')).toBe(states);
  });
});
