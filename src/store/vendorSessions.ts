import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './db';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** How a person proved who they are. */
export const SIGN_IN_METHODS = ['hubspot', 'salesforce', 'oidc', 'install', 'sandbox'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export interface VendorSession {
  tenantId: string;
  userId: string;
  signedInWith: SignInMethod;
  expiresAt: Date;
}

/** Starts a session and returns its token in clear this once; only the token's hash is stored. */
export async function insertVendorSession(q: Queryable, session: VendorSession, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await q.query(
    `INSERT INTO vendor_sessions (token_hash, tenant_id, user_id, signed_in_with, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [hashToken(token), session.tenantId, session.userId, session.signedInWith, now, session.expiresAt],
  );
  return token;
}

/** The live session a token names: not revoked, not expired. Whether its user is still there is the user lookup's to say. */
export async function findLiveVendorSession(q: Queryable, token: string, now: Date): Promise<VendorSession | null> {
  const { rows } = await q.query<{ tenant_id: string; user_id: string; signed_in_with: SignInMethod; expires_at: Date }>(
    `SELECT tenant_id, user_id, signed_in_with, expires_at FROM vendor_sessions
     WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
    [hashToken(token), now],
  );
  const r = rows[0];
  return r ? { tenantId: r.tenant_id, userId: r.user_id, signedInWith: r.signed_in_with, expiresAt: r.expires_at } : null;
}

export async function revokeVendorSession(q: Queryable, token: string, now: Date): Promise<void> {
  await q.query(`UPDATE vendor_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [hashToken(token), now]);
}

/** Ends every session of a user at once (removed, or their role changed). */
export async function revokeUserSessions(q: Queryable, tenantId: string, userId: string, now: Date): Promise<number> {
  const { rowCount } = await q.query(`UPDATE vendor_sessions SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL`, [
    tenantId,
    userId,
    now,
  ]);
  return rowCount ?? 0;
}
