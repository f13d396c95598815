import type { Request, Response } from 'express';
import type { Clock } from '../domain/clock';
import type { Db } from '../store/db';
import { getTenant, type Tenant } from '../store/tenants';
import { findLiveVendorSession, insertVendorSession, revokeVendorSession, type SignInMethod } from '../store/vendorSessions';
import { getVendorUser, type VendorUser } from '../store/vendorUsers';
import { userActor } from '../usecases/actors';
import type { Actor } from '../usecases/context';
import { sign, verifySignature } from './signing';

/**
 * A vendor user's browser session: an opaque token in an HttpOnly, SameSite=Lax cookie, kept
 * server-side (hashed) so signing out, removing the user or changing their role ends it at once.
 * Forms carry a token derived from the cookie (CSRF).
 */
export const SESSION_COOKIE = 'trellis_session';
/** A working day; then the person signs in again. */
export const SESSION_LIFETIME_MS = 10 * 60 * 60_000;

export interface SignedIn {
  tenant: Tenant;
  user: VendorUser;
  /** Acting as this user, with their role and partner scope. */
  actor: Actor;
  signedInWith: SignInMethod;
  /** The raw cookie value, from which the form token is derived. */
  token: string;
}

interface SessionDeps {
  db: Db;
  clock: Clock;
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Starts a session for a user in this browser; a session the browser already held ends, so no old token lives on. */
export async function startSession(deps: SessionDeps, res: Response, user: VendorUser, via: SignInMethod, secure: boolean): Promise<void> {
  const now = deps.clock.now();
  const previous = readCookie(res.req, SESSION_COOKIE);
  if (previous) await revokeVendorSession(deps.db, previous, now);
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  const token = await insertVendorSession(deps.db, { tenantId: user.tenantId, userId: user.id, signedInWith: via, expiresAt }, now);
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

/** The person the request's session is for, if it is live and they are still a user of its tenant. */
export async function readSession(deps: SessionDeps, req: Request): Promise<SignedIn | null> {
  const token = readCookie(req, SESSION_COOKIE);
  if (!token) return null;
  const session = await findLiveVendorSession(deps.db, token, deps.clock.now());
  if (!session) return null;
  const [tenant, user] = await Promise.all([getTenant(deps.db, session.tenantId), getVendorUser(deps.db, session.tenantId, session.userId)]);
  if (!tenant || !user) return null;
  return { tenant, user, actor: userActor(tenant, user), signedInWith: session.signedInWith, token };
}

/** Signs this browser out: its session ends server-side and the cookie is cleared. */
export async function endSession(deps: SessionDeps, req: Request, res: Response): Promise<void> {
  const token = readCookie(req, SESSION_COOKIE);
  if (token) await revokeVendorSession(deps.db, token, deps.clock.now());
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The header line of a page shown to this person. */
export const signedInLineOf = (secret: string, session: SignedIn) => ({ email: session.user.email, role: session.user.role, formToken: formToken(secret, session) });

export function formToken(secret: string, session: Pick<SignedIn, 'token'>): string {
  return sign(secret, 'settings-form', session.token);
}

export function validFormToken(secret: string, session: Pick<SignedIn, 'token'>, token: unknown): boolean {
  return typeof token === 'string' && verifySignature(secret, 'settings-form', session.token, token);
}

/** How long a sign-in page's forms stay good. */
const SIGN_IN_FORM_LIFETIME_MS = 30 * 60_000;

/**
 * The token of a form shown before anyone is signed in (the sandbox's one-click sign-in): there
 * is no session to derive it from, so it is signed by the server and short-lived.
 */
export function signInFormToken(secret: string, now: Date): string {
  const expiry = String(now.getTime() + SIGN_IN_FORM_LIFETIME_MS);
  return `${expiry}.${sign(secret, 'sign-in-form', expiry)}`;
}

export function validSignInFormToken(secret: string, token: unknown, now: Date): boolean {
  const [expiry, signature, ...rest] = typeof token === 'string' ? token.split('.') : [];
  return Boolean(expiry && signature && rest.length === 0 && Number(expiry) > now.getTime() && verifySignature(secret, 'sign-in-form', expiry, signature));
}
