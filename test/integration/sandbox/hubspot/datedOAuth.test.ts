import { startHubSpotEmulator, type RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { failure, installThroughConsent, REDIRECT_URL, sdk } from './helpers';

/**
 * The dated OAuth endpoints and the v1 sunset (platform-rules §1.6, rules H7, H8): form-encoded,
 * secrets in the body [hs-v1dep]; refusals as `{error, error_description, status, message}` [hs-v3].
 */
const SCOPES = ['oauth', 'crm.objects.contacts.read'];

describe('HubSpot emulator: /oauth/2026-03 endpoints', () => {
  let emulator: RunningHubSpotEmulator;
  let clock: number;
  let app: ReturnType<RunningHubSpotEmulator['registerApp']>;
  let other: ReturnType<RunningHubSpotEmulator['registerApp']>;
  let portalId: number;

  beforeAll(async () => {
    clock = Date.parse('2026-12-01T00:00:00Z');
    emulator = await startHubSpotEmulator({ now: () => clock });
    app = emulator.registerApp({ name: 'Trellis', redirectUrls: [REDIRECT_URL], scopes: SCOPES });
    other = emulator.registerApp({ name: 'Other', redirectUrls: [REDIRECT_URL], scopes: SCOPES });
    portalId = emulator.createPortal({ domain: 'acme.example.com' }).id;
  });
  afterAll(() => emulator.close());

  const post = async (path: string, fields: Record<string, string>) => {
    const res = await fetch(`${emulator.url}/oauth/2026-03/${path}`, { method: 'POST', body: new URLSearchParams(fields) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const secrets = () => ({ client_id: app.clientId, client_secret: app.clientSecret });

  async function authorizationCode(): Promise<string> {
    const fields = { client_id: app.clientId, redirect_uri: REDIRECT_URL, scope: SCOPES.join(' '), portal_id: String(portalId) };
    const res = await fetch(`${emulator.url}/oauth/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams(fields) });
    return new URL(res.headers.get('location')!).searchParams.get('code')!;
  }

  it('trades a code and refreshes at /oauth/2026-03/token, answering hub_id and scopes (hs-v1dep, hs-tokfields)', async () => {
    const issued = await post('token', { grant_type: 'authorization_code', code: await authorizationCode(), redirect_uri: REDIRECT_URL, ...secrets() });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token_type: 'bearer', hub_id: portalId, scopes: SCOPES, expires_in: 1800 });
    await expect(sdk(emulator, issued.body.access_token).crm.contacts.basicApi.getPage()).resolves.toBeDefined();

    const refreshed = await post('token', { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token, ...secrets() });
    expect(refreshed.body).toMatchObject({ refresh_token: issued.body.refresh_token, hub_id: portalId, scopes: SCOPES });
    expect(refreshed.body.access_token).not.toBe(issued.body.access_token);
  });

  it('refuses a dead, unknown, foreign or revoked refresh token with 400 invalid_grant / BAD_REFRESH_TOKEN (H7, hs-v3, nango)', async () => {
    const { refreshToken } = await installThroughConsent(emulator, app, portalId, SCOPES);
    const foreign = await installThroughConsent(emulator, other, portalId, SCOPES);
    await post('token/revoke', { token: refreshToken, token_type_hint: 'refresh_token', ...secrets() });
    for (const token of [refreshToken, 'na1-unknown', foreign.refreshToken, '']) {
      const refused = await post('token', { grant_type: 'refresh_token', refresh_token: token, ...secrets() });
      expect(refused).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'refresh token is invalid, expired or revoked', status: 'BAD_REFRESH_TOKEN', message: 'refresh token is invalid, expired or revoked' },
      });
    }
  });

  it('refuses a wrong client secret or unknown client id with invalid_client, whatever the grant (H7, RFC 6749 §5.2)', async () => {
    const { refreshToken } = await installThroughConsent(emulator, app, portalId, SCOPES);
    const wrongSecret = await post('token', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: app.clientId, client_secret: 'rotated-away' });
    expect(wrongSecret).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_client', status: 'BAD_CLIENT_SECRET' }) });
    const unknownClient = await post('token', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'nobody', client_secret: app.clientSecret });
    expect(unknownClient.body).toMatchObject({ error: 'invalid_client', status: 'BAD_CLIENT_ID' });
    expect(typeof wrongSecret.body.error_description).toBe('string');
    // The grant itself is untouched: the right secret still refreshes it.
    expect((await post('token', { grant_type: 'refresh_token', refresh_token: refreshToken, ...secrets() })).status).toBe(200);
  });

  it('refuses a reused code, a wrong redirect and an unknown grant type with RFC 6749 codes', async () => {
    const code = await authorizationCode();
    const wrongRedirect = await post('token', { grant_type: 'authorization_code', code, redirect_uri: 'https://other.example.com', ...secrets() });
    expect(wrongRedirect.body).toMatchObject({ error: 'invalid_grant', status: 'BAD_REDIRECT_URI' });
    const once = await authorizationCode();
    expect((await post('token', { grant_type: 'authorization_code', code: once, redirect_uri: REDIRECT_URL, ...secrets() })).status).toBe(200);
    expect((await post('token', { grant_type: 'authorization_code', code: once, redirect_uri: REDIRECT_URL, ...secrets() })).body).toMatchObject({ error: 'invalid_grant', status: 'BAD_AUTH_CODE' });
    expect((await post('token', { grant_type: 'password', ...secrets() })).body).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('introspects live tokens for their own app, and calls anything else inactive (hs-introspect)', async () => {
    const installed = await installThroughConsent(emulator, app, portalId, SCOPES);
    const access = await post('token/introspect', { token: installed.accessToken, token_type_hint: 'access_token', ...secrets() });
    expect(access).toEqual({ status: 200, body: expect.objectContaining({ active: true, hub_id: portalId, scopes: SCOPES, user: 'admin@acme.example.com', hub_domain: 'acme.example.com' }) });
    expect((await post('token/introspect', { token: installed.refreshToken, ...secrets() })).body).toMatchObject({ active: true, token_type: 'refresh_token' });
    expect((await post('token/introspect', { token: installed.accessToken, client_id: other.clientId, client_secret: other.clientSecret })).body).toEqual({ active: false });
    expect((await post('token/introspect', { token: installed.accessToken, client_id: app.clientId, client_secret: 'wrong' })).body).toMatchObject({ error: 'invalid_client' });
    clock += 1801_000;
    expect((await post('token/introspect', { token: installed.accessToken, ...secrets() })).body).toEqual({ active: false });
  });

  it('revokes a refresh token (its access tokens stop working) and answers 200 for an unknown one (RFC 7009)', async () => {
    const installed = await installThroughConsent(emulator, app, portalId, SCOPES);
    expect((await post('token/revoke', { token: installed.refreshToken, ...secrets() })).status).toBe(200);
    expect((await failure(installed.client.crm.contacts.basicApi.getPage())).code).toBe(401);
    expect((await post('token/revoke', { token: installed.refreshToken, ...secrets() })).status).toBe(200);
    expect((await post('token/revoke', { token: 'na1-unknown', client_id: app.clientId, client_secret: 'wrong' })).body).toMatchObject({ error: 'invalid_client' });
  });
});

describe('HubSpot emulator: the v1 OAuth sunset (H8, hs-v1dep, hs-mig)', () => {
  it('serves /oauth/v1 until 2027-02-16 and refuses it from then on, while the dated endpoints go on', async () => {
    let clock = Date.parse('2027-02-15T23:59:00Z');
    const emulator = await startHubSpotEmulator({ now: () => clock });
    try {
      const app = emulator.registerApp({ name: 'Trellis', redirectUrls: [REDIRECT_URL], scopes: SCOPES });
      const portalId = emulator.createPortal().id;
      const { refresh_token: refreshToken } = emulator.installApp(app.clientId, portalId);
      const refresh = (version: 'v1' | '2026-03') =>
        fetch(`${emulator.url}/oauth/${version}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: app.clientId, client_secret: app.clientSecret }) });
      expect((await refresh('v1')).status).toBe(200);
      clock = Date.parse('2027-02-16T00:00:00Z');
      const gone = await refresh('v1');
      expect(gone.status).toBe(404);
      expect(await gone.json()).toMatchObject({ status: 'error', message: expect.stringContaining('2026-03') });
      expect((await fetch(`${emulator.url}/oauth/v1/refresh-tokens/${refreshToken}`)).status).toBe(404);
      expect((await refresh('2026-03')).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it('switches v1 off now when told to, to rehearse the sunset', async () => {
    const emulator = await startHubSpotEmulator({ oauthV1SunsetAt: 0 });
    try {
      const app = emulator.registerApp({ name: 'Trellis', redirectUrls: [REDIRECT_URL], scopes: SCOPES });
      const { access_token: accessToken } = emulator.installApp(app.clientId, emulator.createPortal().id);
      expect((await failure(sdk(emulator).oauth.accessTokensApi.get(accessToken))).code).toBe(404);
    } finally {
      await emulator.close();
    }
  });
});
