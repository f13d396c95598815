import jsforce from 'jsforce';
import { authorize, CLIENT, errorCodeOf, install, oauthClient, startWithOrg, type Installed } from './harness';

describe('Salesforce emulator: OAuth 2 web-server flow with PKCE', () => {
  let clock = Date.parse('2025-03-01T09:00:00Z');
  let installed: Installed;

  beforeAll(async () => {
    installed = await install({ now: () => clock, accessTokenTtlMs: 60_000 });
  });
  afterAll(() => installed.sf.close());

  it('issues tokens shaped like Salesforce’s through jsforce’s OAuth2 with a code verifier', () => {
    const { tokens, org, sf } = installed;
    expect(tokens).toEqual(
      expect.objectContaining({
        access_token: expect.stringMatching(new RegExp(`^${org.id.slice(0, 15)}!`)),
        refresh_token: expect.any(String),
        instance_url: sf.url,
        id: expect.stringMatching(new RegExp(`/id/${org.id}/005\\w{15}$`)),
        token_type: 'Bearer',
        scope: 'api refresh_token',
        issued_at: String(clock),
        signature: expect.any(String),
      }),
    );
  });

  it('answers identity and userinfo for the token’s user and org', async () => {
    const identity = await installed.conn.identity();
    expect(identity).toMatchObject({ organization_id: installed.org.id, username: 'admin@acme.example.com' });
    const res = await fetch(`${installed.sf.url}/services/oauth2/userinfo`, { headers: { authorization: `Bearer ${installed.conn.accessToken}` } });
    expect(await res.json()).toMatchObject({ organization_id: installed.org.id, preferred_username: 'admin@acme.example.com' });
  });

  it('refuses a wrong code verifier, and a code used twice', async () => {
    const { sf, org } = installed;
    const honest = oauthClient(sf);
    const callback = await authorize(honest.getAuthorizationUrl({ state: 's' }), org.id);
    const code = callback.searchParams.get('code')!;
    const impostor = oauthClient(sf); // a different random verifier
    await expect(impostor.requestToken(code)).rejects.toMatchObject({ name: 'invalid_grant', message: 'invalid code verifier' });
    // The failed exchange consumed the code.
    await expect(honest.requestToken(code)).rejects.toMatchObject({ name: 'invalid_grant' });
  });

  it('checks client secret and redirect_uri, and reports errors as {error, error_description}', async () => {
    const { sf, org } = installed;
    const oauth2 = oauthClient(sf);
    const code = (await authorize(oauth2.getAuthorizationUrl(), org.id)).searchParams.get('code')!;
    const post = (params: Record<string, string>) =>
      fetch(`${sf.url}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams(params) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(await post({ grant_type: 'authorization_code', code, client_id: CLIENT.clientId, client_secret: 'wrong', redirect_uri: CLIENT.redirectUri })).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    });
    expect(await post({ grant_type: 'authorization_code', code: 'nope', client_id: 'unknown', client_secret: 'x', redirect_uri: CLIENT.redirectUri })).toEqual({
      status: 400,
      body: { error: 'invalid_client_id', error_description: 'client identifier invalid' },
    });
    expect((await post({ grant_type: 'password', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret })).body.error).toBe('unsupported_grant_type');
  });

  it('sends denials and bad callbacks back the way Salesforce does', async () => {
    const { sf, org } = installed;
    const denied = await authorize(oauthClient(sf).getAuthorizationUrl({ state: 'abc' }), org.id, 'deny');
    expect(Object.fromEntries(denied.searchParams)).toEqual({ error: 'access_denied', error_description: 'end-user denied authorization', state: 'abc' });
    const wrongCallback = new jsforce.OAuth2({ loginUrl: sf.url, clientId: CLIENT.clientId, redirectUri: 'https://evil.example.com/cb' });
    const page = await fetch(wrongCallback.getAuthorizationUrl());
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('redirect_uri_mismatch');
  });

  it('expires access tokens with 401 INVALID_SESSION_ID, which jsforce answers by refreshing', async () => {
    const { sf, tokens, conn } = installed;
    clock += 61_000;
    const raw = await fetch(`${sf.url}/services/data/v62.0/sobjects`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const refreshed = new Promise<string>((resolve) => conn.once('refresh', resolve));
    await conn.sobject('Account').create({ Name: 'After refresh' });
    expect(await refreshed).not.toBe(tokens.access_token);
  });

  it('refuses a refresh with a wrong client secret as invalid_client, and the grant lives on (RFC 6749 §5.2)', async () => {
    const { tokens, sf } = installed;
    const misconfigured = new jsforce.OAuth2({ loginUrl: sf.url, clientId: CLIENT.clientId, clientSecret: 'rotated-away', redirectUri: CLIENT.redirectUri });
    await expect(misconfigured.refreshToken(tokens.refresh_token!)).rejects.toMatchObject({ name: 'invalid_client', message: 'invalid client credentials' });
    await expect(installed.oauth2.refreshToken(tokens.refresh_token!)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('refreshes with the refresh_token grant and revokes sessions with the refresh token', async () => {
    const { oauth2, tokens, sf } = installed;
    const refreshed = await oauth2.refreshToken(tokens.refresh_token!);
    expect(refreshed).toMatchObject({ instance_url: sf.url, token_type: 'Bearer' });
    expect(refreshed).not.toHaveProperty('refresh_token');
    await oauth2.revokeToken(tokens.refresh_token!);
    const conn = new jsforce.Connection({ instanceUrl: sf.url, accessToken: refreshed.access_token, version: '62.0' });
    expect(await errorCodeOf(conn.query('SELECT Id FROM Account'))).toBe('INVALID_SESSION_ID');
    await expect(oauth2.refreshToken(tokens.refresh_token!)).rejects.toMatchObject({ name: 'invalid_grant' });
  });

  it('keeps orgs apart: a token only sees its own org', async () => {
    const { sf } = await startWithOrg({}, { name: 'Globex' });
    try {
      const first = sf.createOrg({ name: 'Initech' });
      const second = Object.values(sf.state.orgs).find((o) => o.name === 'Globex')!;
      const oauth2 = oauthClient(sf);
      const code = (await authorize(oauth2.getAuthorizationUrl(), first.id)).searchParams.get('code')!;
      const tokens = await oauth2.requestToken(code);
      const conn = new jsforce.Connection({ instanceUrl: sf.url, accessToken: tokens.access_token, version: '62.0' });
      sf.createRecord(second.id, 'Account', { Name: 'Globex only' });
      expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(0);
      expect(second.id).toMatch(/^00D[a-zA-Z0-9]{15}$/);
    } finally {
      await sf.close();
    }
  });
});
