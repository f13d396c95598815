import type { Queryable } from './db';

export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'replay'; statusCode: number; response: unknown }
  | { state: 'mismatch' }
  | { state: 'in_progress' };

/**
 * How long a claimed key may stay without an answer before its request counts as lost: no request
 * runs this long, so a claim this old belongs to a process that died holding it, and a retry takes it over.
 */
export const IDEMPOTENCY_CLAIM_LEASE_SECONDS = 60;

/** Claims a key for this request, or tells what an earlier request with that key did. */
export async function claimIdempotencyKey(q: Queryable, tenantId: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
  const inserted = await q.query(
    'INSERT INTO idempotency_keys (tenant_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [tenantId, key, requestHash],
  );
  if (inserted.rowCount === 1) return { state: 'claimed' };
  const { rows } = await q.query<{ request_hash: string; status_code: number | null; response: unknown }>(
    'SELECT request_hash, status_code, response FROM idempotency_keys WHERE tenant_id = $1 AND key = $2',
    [tenantId, key],
  );
  const row = rows[0];
  if (!row) return claimIdempotencyKey(q, tenantId, key, requestHash);
  if (row.request_hash !== requestHash) return { state: 'mismatch' };
  if (row.status_code === null) {
    const takenOver = await q.query(
      `UPDATE idempotency_keys SET created_at = now() WHERE tenant_id = $1 AND key = $2 AND request_hash = $3 AND status_code IS NULL
         AND created_at < now() - make_interval(secs => $4)`,
      [tenantId, key, requestHash, IDEMPOTENCY_CLAIM_LEASE_SECONDS],
    );
    return takenOver.rowCount === 1 ? { state: 'claimed' } : { state: 'in_progress' };
  }
  return { state: 'replay', statusCode: row.status_code, response: row.response };
}

export async function completeIdempotencyKey(q: Queryable, tenantId: string, key: string, statusCode: number, response: unknown) {
  await q.query('UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb WHERE tenant_id = $1 AND key = $2', [
    tenantId,
    key,
    statusCode,
    JSON.stringify(response),
  ]);
}

/** A request that failed unexpectedly gives its key back so the client can retry. */
export async function releaseIdempotencyKey(q: Queryable, tenantId: string, key: string): Promise<void> {
  await q.query('DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND status_code IS NULL', [tenantId, key]);
}
