import { signV3 } from '../security/hubspotSignature';

/** Who HubSpot says is calling: it appends these to every `hubspot.fetch` URL and signs the result. */
export interface HubSpotCaller {
  portalId: number;
  userId: number;
  userEmail: string;
  appId?: number;
}

export interface ProxiedRequest {
  url: string;
  method?: string;
  body?: unknown;
}

export interface ProxiedResponse {
  status: number;
  body: unknown;
}

/**
 * Does what HubSpot's proxy does for `hubspot.fetch`: appends the caller to the query,
 * serializes the body as JSON, signs method + URL + body + timestamp (v3) with the app's
 * client secret, and forwards. The preview uses it server-side, so the secret never
 * reaches the browser; tests use it to call the card backend as HubSpot would.
 */
export async function proxyHubSpotFetch(clientSecret: string, caller: HubSpotCaller, request: ProxiedRequest): Promise<ProxiedResponse> {
  const url = new URL(request.url);
  url.searchParams.set('portalId', String(caller.portalId));
  url.searchParams.set('userId', String(caller.userId));
  url.searchParams.set('userEmail', caller.userEmail);
  if (caller.appId !== undefined) url.searchParams.set('appId', String(caller.appId));
  const method = (request.method ?? 'GET').toUpperCase();
  const body = request.body === undefined || method === 'GET' ? '' : JSON.stringify(request.body);
  const timestamp = String(Date.now());
  const res = await fetch(url, {
    method,
    headers: {
      'x-hubspot-signature-v3': signV3(clientSecret, method, url.toString(), body, timestamp),
      'x-hubspot-request-timestamp': timestamp,
      ...(body && { 'content-type': 'application/json' }),
    },
    body: body || undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: hand the text on as it came.
  }
  return { status: res.status, body: parsed };
}
