import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from './db';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creates a key and returns it in clear text once; only its hash is stored. */
export async function createApiKey(q: Queryable, tenantId: string, name: string): Promise<string> {
  const key = `trl_${randomBytes(32).toString('base64url')}`;
  await q.query('INSERT INTO api_keys (id, tenant_id, name, key_hash, key_prefix) VALUES ($1, $2, $3, $4, $5)', [
    randomUUID(),
    tenantId,
    name,
    hashKey(key),
    key.slice(0, 8),
  ]);
  return key;
}

export interface ApiKeyOwner {
  tenantId: string;
  keyName: string;
}

export async function findApiKeyOwner(q: Queryable, key: string): Promise<ApiKeyOwner | null> {
  const { rows } = await q.query<{ tenant_id: string; name: string }>(
    'SELECT tenant_id, name FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [hashKey(key)],
  );
  const row = rows[0];
  return row ? { tenantId: row.tenant_id, keyName: row.name } : null;
}
