import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { Request, Response } from 'express';
import type { EmulatorContext } from '../context';
import { hostUrl, requestHost } from '../hosts';

/**
 * Salesforce as an OpenID Connect provider: each login host publishes its discovery
 * document (its URL is the issuer), the ID tokens of a code exchange that asked `openid` are
 * RS256-signed by a key published at `/id/keys`. The key is made at each start of the emulator,
 * so tokens from before a restart no longer verify, as after Salesforce rotates its keys.
 */
export interface OpenIdSigner {
  /** The signed ID token for a user who logged in at `issuer`. */
  idToken(claims: IdTokenClaims): Promise<string>;
  jwks(): Promise<{ keys: object[] }>;
  /** Test hook: claims the next ID token carries instead (a wrong audience, another nonce). */
  tamperNextIdToken(claims: Record<string, unknown>): void;
}

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  nonce?: string;
  email: string;
  email_verified: boolean;
  /** The token's lifetime starts now (ms since epoch). */
  now: number;
}

const ID_TOKEN_LIFETIME_S = 300;

export function createOpenIdSigner(): OpenIdSigner {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID().slice(0, 8);
  let tampered: Record<string, unknown> | null = null;
  // jose is an ES module: loaded at first use.
  const jose = import('jose');
  return {
    async idToken({ now, ...claims }) {
      const { SignJWT } = await jose;
      const iat = Math.floor(now / 1000);
      const payload = { ...claims, iat, exp: iat + ID_TOKEN_LIFETIME_S, ...tampered };
      tampered = null;
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey as KeyObject);
    },
    async jwks() {
      const { exportJWK } = await jose;
      return { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
    },
    tamperNextIdToken(claims) {
      tampered = claims;
    },
  };
}

/** The discovery document of the login host the request came to. */
export function discoveryDocument(ctx: EmulatorContext) {
  return (_req: Request, res: Response): void => {
    const issuer = hostUrl(ctx.baseUrl(), requestHost(res));
    res.json({
      issuer,
      authorization_endpoint: `${issuer}/services/oauth2/authorize`,
      token_endpoint: `${issuer}/services/oauth2/token`,
      revocation_endpoint: `${issuer}/services/oauth2/revoke`,
      userinfo_endpoint: `${issuer}/services/oauth2/userinfo`,
      jwks_uri: `${issuer}/id/keys`,
      scopes_supported: ['id', 'api', 'web', 'full', 'chatter_api', 'visualforce', 'refresh_token', 'openid', 'profile', 'email', 'address', 'phone', 'offline_access'],
      response_types_supported: ['code', 'token', 'token id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'private_key_jwt'],
      code_challenge_methods_supported: ['S256'],
      claims_supported: ['active', 'address', 'email', 'email_verified', 'family_name', 'given_name', 'is_app_installed', 'language', 'locale', 'name', 'nickname', 'organization_id', 'phone_number', 'phone_number_verified', 'photos', 'picture', 'preferred_username', 'profile', 'sub', 'updated_at', 'urls', 'user_id', 'user_type', 'zoneinfo'],
    });
  };
}
