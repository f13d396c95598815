/**
 * HubSpot's dated OAuth endpoints (`/oauth/2026-03/token`, `/introspect`, `/revoke`), which
 * replace the v1 API sunset in February 2027 [hs-v1dep]. `@hubspot/api-client` 14 only knows v1,
 * so this is a small client on fetch: form-encoded requests, client secret in the body.
 */

export interface HubSpotAppCredentials {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

/** The token endpoint's answer; `hub_id` and `scopes` are sent since 2025-08-18 [hs-tokfields]. */
export interface HubSpotTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  hubId: number;
  /** What the user actually granted: the required scopes plus the optional ones the portal could give. */
  scopes: string[];
}

/** What introspection tells about a live token; only `active` is documented [hs-introspect]. */
export interface HubSpotTokenInfo {
  hubDomain?: string;
  /** The portal the token is for. */
  hubId?: number;
  /** The user who granted it: their email and id. */
  user?: string;
  userId?: number;
}

/** HubSpot answered, and refused: `error` is the RFC 6749 code (`invalid_grant`, `invalid_client`, …) [hs-v3]. */
export class HubSpotOAuthRefused extends Error {
  constructor(
    readonly httpStatus: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`HubSpot answered ${httpStatus} ${error}: ${description}`);
  }
}

type Grant = { grant_type: 'authorization_code'; code: string; redirect_uri: string } | { grant_type: 'refresh_token'; refresh_token: string };

export function hubspotOAuth(app: HubSpotAppCredentials) {
  const credentials = { client_id: app.clientId, client_secret: app.clientSecret };

  async function post(path: string, form: Record<string, string>): Promise<unknown> {
    const res = await fetch(`${app.apiUrl.replace(/\/$/, '')}/oauth/2026-03/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...credentials, ...form }),
    });
    const text = await res.text();
    const body = parseJson(text);
    if (res.ok) return body;
    const refusal = (body ?? {}) as { error?: unknown; error_description?: unknown; message?: unknown };
    const error = typeof refusal.error === 'string' ? refusal.error : `http_${res.status}`;
    const description = [refusal.error_description, refusal.message].find((v): v is string => typeof v === 'string') ?? text.slice(0, 200);
    throw new HubSpotOAuthRefused(res.status, error, description);
  }

  async function token(grant: Grant): Promise<HubSpotTokens> {
    const body = (await post('token', grant)) as { access_token: string; refresh_token: string; expires_in: number; hub_id: number; scopes?: string[] };
    return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresIn: body.expires_in, hubId: body.hub_id, scopes: body.scopes ?? [] };
  }

  return {
    exchangeCode: (code: string, redirectUri: string) => token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
    refresh: (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    async introspect(accessToken: string): Promise<HubSpotTokenInfo> {
      const body = (await post('token/introspect', { token: accessToken, token_type_hint: 'access_token' })) as Record<string, unknown>;
      return {
        ...(typeof body.hub_domain === 'string' ? { hubDomain: body.hub_domain } : {}),
        ...(typeof body.hub_id === 'number' ? { hubId: body.hub_id } : {}),
        ...(typeof body.user === 'string' ? { user: body.user } : {}),
        ...(typeof body.user_id === 'number' ? { userId: body.user_id } : {}),
      };
    },
    /** Revoking the refresh token uninstalls; an unknown token is answered 200 too (RFC 7009). */
    async revoke(refreshToken: string): Promise<void> {
      await post('token/revoke', { token: refreshToken, token_type_hint: 'refresh_token' });
    },
  };
}

export type HubSpotOAuth = ReturnType<typeof hubspotOAuth>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
