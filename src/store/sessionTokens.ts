import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './db';

/** Only this digest of a token handed to a browser or mailed is ever stored. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface StoredSession<Method extends string> {
  tenantId: string;
  userId: string;
  signedInWith: Method;
  expiresAt: Date;
}

/** The tables browser sessions live in: the vendor's people and partners' people never share one. */
type SessionTable = 'vendor_sessions' | 'partner_sessions';

/**
 * Browser sessions kept server-side: the cookie holds a random token, the table only its hash, so
 * a leaked table opens nothing and signing out, removal or a role change ends a session at once.
 */
export function sessionStore<Method extends string>(table: SessionTable) {
  return {
    /** Starts a session and returns its token in clear this once. */
    async insert(q: Queryable, session: StoredSession<Method>, now: Date): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await q.query(
        `INSERT INTO ${table} (token_hash, tenant_id, user_id, signed_in_with, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [hashToken(token), session.tenantId, session.userId, session.signedInWith, now, session.expiresAt],
      );
      return token;
    },

    /** The live session a token names: not revoked, not expired. Whether its user is still there is the user lookup's to say. */
    async findLive(q: Queryable, token: string, now: Date): Promise<StoredSession<Method> | null> {
      const { rows } = await q.query<{ tenant_id: string; user_id: string; signed_in_with: Method; expires_at: Date }>(
        `SELECT tenant_id, user_id, signed_in_with, expires_at FROM ${table} WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
        [hashToken(token), now],
      );
      const r = rows[0];
      return r ? { tenantId: r.tenant_id, userId: r.user_id, signedInWith: r.signed_in_with, expiresAt: r.expires_at } : null;
    },

    async revoke(q: Queryable, token: string, now: Date): Promise<void> {
      await q.query(`UPDATE ${table} SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [hashToken(token), now]);
    },

    /** Ends every session of a user at once (removed, or their role changed); how many ended. */
    async revokeUser(q: Queryable, tenantId: string, userId: string, now: Date): Promise<number> {
      const { rowCount } = await q.query(`UPDATE ${table} SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL`, [tenantId, userId, now]);
      return rowCount ?? 0;
    },
  };
}
