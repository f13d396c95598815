import { createHash } from 'node:crypto';
import type { Db } from '../store/db';
import { claimIdempotencyKey, completeIdempotencyKey, IDEMPOTENCY_CLAIM_LEASE_SECONDS, releaseIdempotencyKey } from '../store/idempotency';
import { AppError, conflictError, validationError } from '../usecases/errors';
import { errorBody, httpStatusOf } from './errors';
import type { RouteOutput } from './route';

/**
 * Runs a creating request at most once per `Idempotency-Key`: the same key and body
 * replays the first answer, the same key with another body is a 409.
 */
export async function withIdempotency(
  db: Db,
  tenantId: string,
  key: string | undefined,
  fingerprint: unknown,
  run: () => Promise<RouteOutput>,
): Promise<RouteOutput> {
  if (key === undefined) return run();
  if (key.length < 1 || key.length > 255) {
    throw validationError('Invalid Idempotency-Key', [{ path: ['Idempotency-Key'], message: 'must be 1 to 255 characters' }]);
  }
  const hash = createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex');
  const claim = await claimIdempotencyKey(db, tenantId, key, hash);
  if (claim.state === 'replay') return { status: claim.statusCode, body: claim.response };
  if (claim.state === 'mismatch') throw conflictError('idempotency_key_reused', 'This Idempotency-Key was used with a different request body');
  if (claim.state === 'in_progress') throw conflictError(
      'idempotency_key_in_use',
      `A request with this Idempotency-Key is still being processed; retry in a few seconds (a request lost with its server is taken over after ${IDEMPOTENCY_CLAIM_LEASE_SECONDS} s)`,
    );
  try {
    const output = await run();
    await completeIdempotencyKey(db, tenantId, key, output.status, output.body);
    return output;
  } catch (err) {
    // A refused request is an answer too and replays as such; anything else frees the key for a retry.
    if (err instanceof AppError && err.kind !== 'rate_limited') {
      await completeIdempotencyKey(db, tenantId, key, httpStatusOf(err), errorBody(err));
    } else {
      await releaseIdempotencyKey(db, tenantId, key);
    }
    throw err;
  }
}
