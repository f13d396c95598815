import type { Request, Response } from 'express';
import { sign, verifySignature } from './signing';

/**
 * The settings page's session: a short-lived signed cookie naming one tenant, set when an
 * admin finishes an install. Forms carry a token derived from the cookie (CSRF), and the
 * cookie is SameSite=Lax and HttpOnly.
 */
export const SESSION_COOKIE = 'trellis_settings';
export const SESSION_LIFETIME_MS = 60 * 60_000;

export interface SettingsSession {
  tenantId: string;
  /** The raw cookie value, from which the form token is derived. */
  value: string;
}

export function sessionCookieValue(secret: string, tenantId: string, expiresAt: Date): string {
  const body = `${tenantId}.${expiresAt.getTime()}`;
  return `${body}.${sign(secret, 'settings-session', body)}`;
}

export function setSessionCookie(res: Response, secret: string, tenantId: string, now: Date, secure: boolean): void {
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  res.cookie(SESSION_COOKIE, sessionCookieValue(secret, tenantId, expiresAt), {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The session the request carries, if its signature holds and it has not expired. */
export function readSession(req: Request, secret: string, now: Date): SettingsSession | null {
  const value = readCookie(req, SESSION_COOKIE);
  const [tenantId, expiry, signature] = value?.split('.') ?? [];
  if (!value || !tenantId || !expiry || !signature) return null;
  if (!verifySignature(secret, 'settings-session', `${tenantId}.${expiry}`, signature)) return null;
  if (Number(expiry) <= now.getTime()) return null;
  return { tenantId, value };
}

export function formToken(secret: string, session: SettingsSession): string {
  return sign(secret, 'settings-form', session.value);
}

export function validFormToken(secret: string, session: SettingsSession, token: unknown): boolean {
  return typeof token === 'string' && verifySignature(secret, 'settings-form', session.value, token);
}
