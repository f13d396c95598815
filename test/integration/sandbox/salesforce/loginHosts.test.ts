import { Connection, OAuth2 } from 'jsforce';
import { authorize, CLIENT, startWithOrg } from './harness';
import type { RunningSalesforceEmulator } from '../../../../sandbox/salesforce';

/**
 * S5 [sf-ep]: production orgs log in at login.salesforce.com, sandboxes at test.salesforce.com, every
 * org at its My Domain; a grant is refreshed only at one of its org's hosts. The emulator serves
 * each host under `/hosts/{host}` (its root is login.salesforce.com).
 */
describe('Salesforce emulator: login hosts and refresh-token rotation (S5)', () => {
  let sf: RunningSalesforceEmulator;
  let sandboxOrgId: string;
  let myDomainOrgId: string;
  const at = (host: string) => `${sf.url}/hosts/${host}`;
  const client = (loginUrl: string) => new OAuth2({ loginUrl, ...CLIENT, useVerifier: true });

  async function connect(loginUrl: string, orgId: string) {
    const oauth2 = client(loginUrl);
    const code = (await authorize(oauth2.getAuthorizationUrl({ scope: 'api refresh_token' }), orgId)).searchParams.get('code')!;
    return (await oauth2.requestToken(code)) as { access_token: string; refresh_token: string; instance_url: string; id: string };
  }

  beforeAll(async () => {
    ({ sf } = await startWithOrg());
    sandboxOrgId = sf.createOrg({ name: 'Acme UAT', sandbox: true, myDomain: 'acme--uat' }).id;
    myDomainOrgId = sf.createOrg({ name: 'Globex', myDomain: 'globex', refreshTokenRotation: true }).id;
  });
  afterAll(() => sf.close());

  it('names the sandbox login host in the identity URL and the sandbox My Domain in instance_url', async () => {
    const tokens = await connect(at('test.salesforce.com'), sandboxOrgId);
    expect(tokens.id).toMatch(new RegExp(`^${at('test.salesforce.com')}/id/${sandboxOrgId}/005\\w{15}$`));
    expect(tokens.instance_url).toBe(at('acme--uat.sandbox.my.salesforce.com'));
    const conn = new Connection({ instanceUrl: tokens.instance_url, accessToken: tokens.access_token, version: '62.0' });
    expect((await conn.identity()).organization_id).toBe(sandboxOrgId);
  });

  it('does not let a sandbox user log in at login.salesforce.com', async () => {
    const url = client(sf.url).getAuthorizationUrl();
    const page = await (await fetch(url)).text();
    expect(page).not.toContain(sandboxOrgId);
    await expect(authorize(url, sandboxOrgId)).rejects.toThrow('authorize answered 400');
  });

  it('refreshes a sandbox grant at test.salesforce.com or its My Domain, and refuses it at login.salesforce.com', async () => {
    const tokens = await connect(at('test.salesforce.com'), sandboxOrgId);
    await expect(client(sf.url).refreshToken(tokens.refresh_token)).rejects.toMatchObject({ name: 'invalid_grant', message: 'expired access/refresh token' });
    await expect(client(at('login.salesforce.com')).refreshToken(tokens.refresh_token)).rejects.toMatchObject({ name: 'invalid_grant' });
    await expect(client(at('globex.my.salesforce.com')).refreshToken(tokens.refresh_token)).rejects.toMatchObject({ name: 'invalid_grant' });
    expect((await client(at('test.salesforce.com')).refreshToken(tokens.refresh_token)).access_token).toMatch(/^00D/);
    expect((await client(at('acme--uat.sandbox.my.salesforce.com')).refreshToken(tokens.refresh_token)).access_token).toMatch(/^00D/);
  });

  it('installs at a My Domain: production identity host, My Domain instance', async () => {
    const tokens = await connect(at('globex.my.salesforce.com'), myDomainOrgId);
    expect(tokens.id.startsWith(`${sf.url}/id/${myDomainOrgId}/`)).toBe(true);
    expect(tokens.instance_url).toBe(at('globex.my.salesforce.com'));
    await expect(client(at('test.salesforce.com')).refreshToken(tokens.refresh_token)).rejects.toMatchObject({ name: 'invalid_grant' });
    // The session works at the org's own instance, not at another org's My Domain.
    const query = (instanceUrl: string) => new Connection({ instanceUrl, accessToken: tokens.access_token, version: '62.0' }).query('SELECT Id FROM Account');
    expect((await query(tokens.instance_url)).totalSize).toBe(0);
    await expect(query(at('acme--uat.sandbox.my.salesforce.com'))).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });

  it('with rotation on, hands out a new refresh token on each refresh and refuses the one used', async () => {
    const tokens = await connect(at('globex.my.salesforce.com'), myDomainOrgId);
    const oauth2 = client(at('globex.my.salesforce.com'));
    const first = await oauth2.refreshToken(tokens.refresh_token);
    expect(first.refresh_token).toEqual(expect.any(String));
    expect(first.refresh_token).not.toBe(tokens.refresh_token);
    await expect(oauth2.refreshToken(tokens.refresh_token)).rejects.toMatchObject({ name: 'invalid_grant' });
    const second = await oauth2.refreshToken(first.refresh_token!);
    expect(second.refresh_token).not.toBe(first.refresh_token);
  });

  it('creates an org of either kind over the admin API, naming where it logs in', async () => {
    const res = await fetch(`${sf.url}/_admin/orgs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Initech Staging', sandbox: true, myDomain: 'initech--staging' }),
    });
    expect(await res.json()).toMatchObject({ sandbox: true, loginHosts: ['test.salesforce.com', 'initech--staging.sandbox.my.salesforce.com'], instanceHost: 'initech--staging.sandbox.my.salesforce.com' });
  });

  it('without rotation, keeps the refresh token and sends none back', async () => {
    const tokens = await connect(at('test.salesforce.com'), sandboxOrgId);
    const oauth2 = client(at('test.salesforce.com'));
    expect((await oauth2.refreshToken(tokens.refresh_token)).refresh_token).toBeUndefined();
    expect((await oauth2.refreshToken(tokens.refresh_token)).access_token).toMatch(/^00D/);
  });
});
