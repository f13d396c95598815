import { authFailed, CrmError, isNetworkError, permanent, rateLimited, transient } from '../errors';

/** Salesforce throttles concurrent long requests with 403 REQUEST_LIMIT_EXCEEDED; back off briefly. */
const CONCURRENCY_RETRY_MS = 1_000;
/** The daily allocation is a rolling 24 h window: an hour frees some of it. */
const DAILY_RETRY_MS = 3_600_000;

interface JsforceFailure {
  errorCode?: string;
  name?: string;
  message?: string;
  statusCode?: number;
}

/** Turns what jsforce throws into the engine's failure kinds. */
export function toCrmError(err: unknown): CrmError {
  if (err instanceof CrmError) return err;
  const failure = err as JsforceFailure;
  const code = failure.errorCode ?? failure.name ?? 'UNKNOWN';
  const message = `Salesforce answered ${code}: ${failure.message ?? 'no message'}`;
  if (isNetworkError(err)) return transient(`Salesforce could not be reached: ${failure.message ?? code}`);
  switch (code) {
    case 'INVALID_SESSION_ID':
    case 'INVALID_AUTH_HEADER':
      return authFailed(message);
    case 'REQUEST_LIMIT_EXCEEDED':
      return rateLimited(message, /TotalRequests/.test(failure.message ?? '') ? DAILY_RETRY_MS : CONCURRENCY_RETRY_MS, 403);
    case 'SERVER_UNAVAILABLE':
    case 'UNABLE_TO_LOCK_ROW':
      return transient(message, 503);
    default:
      if (/^ERROR_HTTP_5\d\d$/.test(code) || (failure.statusCode ?? 0) >= 500) return transient(message);
      return permanent(message);
  }
}
