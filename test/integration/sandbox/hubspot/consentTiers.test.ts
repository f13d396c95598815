import { startHubSpotEmulator, type RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import type { PortalTier } from '../../../../sandbox/hubspot/state';
import { failure, REDIRECT_URL, sdk } from './helpers';

/**
 * What a portal's subscription tier lets a user grant (platform-rules §1.1, rules H2–H4):
 * custom objects exist only on Enterprise [hs-co]; an ungrantable required or conditionally
 * required scope fails the install [cdata, drupal]; an optional one is dropped [hs-tokfields].
 */
const REQUIRED = ['oauth', 'crm.objects.deals.read'];
const CUSTOM = ['crm.objects.custom.read', 'crm.objects.custom.write', 'crm.schemas.custom.read', 'crm.schemas.custom.write'];

describe('HubSpot emulator: portal tiers decide which scopes consent grants', () => {
  let emulator: RunningHubSpotEmulator;
  let app: ReturnType<RunningHubSpotEmulator['registerApp']>;
  const portals = {} as Record<PortalTier, number>;

  beforeAll(async () => {
    emulator = await startHubSpotEmulator();
    app = emulator.registerApp({
      name: 'Trellis',
      redirectUrls: [REDIRECT_URL],
      scopes: REQUIRED,
      conditionallyRequiredScopes: ['crm.objects.custom.read'],
      optionalScopes: CUSTOM,
    });
    for (const tier of ['free', 'starter', 'professional', 'enterprise'] as const) portals[tier] = emulator.createPortal({ domain: `${tier}.example.com`, tier }).id;
  });
  afterAll(() => emulator.close());

  /** Opens the consent page, submits it for one portal and trades the code at the dated token endpoint. */
  async function consent(query: Record<string, string>, portalId: number): Promise<{ status: number; page: string; scopes?: string[]; hubId?: number }> {
    const fields = { client_id: app.clientId, redirect_uri: REDIRECT_URL, ...query };
    const page = await fetch(`${emulator.url}/oauth/authorize?${new URLSearchParams(fields)}`);
    if (page.status !== 200) return { status: page.status, page: await page.text() };
    const submitted = await fetch(`${emulator.url}/oauth/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ...fields, portal_id: String(portalId) }) });
    if (submitted.status !== 302) return { status: submitted.status, page: await submitted.text() };
    const code = new URL(submitted.headers.get('location')!).searchParams.get('code')!;
    const token = await fetch(`${emulator.url}/oauth/2026-03/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URL, client_id: app.clientId, client_secret: app.clientSecret }),
    });
    const body = (await token.json()) as { scopes: string[]; hub_id: number };
    return { status: 302, page: '', scopes: body.scopes, hubId: body.hub_id };
  }

  it('drops optional custom-object scopes on Free, Starter and Professional and grants them on Enterprise (H3, hs-tokfields)', async () => {
    for (const tier of ['free', 'starter', 'professional'] as const) {
      const installed = await consent({ scope: REQUIRED.join(' '), optional_scope: CUSTOM.join(' ') }, portals[tier]);
      expect([tier, installed.status, installed.hubId, installed.scopes]).toEqual([tier, 302, portals[tier], REQUIRED]);
    }
    const enterprise = await consent({ scope: REQUIRED.join(' '), optional_scope: CUSTOM.join(' ') }, portals.enterprise);
    expect(enterprise.scopes).toEqual([...REQUIRED, ...CUSTOM]);
  });

  it('honours the optional scopes under both spellings, optional_scope and optional_scopes (§1.1 install URL)', async () => {
    const plural = await consent({ scope: REQUIRED.join(' '), optional_scopes: CUSTOM.join(' ') }, portals.enterprise);
    expect(plural.scopes).toEqual([...REQUIRED, ...CUSTOM]);
  });

  it('fails the install when a conditionally required scope in the URL cannot be granted, and not when the URL leaves it out (H3, drupal)', async () => {
    const asked = { scope: [...REQUIRED, 'crm.objects.custom.read'].join(' ') };
    for (const tier of ['starter', 'professional'] as const) {
      const refused = await consent(asked, portals[tier]);
      expect(refused.status).toBe(400);
      expect(refused.page).toContain('Couldn&#39;t complete the connection. Insufficient scopes were provided.');
    }
    expect((await consent(asked, portals.enterprise)).scopes).toEqual([...REQUIRED, 'crm.objects.custom.read']);
    expect((await consent({ scope: REQUIRED.join(' ') }, portals.professional)).scopes).toEqual(REQUIRED);
  });

  it('fails the install when a required custom-object scope meets a Professional portal (H3, cdata)', async () => {
    const strict = emulator.registerApp({ name: 'Strict', redirectUrls: [REDIRECT_URL], scopes: [...REQUIRED, ...CUSTOM] });
    const fields = { client_id: strict.clientId, redirect_uri: REDIRECT_URL, scope: [...REQUIRED, ...CUSTOM].join(' ') };
    const refused = await fetch(`${emulator.url}/oauth/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ...fields, portal_id: String(portals.professional) }) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Insufficient scopes were provided.');
  });

  it("refuses an install URL that leaves out a required scope or asks one the app did not register (hs-scopes)", async () => {
    const mismatched: Record<string, string>[] = [
      { scope: 'oauth' },
      { scope: REQUIRED.join(' '), optional_scope: 'crm.objects.contacts.read' },
      { scope: [...REQUIRED, 'crm.objects.contacts.read'].join(' ') },
    ];
    for (const query of mismatched) {
      const refused = await consent(query, portals.enterprise);
      expect(refused.status).toBe(400);
      expect(refused.page).toContain('mismatch between the scopes in the install URL');
    }
  });

  it('never puts a custom-object scope in a token of a non-Enterprise portal, so custom-object schema calls answer 403 with missingScopes (H2, H4, hs-batch)', async () => {
    const tokens = emulator.installApp(app.clientId, portals.starter);
    expect(tokens.scopes).toEqual(REQUIRED);
    const client = sdk(emulator, tokens.access_token);
    const schemas = await failure(client.crm.schemas.coreApi.getAll());
    expect(schemas.code).toBe(403);
    expect(schemas.body).toMatchObject({ category: 'MISSING_SCOPES', context: { missingScopes: ['crm.schemas.custom.read'] } });
    const create = await fetch(`${emulator.url}/crm/v3/schemas`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'registration', labels: { singular: 'Registration', plural: 'Registrations' }, primaryDisplayProperty: 'title', requiredProperties: [], properties: [{ name: 'title', label: 'Title', type: 'string', fieldType: 'text' }], associatedObjects: [] }),
    });
    expect([create.status, (await create.json()).context]).toEqual([403, { missingScopes: ['crm.schemas.custom.write'] }]);
    const contacts = await failure(client.crm.contacts.basicApi.getPage());
    expect(contacts.body).toMatchObject({ category: 'MISSING_SCOPES', context: { missingScopes: ['crm.objects.contacts.read'] } });

    const enterprise = emulator.installApp(app.clientId, portals.enterprise);
    expect(enterprise.scopes).toEqual([...REQUIRED, ...CUSTOM]);
    await expect(sdk(emulator, enterprise.access_token).crm.schemas.coreApi.getAll()).resolves.toMatchObject({ results: [] });
  });
});
