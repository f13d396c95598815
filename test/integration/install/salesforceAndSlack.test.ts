import { KEY_PREFIX, makeId } from '../../../sandbox/salesforce/ids';
import { WebClient } from '@slack/web-api';
import { Connection, OAuth2 } from 'jsforce';
import { readForm, ScriptedBrowser } from '../../../sandbox/demo/browser';
import { consentHubSpot, consentSalesforce, consentSlack, settingsTenant } from '../../../sandbox/demo/consent';
import { getCrmConnection } from '../../../src/store/connections';
import { getSlackInstallation } from '../../../src/store/slackInstallations';
import { startInstallWorld, type InstallWorld } from './world';

let w: InstallWorld;
let browser: ScriptedBrowser;
let tenantId: string;
beforeAll(async () => {
  w = await startInstallWorld('embedded');
  browser = new ScriptedBrowser();
  tenantId = settingsTenant(await consentHubSpot(browser, w.url, w.portal.id));
});
afterAll(() => w.close());

const salesforceApp = () => new OAuth2({ loginUrl: w.emulators.salesforce.url, clientId: w.install.salesforce.clientId, clientSecret: w.install.salesforce.clientSecret! });

describe('Salesforce install (web-server flow with PKCE)', () => {
  it('sends an S256 challenge and keeps the verifier server-side with the state', async () => {
    const res = await fetch(`${w.url}/oauth/salesforce/install`, { redirect: 'manual' });
    const target = new URL(res.headers.get('location')!);
    expect(target.origin + target.pathname).toBe(`${w.emulators.salesforce.url}/services/oauth2/authorize`);
    expect(target.searchParams.get('code_challenge_method')).toBe('S256');
    expect(target.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(target.searchParams.has('code_verifier')).toBe(false);
    const nonce = target.searchParams.get('state')!.split('.')[0];
    const row = await w.db.query<{ code_verifier_enc: string }>('SELECT code_verifier_enc FROM oauth_states WHERE nonce = $1', [nonce]);
    expect(row.rows[0]!.code_verifier_enc).toMatch(/^v2\./);
  });

  it('adds Salesforce to the tenant whose settings session asks, keeping instance_url and the org id', async () => {
    const settings = await consentSalesforce(browser, w.url, w.org.id, tenantId);
    expect(settingsTenant(settings)).toBe(tenantId);
    expect(settings.html).toContain('Salesforce is connected');
    const connection = (await getCrmConnection(w.db, w.keyring, tenantId, 'salesforce'))!;
    expect(connection).toMatchObject({ externalAccountId: w.org.id, instanceUrl: w.emulators.salesforce.url, status: 'active' });
    const conn = new Connection({ instanceUrl: connection.instanceUrl!, accessToken: connection.accessToken, version: '62.0' });
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(0);
    const stored = await w.db.query<{ access_token_enc: string }>("SELECT access_token_enc FROM crm_connections WHERE crm = 'salesforce'");
    expect(stored.rows[0]!.access_token_enc).not.toContain(connection.accessToken);
  });

  it('refuses ?tenant= without that tenant’s session', async () => {
    const res = await fetch(`${w.url}/oauth/salesforce/install?tenant=${tenantId}`, { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Sign in first');
  });

  it('refuses another user of the connected org, in a browser without the tenant’s session: no session, tokens untouched', async () => {
    const before = (await getCrmConnection(w.db, w.keyring, tenantId, 'salesforce'))!;
    // A second user of the org, not an administrator (users are set up in Setup, not inserted through the API).
    const { state } = w.emulators.salesforce;
    const { User: users, Profile: profiles } = state.orgs[w.org.id]!.records;
    const standardUser = Object.values(profiles!).find((p) => p.Name === 'Standard User')!.Id as string;
    const mallory = makeId(KEY_PREFIX.user, ++state.sequence);
    users![mallory] = { ...Object.values(users!)[0]!, Id: mallory, Username: 'mallory@acme.example.com', Email: 'mallory@acme.example.com', LastName: 'Mallory', ProfileId: standardUser };
    const stranger = new ScriptedBrowser();
    const page = await stranger.submit(await stranger.open(`${w.url}/oauth/salesforce/install`), { org_id: w.org.id, action: 'allow', user_id: mallory });
    expect(page.status).toBe(403);
    expect(page.html).toContain('This account is already connected to Trellis; ask your Trellis admin');
    expect(stranger.cookie(w.url, 'trellis_session')).toBeUndefined();
    expect(await getCrmConnection(w.db, w.keyring, tenantId, 'salesforce')).toEqual(before);
    await expect(salesforceApp().refreshToken(before.refreshToken!)).resolves.toMatchObject({ access_token: expect.any(String) });
    const audit = await w.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE tenant_id = $1 AND action = 'crm_connection.takeover_refused'", [tenantId]);
    expect(audit.rows).toEqual([{ actor: 'salesforce:mallory@acme.example.com' }]);
  });

  it('reconnects the org for the admin’s browser and revokes the replaced refresh token at Salesforce', async () => {
    const before = (await getCrmConnection(w.db, w.keyring, tenantId, 'salesforce'))!;
    expect(settingsTenant(await consentSalesforce(browser, w.url, w.org.id))).toBe(tenantId);
    const after = (await getCrmConnection(w.db, w.keyring, tenantId, 'salesforce'))!;
    expect(after.id).toBe(before.id);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    await expect(salesforceApp().refreshToken(before.refreshToken!)).rejects.toMatchObject({ name: 'invalid_grant' });
    await expect(salesforceApp().refreshToken(after.refreshToken!)).resolves.toMatchObject({ access_token: expect.any(String) });
  });

  it('gives an org installed without a session its own tenant', async () => {
    const other = w.emulators.salesforce.createOrg({ name: 'Globex' });
    const settings = await consentSalesforce(new ScriptedBrowser(), w.url, other.id);
    const otherTenant = settingsTenant(settings);
    expect(otherTenant).not.toBe(tenantId);
    expect((await w.db.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [otherTenant])).rows[0]!.name).toBe('globex.example.com');
  });
});

describe('Slack install', () => {
  it('needs a settings session: a workspace belongs to an existing tenant', async () => {
    const res = await fetch(`${w.url}/oauth/slack/install`, { redirect: 'manual' });
    expect(res.status).toBe(401);
  });

  it('refuses a state the admin started when another browser completes it', async () => {
    const consent = await browser.open(`${w.url}/oauth/slack/install?tenant=${tenantId}`);
    const form = readForm(consent);
    const choices = { team: w.slack.teamId, user: w.slack.userId, channel: w.slack.channelId, decision: 'allow' };
    const granted = await fetch(form.action, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ...form.fields, ...choices }) });
    const elsewhere = await fetch(granted.headers.get('location')!, { redirect: 'manual' });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('Start the install again from this browser');
    expect(await getSlackInstallation(w.db, w.keyring, tenantId)).toBeNull();
  });

  it('stores the bot token encrypted, with the alerts channel the admin picked', async () => {
    const settings = await consentSlack(browser, w.url, tenantId, w.slack);
    expect(settingsTenant(settings)).toBe(tenantId);
    expect(settings.html).toContain('Slack is connected');
    // The channel is named as people know it, not by its id.
    expect(settings.html).toMatch(/alerts to #[a-z-]+/);
    expect(settings.html).not.toContain(`alerts to ${w.slack.channelId}`);
    const installation = (await getSlackInstallation(w.db, w.keyring, tenantId))!;
    expect(installation).toMatchObject({ teamId: w.slack.teamId, teamName: 'Acme Partners', defaultChannelId: w.slack.channelId, installedBy: w.slack.userId });
    expect(installation.botToken).toMatch(/^xoxb-/);
    const client = new WebClient(installation.botToken, { slackApiUrl: w.emulators.slack.apiUrl });
    expect((await client.auth.test()).team_id).toBe(w.slack.teamId);
    const stored = await w.db.query<{ bot_token_enc: string }>('SELECT bot_token_enc FROM slack_installations WHERE tenant_id = $1', [tenantId]);
    expect(stored.rows[0]!.bot_token_enc).not.toContain(installation.botToken);
  });
});
