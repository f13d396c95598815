/**
 * Failures of a whole CRM call, by what the engine should do about them:
 * wait (rate_limited), reconnect (auth), retry with backoff (transient), or give up (permanent).
 */
export type CrmErrorKind = 'rate_limited' | 'auth' | 'transient' | 'permanent';

export class CrmError extends Error {
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    /** For rate_limited: how long the CRM asked us to wait. */
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** The CRM refused the refresh token itself: the app was uninstalled there, or its access revoked. */
export class GrantRevoked extends CrmError {
  constructor(message: string) {
    super('auth', message, null, null);
  }
}

/**
 * The CRM refused Trellis's own credentials (a wrong or rotated client secret, an unknown
 * client id): an operator must fix the server's configuration. No tenant is disconnected.
 */
export class AppMisconfigured extends CrmError {
  constructor(message: string) {
    super('auth', message, null, null);
  }
}

export const rateLimited = (message: string, retryAfterMs: number, status = 429) => new CrmError('rate_limited', message, retryAfterMs, status);
export const authFailed = (message: string, status: number | null = 401) => new CrmError('auth', message, null, status);
export const transient = (message: string, status: number | null = null) => new CrmError('transient', message, null, status);
export const permanent = (message: string, status: number | null = null) => new CrmError('permanent', message, null, status);

/** A network failure (no HTTP answer at all) is worth retrying. */
export function isNetworkError(err: unknown): boolean {
  const code = (err as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|UND_ERR_\w+)$/.test(code);
}
