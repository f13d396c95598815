import { Client } from '@hubspot/api-client';
import { startHubSpotEmulator, type HubSpotEmulatorOptions, type RunningHubSpotEmulator } from '../../../../sandbox/hubspot';

export const REDIRECT_URL = 'https://trellis.example.com/oauth/hubspot/callback';

export const ALL_SCOPES = [
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.custom.read',
  'crm.objects.custom.write',
  'crm.schemas.custom.read',
  'crm.schemas.custom.write',
  'crm.schemas.companies.write',
  'crm.schemas.contacts.write',
  'crm.schemas.deals.write',
];

export interface Installed {
  client: Client;
  accessToken: string;
  refreshToken: string;
  portalId: number;
}

/** The status and body of a failed SDK call (the SDK throws ApiException with `code` and `body`). */
export async function failure(promise: Promise<unknown>): Promise<{ code: number; body: any; headers: any }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { code: number; body: unknown; headers: unknown };
    return { code: e.code, body: typeof e.body === 'string' ? JSON.parse(e.body) : e.body, headers: e.headers };
  }
  throw new Error('expected the call to fail');
}

export function sdk(emulator: RunningHubSpotEmulator, accessToken?: string): Client {
  return new Client({ basePath: emulator.url, ...(accessToken ? { accessToken } : {}) });
}

/** Install an app the way a user does: open the consent page, submit its form, trade the code. */
export async function installThroughConsent(
  emulator: RunningHubSpotEmulator,
  app: { clientId: string; clientSecret: string },
  portalId: number,
  scopes: string[],
): Promise<Installed> {
  const query = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: REDIRECT_URL,
    scope: scopes.join(' '),
    state: 'xyz',
  });
  const consent = await fetch(`${emulator.url}/oauth/authorize?${query}`);
  if (consent.status !== 200) throw new Error(`consent page: ${consent.status} ${await consent.text()}`);
  const submitted = await fetch(`${emulator.url}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(query), optional_scope: '', portal_id: String(portalId) }),
  });
  const location = new URL(submitted.headers.get('location') ?? '');
  const code = location.searchParams.get('code') ?? '';
  // The dated token endpoint: the v1 one is gone after its sunset [hs-v1dep].
  const traded = await fetch(`${emulator.url}/oauth/2026-03/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URL, client_id: app.clientId, client_secret: app.clientSecret }),
  });
  const tokens = (await traded.json()) as { access_token: string; refresh_token: string };
  return {
    client: sdk(emulator, tokens.access_token),
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    portalId,
  };
}

/** An emulator with one app holding every scope, installed in one fresh portal. */
export async function startWithInstall(
  options: HubSpotEmulatorOptions = {},
  scopes: string[] = ALL_SCOPES,
): Promise<{ emulator: RunningHubSpotEmulator; installed: Installed; app: { clientId: string; clientSecret: string; id: number } }> {
  const emulator = await startHubSpotEmulator(options);
  const app = emulator.registerApp({ name: 'Trellis', redirectUrls: [REDIRECT_URL], scopes });
  const portal = emulator.createPortal({ domain: 'acme.example.com' });
  const installed = await installThroughConsent(emulator, app, portal.id, scopes);
  return { emulator, installed, app };
}
