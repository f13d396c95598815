import { randomUUID } from 'node:crypto';
import type { PartnerScope, Role } from '../domain/access';
import type { Region, Tier } from '../domain/partner';
import type { Queryable } from './db';

/** A person of the vendor's team who may use Trellis, known by their verified email. */
export interface VendorUser {
  id: string;
  tenantId: string;
  email: string;
  displayName: string | null;
  role: Role;
  scope: PartnerScope;
  createdBy: string | null;
  createdAt: Date;
}

export interface NewVendorUser {
  email: string;
  displayName: string | null;
  role: Role;
  scope: PartnerScope;
  createdBy: string;
}

interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  display_name: string | null;
  role: Role;
  managed_partner_ids: string[];
  managed_regions: Region[];
  managed_tiers: Tier[];
  created_by: string | null;
  created_at: Date;
}

const COLUMNS = 'id, tenant_id, email, display_name, role, managed_partner_ids, managed_regions, managed_tiers, created_by, created_at';

const fromRow = (r: UserRow): VendorUser => ({
  id: r.id,
  tenantId: r.tenant_id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  scope: { partnerIds: r.managed_partner_ids, regions: r.managed_regions, tiers: r.managed_tiers },
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Emails compare without case: the CRMs and Slack report them as their users typed them. */
export const normalEmail = (email: string) => email.trim().toLowerCase();

/** Adds a user; `null` when the tenant already has a user with this email. */
export async function insertVendorUser(q: Queryable, tenantId: string, user: NewVendorUser, now: Date): Promise<VendorUser | null> {
  const { rows } = await q.query<UserRow>(
    `INSERT INTO vendor_users (id, tenant_id, email, display_name, role, managed_partner_ids, managed_regions, managed_tiers, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (tenant_id, email) WHERE removed_at IS NULL DO NOTHING
     RETURNING ${COLUMNS}`,
    [randomUUID(), tenantId, normalEmail(user.email), user.displayName, user.role, user.scope.partnerIds, user.scope.regions, user.scope.tiers, user.createdBy, now],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function findVendorUserByEmail(q: Queryable, tenantId: string, email: string): Promise<VendorUser | null> {
  const { rows } = await q.query<UserRow>(`SELECT ${COLUMNS} FROM vendor_users WHERE tenant_id = $1 AND email = $2 AND removed_at IS NULL`, [
    tenantId,
    normalEmail(email),
  ]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function getVendorUser(q: Queryable, tenantId: string, id: string): Promise<VendorUser | null> {
  const { rows } = await q.query<UserRow>(`SELECT ${COLUMNS} FROM vendor_users WHERE tenant_id = $1 AND id = $2 AND removed_at IS NULL`, [tenantId, id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The tenant's current users, admins first, then by email. */
export async function listVendorUsers(q: Queryable, tenantId: string): Promise<VendorUser[]> {
  const { rows } = await q.query<UserRow>(
    `SELECT ${COLUMNS} FROM vendor_users WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY role <> 'admin', email`,
    [tenantId],
  );
  return rows.map(fromRow);
}

export async function updateVendorUser(q: Queryable, tenantId: string, id: string, change: { role: Role; scope: PartnerScope }): Promise<VendorUser | null> {
  const { rows } = await q.query<UserRow>(
    `UPDATE vendor_users SET role = $3, managed_partner_ids = $4, managed_regions = $5, managed_tiers = $6
     WHERE tenant_id = $1 AND id = $2 AND removed_at IS NULL RETURNING ${COLUMNS}`,
    [tenantId, id, change.role, change.scope.partnerIds, change.scope.regions, change.scope.tiers],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Removes a user; their sessions end with them (the caller revokes them in the same transaction). */
export async function removeVendorUser(q: Queryable, tenantId: string, id: string, now: Date): Promise<VendorUser | null> {
  const { rows } = await q.query<UserRow>(
    `UPDATE vendor_users SET removed_at = $3 WHERE tenant_id = $1 AND id = $2 AND removed_at IS NULL RETURNING ${COLUMNS}`,
    [tenantId, id, now],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function countVendorAdmins(q: Queryable, tenantId: string): Promise<number> {
  const { rows } = await q.query<{ n: string }>(`SELECT count(*) AS n FROM vendor_users WHERE tenant_id = $1 AND role = 'admin' AND removed_at IS NULL`, [tenantId]);
  return Number(rows[0]!.n);
}

/** A user beside the name of their workspace, for choosing among workspaces. */
export interface WorkspaceUser {
  user: VendorUser;
  tenantName: string;
}

/** Current users of every tenant (those with this email, when given), by workspace name, admins first. */
export async function listWorkspaceUsers(q: Queryable, email?: string): Promise<WorkspaceUser[]> {
  const { rows } = await q.query<UserRow & { tenant_name: string }>(
    `SELECT ${COLUMNS.split(', ').map((c) => `u.${c}`).join(', ')}, t.name AS tenant_name
     FROM vendor_users u JOIN tenants t ON t.id = u.tenant_id
     WHERE u.removed_at IS NULL AND ($1::text IS NULL OR u.email = $1)
     ORDER BY t.name, t.id, u.role <> 'admin', u.email`,
    [email === undefined ? null : normalEmail(email)],
  );
  return rows.map((r) => ({ user: fromRow(r), tenantName: r.tenant_name }));
}
