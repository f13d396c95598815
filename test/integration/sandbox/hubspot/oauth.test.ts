import { startHubSpotEmulator, type RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { failure, installThroughConsent, REDIRECT_URL, sdk } from './helpers';

const SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write'];

describe('HubSpot emulator: OAuth 2', () => {
  let emulator: RunningHubSpotEmulator;
  let clock: number;
  let app: ReturnType<RunningHubSpotEmulator['registerApp']>;
  let portalA: number;
  let portalB: number;

  beforeAll(async () => {
    clock = Date.parse('2025-01-01T00:00:00Z');
    emulator = await startHubSpotEmulator({ now: () => clock, accessTokenLifetimeSeconds: 60 });
    app = emulator.registerApp({
      name: 'Trellis <PRM>',
      redirectUrls: [REDIRECT_URL],
      scopes: SCOPES,
      optionalScopes: ['crm.objects.deals.read'],
    });
    portalA = emulator.createPortal({ domain: 'a.example.com' }).id;
    portalB = emulator.createPortal({ domain: 'b.example.com' }).id;
  });
  afterAll(() => emulator.close());

  it('renders a consent page listing the portals and escaping the app name', async () => {
    const query = new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT_URL, scope: SCOPES.join(' ') });
    const res = await fetch(`${emulator.url}/oauth/authorize?${query}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Trellis &lt;PRM&gt;');
    expect(html).toContain(`value="${portalA}"`);
    expect(html).toContain(`value="${portalB}"`);
  });

  it('refuses an unregistered redirect URL or mismatching scopes on the consent page', async () => {
    const bad = new URLSearchParams({ client_id: app.clientId, redirect_uri: 'https://evil.example.com', scope: SCOPES.join(' ') });
    expect((await fetch(`${emulator.url}/oauth/authorize?${bad}`)).status).toBe(400);
    const fewer = new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT_URL, scope: SCOPES[0]! });
    expect((await fetch(`${emulator.url}/oauth/authorize?${fewer}`)).status).toBe(400);
  });

  it('completes the code grant through the SDK, then refreshes and inspects the tokens', async () => {
    const installed = await installThroughConsent(emulator, app, portalA, SCOPES);
    const client = sdk(emulator);

    const info = await client.oauth.accessTokensApi.get(installed.accessToken);
    expect(info).toMatchObject({ hubId: portalA, appId: app.id, scopes: SCOPES, tokenType: 'access', expiresIn: 60 });
    expect(info.user).toBe('admin@a.example.com');

    const refreshed = await client.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      app.clientId,
      app.clientSecret,
      installed.refreshToken,
    );
    expect(refreshed).toMatchObject({ refreshToken: installed.refreshToken, tokenType: 'bearer', expiresIn: 60 });
    expect(refreshed.accessToken).not.toBe(installed.accessToken);

    const refreshInfo = await client.oauth.refreshTokensApi.get(installed.refreshToken);
    expect(refreshInfo).toMatchObject({ hubId: portalA, clientId: app.clientId, tokenType: 'refresh' });
  });

  it('answers the raw token endpoint in HubSpot snake_case', async () => {
    const query = new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT_URL, scope: SCOPES.join(' '), state: 's1' });
    const redirect = await fetch(`${emulator.url}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ ...Object.fromEntries(query), portal_id: String(portalB) }),
    });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT_URL);
    expect(location.searchParams.get('state')).toBe('s1');
    const res = await fetch(`${emulator.url}/oauth/v1/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        redirect_uri: REDIRECT_URL,
        code: location.searchParams.get('code')!,
      }),
    });
    const body = await res.json();
    // hub_id and scopes are part of the answer since 2025-08-18 [hs-tokfields].
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'hub_id', 'refresh_token', 'scopes', 'token_type']);
    expect(body).toMatchObject({ hub_id: portalB, scopes: SCOPES });
  });

  it('uses codes once and rejects a wrong secret or redirect with HubSpot error bodies', async () => {
    const query = new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT_URL, scope: SCOPES.join(' ') });
    const code = async () => {
      const res = await fetch(`${emulator.url}/oauth/authorize`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ ...Object.fromEntries(query), portal_id: String(portalA) }),
      });
      return new URL(res.headers.get('location')!).searchParams.get('code')!;
    };
    const tokens = sdk(emulator).oauth.tokensApi;

    const wrongSecret = await failure(tokens.create('authorization_code', await code(), REDIRECT_URL, app.clientId, 'nope'));
    expect(wrongSecret.code).toBe(400);
    expect(wrongSecret.body).toMatchObject({ status: 'BAD_CLIENT_SECRET' });

    const wrongRedirect = await failure(
      tokens.create('authorization_code', await code(), 'https://other.example.com', app.clientId, app.clientSecret),
    );
    expect(wrongRedirect.body).toMatchObject({ status: 'BAD_REDIRECT_URI' });

    const once = await code();
    await tokens.create('authorization_code', once, REDIRECT_URL, app.clientId, app.clientSecret);
    const reused = await failure(tokens.create('authorization_code', once, REDIRECT_URL, app.clientId, app.clientSecret));
    expect(reused.body).toMatchObject({ status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code' });
    expect(typeof reused.body.correlationId).toBe('string');
  });

  it('answers 401 for missing, expired and revoked tokens', async () => {
    const installed = await installThroughConsent(emulator, app, portalA, SCOPES);
    const missing = await failure(sdk(emulator).crm.contacts.basicApi.getPage());
    expect(missing.code).toBe(401);
    expect(missing.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });

    clock += 61_000;
    const expired = await failure(installed.client.crm.contacts.basicApi.getPage());
    expect(expired.code).toBe(401);
    expect(expired.body).toMatchObject({ category: 'EXPIRED_AUTHENTICATION' });

    const fresh = await sdk(emulator).oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      app.clientId,
      app.clientSecret,
      installed.refreshToken,
    );
    const client = sdk(emulator, fresh.accessToken);
    await expect(client.crm.contacts.basicApi.getPage()).resolves.toBeDefined();

    await sdk(emulator).oauth.refreshTokensApi.archive(installed.refreshToken);
    expect((await failure(client.crm.contacts.basicApi.getPage())).code).toBe(401);
    const gone = await failure(
      sdk(emulator).oauth.tokensApi.create('refresh_token', undefined, undefined, app.clientId, app.clientSecret, installed.refreshToken),
    );
    expect(gone.body).toMatchObject({ status: 'BAD_REFRESH_TOKEN' });
  });

  it('enforces scopes per endpoint with a MISSING_SCOPES body', async () => {
    const installed = await installThroughConsent(emulator, app, portalA, SCOPES);
    await expect(installed.client.crm.contacts.basicApi.getPage()).resolves.toBeDefined();
    const denied = await failure(installed.client.crm.companies.basicApi.getPage());
    expect(denied.code).toBe(403);
    expect(denied.body).toMatchObject({
      status: 'error',
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredGrantedScopes: ['crm.objects.companies.read'] } }],
    });
    const schemas = await failure(installed.client.crm.schemas.coreApi.getAll());
    expect(schemas.code).toBe(403);
  });

  it('keeps each portal to its own tokens and data', async () => {
    const a = await installThroughConsent(emulator, app, portalA, SCOPES);
    const b = await installThroughConsent(emulator, app, portalB, SCOPES);
    const created = await a.client.crm.contacts.basicApi.create({ properties: { email: 'only-in-a@example.com' }, associations: [] });
    expect((await failure(b.client.crm.contacts.basicApi.getById(created.id))).code).toBe(404);
    const infoB = await sdk(emulator).oauth.accessTokensApi.get(b.accessToken);
    expect(infoB.hubId).toBe(portalB);
  });
});
