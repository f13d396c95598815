import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Requests older than this are refused, as HubSpot's own SDK does. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

export interface SignedRequest {
  method: string;
  /** The full public URL HubSpot called: scheme, host, path and query. */
  url: string;
  /** The raw body bytes as received, decoded as UTF-8 (never re-serialized JSON). */
  rawBody: string;
  headers: {
    signatureV3?: string | undefined;
    timestamp?: string | undefined;
    signature?: string | undefined;
    signatureVersion?: string | undefined;
  };
}

export type SignatureVerdict = { valid: true; version: 'v3' | 'v2' | 'v1' } | { valid: false; reason: string };

// HubSpot hashes the URI with these percent-encodings decoded.
const DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};
const decodeUri = (uri: string) => uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function signV3(secret: string, method: string, url: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${method}${decodeUri(url)}${rawBody}${timestamp}`, 'utf8').digest('base64');
}

export function signV1(secret: string, rawBody: string): string {
  return createHash('sha256').update(`${secret}${rawBody}`, 'utf8').digest('hex');
}

export function signV2(secret: string, method: string, url: string, rawBody: string): string {
  return createHash('sha256').update(`${secret}${method}${url}${rawBody}`, 'utf8').digest('hex');
}

/**
 * Verifies a request from HubSpot (webhooks, `hubspot.fetch` from app cards). v3 is
 * preferred; v1/v2 are accepted only when `allowLegacy` is set, because they carry no
 * timestamp and so cannot refuse replays. Any of `secrets` may match, so a rotated
 * client secret keeps working while HubSpot still signs with the old one.
 */
export function verifyHubSpotSignature(
  request: SignedRequest,
  secrets: readonly string[],
  nowMs: number,
  options: { allowLegacy?: boolean } = {},
): SignatureVerdict {
  const { signatureV3, timestamp, signature, signatureVersion } = request.headers;
  if (signatureV3) {
    const ts = Number(timestamp);
    if (!timestamp || !Number.isFinite(ts)) return { valid: false, reason: 'missing or malformed X-HubSpot-Request-Timestamp' };
    if (nowMs - ts > MAX_SIGNATURE_AGE_MS) return { valid: false, reason: 'timestamp is older than 5 minutes' };
    if (ts - nowMs > MAX_SIGNATURE_AGE_MS) return { valid: false, reason: 'timestamp is in the future' };
    const ok = secrets.some((s) => same(signV3(s, request.method, request.url, request.rawBody, timestamp), signatureV3));
    return ok ? { valid: true, version: 'v3' } : { valid: false, reason: 'v3 signature does not match' };
  }
  if (signature && options.allowLegacy) {
    const version = signatureVersion === 'v2' ? 'v2' : 'v1';
    const ok = secrets.some((s) =>
      same(version === 'v2' ? signV2(s, request.method, request.url, request.rawBody) : signV1(s, request.rawBody), signature),
    );
    return ok ? { valid: true, version } : { valid: false, reason: `${version} signature does not match` };
  }
  return { valid: false, reason: 'no HubSpot signature on the request' };
}
