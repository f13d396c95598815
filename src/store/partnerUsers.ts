import { randomUUID } from 'node:crypto';
import type { PartnerRole } from '../domain/partnerAccess';
import type { Queryable } from './db';
import { normalEmail } from './vendorUsers';

/** A person of a partner organisation who may use the portal, known by their email. */
export interface PartnerUser {
  id: string;
  tenantId: string;
  partnerId: string;
  email: string;
  displayName: string | null;
  role: PartnerRole;
  locale: string | null;
  invitedBy: string;
  invitedAt: Date;
  firstSignedInAt: Date | null;
  lastSignedInAt: Date | null;
}

export type NewPartnerUser = Pick<PartnerUser, 'partnerId' | 'email' | 'displayName' | 'role' | 'locale' | 'invitedBy'>;

interface Row {
  id: string;
  tenant_id: string;
  partner_id: string;
  email: string;
  display_name: string | null;
  role: PartnerRole;
  locale: string | null;
  invited_by: string;
  invited_at: Date;
  first_signed_in_at: Date | null;
  last_signed_in_at: Date | null;
}

const COLUMNS = 'id, tenant_id, partner_id, email, display_name, role, locale, invited_by, invited_at, first_signed_in_at, last_signed_in_at';

const fromRow = (r: Row): PartnerUser => ({
  id: r.id,
  tenantId: r.tenant_id,
  partnerId: r.partner_id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  locale: r.locale,
  invitedBy: r.invited_by,
  invitedAt: r.invited_at,
  firstSignedInAt: r.first_signed_in_at,
  lastSignedInAt: r.last_signed_in_at,
});

/** Adds a partner's user; `null` when the program already has a user with this email. */
export async function insertPartnerUser(q: Queryable, tenantId: string, user: NewPartnerUser, now: Date): Promise<PartnerUser | null> {
  const { rows } = await q.query<Row>(
    `INSERT INTO partner_users (id, tenant_id, partner_id, email, display_name, role, locale, invited_by, invited_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id, email) WHERE removed_at IS NULL DO NOTHING
     RETURNING ${COLUMNS}`,
    [randomUUID(), tenantId, user.partnerId, normalEmail(user.email), user.displayName, user.role, user.locale, user.invitedBy, now],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function getPartnerUser(q: Queryable, tenantId: string, id: string): Promise<PartnerUser | null> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM partner_users WHERE tenant_id = $1 AND id = $2 AND removed_at IS NULL`, [tenantId, id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** A partner's current users, admins first, then by email. */
export async function listPartnerUsers(q: Queryable, tenantId: string, partnerId: string): Promise<PartnerUser[]> {
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM partner_users WHERE tenant_id = $1 AND partner_id = $2 AND removed_at IS NULL ORDER BY role <> 'partner_admin', email`,
    [tenantId, partnerId],
  );
  return rows.map(fromRow);
}

/** Every vendor program an email is a partner user of: a reseller may work with several vendors on Trellis. */
export async function findPartnerUsersByEmail(q: Queryable, email: string): Promise<PartnerUser[]> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM partner_users WHERE email = $1 AND removed_at IS NULL ORDER BY invited_at`, [normalEmail(email)]);
  return rows.map(fromRow);
}

export async function countPartnerAdmins(q: Queryable, tenantId: string, partnerId: string): Promise<number> {
  const { rows } = await q.query<{ n: string }>(
    `SELECT count(*) AS n FROM partner_users WHERE tenant_id = $1 AND partner_id = $2 AND role = 'partner_admin' AND removed_at IS NULL`,
    [tenantId, partnerId],
  );
  return Number(rows[0]!.n);
}

export async function updatePartnerUserRole(q: Queryable, tenantId: string, id: string, role: PartnerRole): Promise<PartnerUser | null> {
  const { rows } = await q.query<Row>(`UPDATE partner_users SET role = $3 WHERE tenant_id = $1 AND id = $2 AND removed_at IS NULL RETURNING ${COLUMNS}`, [tenantId, id, role]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function removePartnerUser(q: Queryable, tenantId: string, id: string, now: Date): Promise<PartnerUser | null> {
  const { rows } = await q.query<Row>(`UPDATE partner_users SET removed_at = $3 WHERE tenant_id = $1 AND id = $2 AND removed_at IS NULL RETURNING ${COLUMNS}`, [tenantId, id, now]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function recordPartnerSignIn(q: Queryable, tenantId: string, id: string, now: Date): Promise<void> {
  await q.query(
    `UPDATE partner_users SET first_signed_in_at = coalesce(first_signed_in_at, $3), last_signed_in_at = $3 WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id, now],
  );
}
