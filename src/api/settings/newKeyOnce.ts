import type { Request, Response } from 'express';
import { readCookie, type SignedIn } from '../../install/session';
import type { Keyring, SecretAad } from '../../security/secrets';

/**
 * A key just created is shown once, on the page the form redirects to, so reloading that page
 * neither shows the secret again nor creates another key. Between the form and the page the
 * secret rides in a cookie of two minutes, encrypted and bound to the admin's session, cleared
 * as soon as the page shows it.
 */
const COOKIE = 'trellis_new_api_key';
const LIFETIME_MS = 120_000;
const aadOf = (session: SignedIn) => `settings.new_api_key:${session.tenant.id}/${session.user.id}` as SecretAad;

export interface NewApiKey {
  name: string;
  secret: string;
}

export function holdNewKey(res: Response, keyring: Keyring, session: SignedIn, key: NewApiKey, secure: boolean): void {
  res.cookie(COOKIE, keyring.encrypt(JSON.stringify(key), aadOf(session)), { httpOnly: true, sameSite: 'strict', secure, path: '/settings', maxAge: LIFETIME_MS });
}

/** The key held for this session, once; null when there is none, it expired, or it was held for someone else. */
export function takeNewKey(req: Request, res: Response, keyring: Keyring, session: SignedIn): NewApiKey | null {
  const held = readCookie(req, COOKIE);
  if (!held) return null;
  res.clearCookie(COOKIE, { path: '/settings' });
  try {
    return JSON.parse(keyring.decrypt(held, aadOf(session))) as NewApiKey;
  } catch {
    return null;
  }
}
