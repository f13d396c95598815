import type { Request, Response } from 'express';
import { STATE_LIFETIME_MS } from './state';

/**
 * Where a person was going when they were asked to sign in (a registration page from a Slack
 * alert, the dashboard): kept in a cookie for the length of an install or sign-in, sent only to
 * that flow's callbacks (`under`: `/oauth` or `/signin`), and followed after it. Only a path of
 * this site is kept, so the cookie can never send anyone elsewhere.
 */
const RETURN_COOKIE = 'trellis_return';
export type ReturnScope = '/oauth' | '/signin';

export function localPath(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && value.length <= 512 ? value : null;
}

export function rememberReturn(req: Request, res: Response, secure: boolean, under: ReturnScope): void {
  const path = localPath(req.query.return);
  if (path) res.cookie(RETURN_COOKIE, path, { httpOnly: true, sameSite: 'lax', secure, path: under, maxAge: STATE_LIFETIME_MS });
}

/** The remembered path, used up. */
export function takeReturn(req: Request, res: Response, under: ReturnScope): string | null {
  const raw = (req.get('cookie') ?? '').split(';').map((p) => p.trim()).find((p) => p.startsWith(`${RETURN_COOKIE}=`));
  if (!raw) return null;
  res.clearCookie(RETURN_COOKIE, { path: under });
  return localPath(decodeURIComponent(raw.slice(RETURN_COOKIE.length + 1)));
}
