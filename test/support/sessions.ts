import { EVERY_PARTNER, type Role } from '../../src/domain/access';
import { SESSION_COOKIE } from '../../src/install/session';
import type { Queryable } from '../../src/store/db';
import { insertVendorSession } from '../../src/store/vendorSessions';
import { findVendorUserByEmail, insertVendorUser } from '../../src/store/vendorUsers';

/** The tenant's user with this email, added with the role if the tenant does not know them yet. */
export async function vendorUser(db: Queryable, tenantId: string, email: string, role: Role = 'admin') {
  return (
    (await findVendorUserByEmail(db, tenantId, email)) ??
    (await insertVendorUser(db, tenantId, { email, displayName: null, role, scope: EVERY_PARTNER, createdBy: 'test' }, new Date()))!
  );
}

/**
 * A browser session for a vendor user of the tenant (added with the role if the tenant does not know
 * the email yet), as signing in leaves it; `expiresAt` in the past gives an ended one.
 */
export async function sessionToken(
  db: Queryable,
  tenantId: string,
  user: { email: string; role?: Role } = { email: 'admin@vendor.example' },
  expiresAt = new Date(Date.now() + 3_600_000),
): Promise<string> {
  const now = new Date();
  const known = await vendorUser(db, tenantId, user.email, user.role);
  return insertVendorSession(db, { tenantId, userId: known.id, signedInWith: 'sandbox', expiresAt }, new Date(Math.min(now.getTime(), expiresAt.getTime() - 1)));
}

/** The same session as a `cookie` request header. */
export const sessionCookie = async (...args: Parameters<typeof sessionToken>) => `${SESSION_COOKIE}=${await sessionToken(...args)}`;
