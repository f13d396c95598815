import type { Configuration } from 'openid-client' with { 'resolution-mode': 'import' };
import { InstallFailed } from './settings';

/**
 * OpenID Connect sign-in through openid-client: discovery, the authorization URL with PKCE,
 * state and nonce, and the checks of the callback and the ID token (signature against the
 * issuer's published keys, issuer, audience, nonce, expiry). One code path serves Salesforce
 * (each login host is an issuer) and any provider configured with OIDC_ISSUER.
 */
export interface OpenIdClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** Who the provider says signed in; `claims` are the ID token's with the userinfo answer over them. */
export interface OpenIdIdentity {
  email: string | null;
  emailVerified: boolean;
  claims: Record<string, unknown>;
}

export const OPENID_SCOPES = 'openid email';

// openid-client is an ES module: loaded at first use.
const library = () => import('openid-client');
const configurations = new Map<string, Promise<Configuration>>();

/** The provider's discovered configuration, kept per issuer and client; a failed discovery is tried again next time. */
function configuration(client: OpenIdClient): Promise<Configuration> {
  const key = `${client.issuer}\n${client.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    found = library().then((oidc) =>
      // Plain http is allowed only for an issuer configured so (the local emulators); real providers are https.
      oidc.discovery(new URL(client.issuer), client.clientId, client.clientSecret, undefined, {
        execute: new URL(client.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      }),
    );
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

async function ask<T>(name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new InstallFailed(`${name} did not confirm who you are. Sign in again.`, { cause: err });
  }
}

/** A fresh PKCE verifier (kept server-side with the state) and the authorization URL for a state and nonce. */
export async function openIdAuthorization(name: string, client: OpenIdClient): Promise<{ codeVerifier: string; url: (state: string, nonce: string) => string }> {
  const oidc = await library();
  const config = await ask(name, () => configuration(client));
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const challenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
  return {
    codeVerifier,
    url: (state, nonce) =>
      oidc
        .buildAuthorizationUrl(config, {
          redirect_uri: client.redirectUri,
          scope: OPENID_SCOPES,
          state,
          nonce,
          code_challenge: challenge,
          code_challenge_method: 'S256',
        })
        .toString(),
  };
}

/**
 * The callback: the code is exchanged and the ID token verified (a wrong audience, nonce, issuer
 * or signature is refused); the userinfo answer, for the same subject, completes the claims. The
 * tokens are revoked at once where the provider can: Trellis keeps nothing of them.
 */
export async function completeOpenIdSignIn(
  name: string,
  client: OpenIdClient,
  query: Record<string, unknown>,
  checks: { codeVerifier: string; state: string; nonce: string },
): Promise<OpenIdIdentity> {
  const oidc = await library();
  const config = await ask(name, () => configuration(client));
  const callback = new URL(client.redirectUri);
  for (const [key, value] of Object.entries(query)) if (typeof value === 'string') callback.searchParams.set(key, value);
  const tokens = await ask(name, () =>
    oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true }),
  );
  try {
    const idToken = tokens.claims()!;
    const userinfo = await ask(name, () => oidc.fetchUserInfo(config, tokens.access_token, idToken.sub));
    const claims: Record<string, unknown> = { ...idToken, ...userinfo };
    return { email: typeof claims.email === 'string' ? claims.email : null, emailVerified: claims.email_verified === true, claims };
  } finally {
    if (config.serverMetadata().revocation_endpoint) await oidc.tokenRevocation(config, tokens.access_token).catch(() => undefined);
  }
}
