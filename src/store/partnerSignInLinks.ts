import { randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import { hashToken } from './sessionTokens';

export type SignInLinkPurpose = 'invitation' | 'sign_in';

export interface SignInLink {
  id: string;
  tenantId: string;
  userId: string;
  purpose: SignInLinkPurpose;
  expiresAt: Date;
  mailedAt: Date | null;
  usedAt: Date | null;
}

interface Row {
  id: string;
  tenant_id: string;
  user_id: string;
  purpose: SignInLinkPurpose;
  expires_at: Date;
  mailed_at: Date | null;
  used_at: Date | null;
}

const COLUMNS = 'id, tenant_id, user_id, purpose, expires_at, mailed_at, used_at';
const fromRow = (r: Row): SignInLink => ({ id: r.id, tenantId: r.tenant_id, userId: r.user_id, purpose: r.purpose, expiresAt: r.expires_at, mailedAt: r.mailed_at, usedAt: r.used_at });

/** A link to be mailed to a partner user; it has no token until the mail is made. */
export async function insertSignInLink(q: Queryable, link: { tenantId: string; userId: string; purpose: SignInLinkPurpose; expiresAt: Date }, now: Date): Promise<SignInLink> {
  const { rows } = await q.query<Row>(
    `INSERT INTO partner_sign_in_links (id, tenant_id, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [randomUUID(), link.tenantId, link.userId, link.purpose, now, link.expiresAt],
  );
  return fromRow(rows[0]!);
}

export async function getSignInLink(q: Queryable, tenantId: string, id: string): Promise<SignInLink | null> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM partner_sign_in_links WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/**
 * Gives a link not yet mailed a fresh token and returns it in clear this once. A retried mail gets
 * another token, so a token that may never have arrived stops working.
 */
export async function issueSignInLinkToken(q: Queryable, tenantId: string, id: string): Promise<string | null> {
  const token = randomBytes(32).toString('base64url');
  const { rowCount } = await q.query(
    `UPDATE partner_sign_in_links SET token_hash = $3 WHERE tenant_id = $1 AND id = $2 AND mailed_at IS NULL AND used_at IS NULL`,
    [tenantId, id, hashToken(token)],
  );
  return rowCount ? token : null;
}

export async function markSignInLinkMailed(q: Queryable, tenantId: string, id: string, now: Date): Promise<void> {
  await q.query(`UPDATE partner_sign_in_links SET mailed_at = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, now]);
}

/** Uses a link up: it answers once, only before it expires, and only while its user is still there. */
export async function useSignInLink(q: Queryable, token: string, now: Date): Promise<SignInLink | null> {
  const { rows } = await q.query<Row>(
    `UPDATE partner_sign_in_links l SET used_at = $2
     FROM partner_users u
     WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2
       AND u.id = l.user_id AND u.tenant_id = l.tenant_id AND u.removed_at IS NULL
     RETURNING ${COLUMNS.split(', ').map((c) => `l.${c}`).join(', ')}`,
    [hashToken(token), now],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The link a token names while it could still be used, for the page that asks to confirm (which must not use it up). */
export async function findLiveSignInLink(q: Queryable, token: string, now: Date): Promise<SignInLink | null> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM partner_sign_in_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`, [hashToken(token), now]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** A removed user's outstanding links die with them. */
export async function revokeSignInLinks(q: Queryable, tenantId: string, userId: string, now: Date): Promise<void> {
  await q.query(`UPDATE partner_sign_in_links SET used_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND used_at IS NULL`, [tenantId, userId, now]);
}

/** How many links to sign in a user was sent since a moment: requests beyond a few are not mailed, so the form cannot flood a mailbox. */
export async function countSignInLinksSince(q: Queryable, tenantId: string, userId: string, since: Date): Promise<number> {
  const { rows } = await q.query<{ n: string }>(
    `SELECT count(*) AS n FROM partner_sign_in_links WHERE tenant_id = $1 AND user_id = $2 AND purpose = 'sign_in' AND created_at > $3`,
    [tenantId, userId, since],
  );
  return Number(rows[0]!.n);
}
