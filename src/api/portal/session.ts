import type { Request, Response } from 'express';
import type { Clock } from '../../domain/clock';
import { PARTNER_SESSION_LIFETIME_MS } from '../../domain/partnerAccess';
import type { Db } from '../../store/db';
import { partnerSessions } from '../../store/partnerSessions';
import { getPartnerUser, type PartnerUser } from '../../store/partnerUsers';
import { readCookie } from '../../install/session';
import { sign, verifySignature } from '../../install/signing';

/**
 * A partner user's portal session: its own cookie, scoped to /portal, kept server-side (hashed) in
 * its own table, so a partner's session never opens a vendor page and removal ends it at once.
 */
const PORTAL_COOKIE = 'trellis_portal';
const COOKIE_PATH = '/portal';

interface SessionDeps {
  db: Db;
  clock: Clock;
}

export interface PortalSession {
  user: PartnerUser;
  token: string;
}

export async function startPortalSession(deps: SessionDeps, req: Request, res: Response, user: PartnerUser, secure: boolean): Promise<void> {
  const now = deps.clock.now();
  const previous = readCookie(req, PORTAL_COOKIE);
  if (previous) await partnerSessions.revoke(deps.db, previous, now);
  const expiresAt = new Date(now.getTime() + PARTNER_SESSION_LIFETIME_MS);
  const token = await partnerSessions.insert(deps.db, { tenantId: user.tenantId, userId: user.id, signedInWith: 'email_link', expiresAt }, now);
  res.cookie(PORTAL_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: COOKIE_PATH, expires: expiresAt });
}

/** The partner user the request's portal session is for, while it is live and they are still a user. */
export async function readPortalSession(deps: SessionDeps, req: Request): Promise<PortalSession | null> {
  const token = readCookie(req, PORTAL_COOKIE);
  if (!token) return null;
  const session = await partnerSessions.findLive(deps.db, token, deps.clock.now());
  const user = session && (await getPartnerUser(deps.db, session.tenantId, session.userId));
  return user ? { user, token } : null;
}

export async function endPortalSession(deps: SessionDeps, req: Request, res: Response): Promise<void> {
  const token = readCookie(req, PORTAL_COOKIE);
  if (token) await partnerSessions.revoke(deps.db, token, deps.clock.now());
  res.clearCookie(PORTAL_COOKIE, { path: COOKIE_PATH });
}

/** Forms of a portal page carry this token, derived from the session's, so another site cannot post them. */
export const portalFormToken = (secret: string, session: PortalSession) => sign(secret, 'portal-form', session.token);
export const validPortalFormToken = (secret: string, session: PortalSession, token: unknown) =>
  typeof token === 'string' && verifySignature(secret, 'portal-form', session.token, token);
