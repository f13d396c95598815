import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../domain/access';
import type { Queryable } from './db';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A key as it may be shown again: everything but the secret, which only its hash remembers. */
export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  /** The first characters of the secret, enough to recognise it. */
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  role: Role;
  expiresAt: Date | null;
  createdBy: string;
}

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  role: Role;
  key_prefix: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, tenant_id, name, role, key_prefix, created_by, created_at, expires_at, last_used_at, revoked_at';

const fromRow = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  role: r.role,
  prefix: r.key_prefix,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** Creates a key and returns its secret in clear text once; only the secret's hash is stored. */
export async function createApiKey(q: Queryable, tenantId: string, key: NewApiKey): Promise<{ apiKey: ApiKey; secret: string }> {
  const secret = `trl_${randomBytes(32).toString('base64url')}`;
  const { rows } = await q.query<ApiKeyRow>(
    `INSERT INTO api_keys (id, tenant_id, name, role, expires_at, created_by, key_hash, key_prefix)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [randomUUID(), tenantId, key.name, key.role, key.expiresAt, key.createdBy, hashKey(secret), secret.slice(0, 8)],
  );
  return { apiKey: fromRow(rows[0]!), secret };
}

/** The tenant's keys, newest first, revoked ones included so the history stays visible. */
export async function listApiKeys(q: Queryable, tenantId: string): Promise<ApiKey[]> {
  const { rows } = await q.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at DESC, id`, [tenantId]);
  return rows.map(fromRow);
}

/** Revokes the tenant's key (a no-op on one already revoked); null when the tenant has no such key. */
export async function revokeApiKey(q: Queryable, tenantId: string, id: string, at: Date): Promise<ApiKey | null> {
  const { rows } = await q.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [tenantId, id, at],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The key a secret belongs to, revoked or expired ones included so the caller can say which. */
export async function findApiKeyBySecret(q: Queryable, secret: string): Promise<ApiKey | null> {
  const { rows } = await q.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [hashKey(secret)]);
  return rows[0] ? fromRow(rows[0]) : null;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Notes that the key was used. A key's `last_used_at` moves at most once a minute, so a key
 * calling many times a second costs no write on most requests.
 */
export async function touchApiKey(q: Queryable, key: ApiKey, at: Date): Promise<void> {
  if (key.lastUsedAt && at.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  // The condition repeats in SQL so concurrent requests on several processes still write once.
  await q.query(
    `UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - interval '1 minute')`,
    [key.id, at],
  );
}
