import { Connection, OAuth2 } from 'jsforce';
import { startSalesforceEmulator, type RunningSalesforceEmulator, type SalesforceEmulatorOptions } from '../../../../sandbox/salesforce';
import type { Org } from '../../../../sandbox/salesforce/state';

export const CLIENT = { clientId: 'TrellisConsumerKey0001', clientSecret: 'TrellisConsumerSecret0001', redirectUri: 'http://localhost:4000/oauth/salesforce/callback' };

export interface Installed {
  sf: RunningSalesforceEmulator;
  org: Org;
  oauth2: OAuth2;
  conn: Connection;
  tokens: { access_token: string; refresh_token?: string; instance_url: string };
}

/** An emulator with Trellis's External Client App and one org. */
export async function startWithOrg(options: SalesforceEmulatorOptions = {}, org: Record<string, unknown> = { name: 'Acme' }) {
  const sf = await startSalesforceEmulator({
    apps: [{ name: 'Trellis', consumerKey: CLIENT.clientId, consumerSecret: CLIENT.clientSecret, callbackUrls: [CLIENT.redirectUri] }],
    ...options,
  });
  return { sf, org: sf.createOrg(org as never) };
}

export function oauthClient(sf: RunningSalesforceEmulator): OAuth2 {
  return new OAuth2({ loginUrl: sf.url, ...CLIENT, useVerifier: true });
}

/** What an admin does in the browser: open the consent page's form and press Allow for `orgId`. */
export async function authorize(authorizationUrl: string, orgId: string, action = 'allow'): Promise<URL> {
  const consent = await fetch(authorizationUrl);
  if (consent.status !== 200) throw new Error(`consent page answered ${consent.status}`);
  const form = new URLSearchParams([...new URL(authorizationUrl).searchParams.entries(), ['org_id', orgId], ['action', action]]);
  // The form posts back to the host the consent page was served from.
  const res = await fetch(authorizationUrl.split('?')[0]!, { method: 'POST', body: form, redirect: 'manual' });
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
  return new URL(res.headers.get('location')!);
}

/** Install Trellis into a fresh org through the web-server flow with PKCE, and connect jsforce. */
export async function install(options: SalesforceEmulatorOptions = {}, org: Record<string, unknown> = { name: 'Acme' }, version = '62.0'): Promise<Installed> {
  const started = await startWithOrg(options, org);
  const oauth2 = oauthClient(started.sf);
  const callback = await authorize(oauth2.getAuthorizationUrl({ scope: 'api refresh_token', state: 'st-1' }), started.org.id);
  const tokens = (await oauth2.requestToken(callback.searchParams.get('code')!)) as Installed['tokens'];
  const conn = new Connection({ oauth2, instanceUrl: tokens.instance_url, accessToken: tokens.access_token, refreshToken: tokens.refresh_token, version });
  return { ...started, oauth2, conn, tokens };
}

/** A raw REST call with the session, for status codes and headers jsforce hides. */
export async function rest(installed: Installed, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${installed.sf.url}/services/data/v62.0${path}`, {
    method,
    headers: { authorization: `Bearer ${installed.conn.accessToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The error code jsforce raised, for `await expect(...).rejects` style checks. */
export async function errorCodeOf(promise: PromiseLike<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as { errorCode?: string; name?: string }).errorCode ?? (err as Error).name;
  }
  throw new Error('expected the call to fail');
}
