import type { RecordRejection } from '../port';
import { authFailed, CrmError, isNetworkError, permanent, rateLimited, transient } from '../errors';

/** Without a Retry-After, wait this long after a burst 429 (HubSpot's window rolls every 10 s). */
const DEFAULT_RETRY_AFTER_MS = 1_000;

interface SdkFailure {
  code?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function bodyOf(err: SdkFailure): { message?: string; policyName?: string; category?: string } {
  const body = err.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as { message?: string };
    } catch {
      return { message: body };
    }
  }
  return (body ?? {}) as { message?: string };
}

/**
 * HubSpot refused a whole batch for what one of its inputs holds (400 for an invalid value,
 * 409 for a unique value another record has): its reason, in its words; null for any other failure.
 */
export function inputRefusal(err: unknown): RecordRejection | null {
  const status = (err as SdkFailure).code;
  if (status !== 400 && status !== 409) return null;
  const body = bodyOf(err as SdkFailure);
  return { code: body.category ?? `HTTP_${status}`, message: body.message ?? `HubSpot answered ${status}` };
}

/** Turns what the HubSpot SDK throws into the engine's failure kinds. */
export function toCrmError(err: unknown): CrmError {
  if (err instanceof CrmError) return err;
  const failure = err as SdkFailure;
  const status = typeof failure.code === 'number' ? failure.code : null;
  if (status === null) {
    if (isNetworkError(err)) return transient(`HubSpot could not be reached: ${(err as Error).message}`);
    return transient(`HubSpot call failed: ${(err as Error).message}`);
  }
  const body = bodyOf(failure);
  const message = `HubSpot answered ${status}: ${body.message ?? 'no message'}`;
  if (status === 401) return authFailed(message);
  if (status === 429) {
    const header = failure.headers?.['retry-after'];
    const seconds = header ? Number(header) : NaN;
    const wait = Number.isFinite(seconds) ? seconds * 1000 : body.policyName === 'DAILY' ? 3_600_000 : DEFAULT_RETRY_AFTER_MS;
    return rateLimited(message, wait);
  }
  // 423 Locked during heavy syncs: HubSpot asks for at least two seconds.
  if (status === 423) return rateLimited(message, 2_000, 423);
  if (status >= 500) return transient(message, status);
  return permanent(message, status);
}
