import type { Request, Response } from 'express';
import type { StateProvider } from '../store/oauthStates';
import { readCookie } from './session';
import { STATE_LIFETIME_MS } from './state';

/**
 * Binds an install's `state` to the browser that started it: the start sets a short-lived,
 * HttpOnly, SameSite=Lax cookie holding the state's nonce, and the callback accepts the state
 * only beside that cookie. An install link started elsewhere (an attacker's, sent to a victim,
 * or the victim's, completed by an attacker) is refused. One cookie per provider, so a HubSpot
 * and a Salesforce install (or sign-in) may be under way in one browser at once.
 */
const cookieName = (provider: StateProvider) => `trellis_install_${provider}`;
/** Sent only to the provider's callback. */
const CALLBACK_PATHS: Record<StateProvider, string> = {
  hubspot: '/oauth/hubspot',
  salesforce: '/oauth/salesforce',
  slack: '/oauth/slack',
  hubspot_signin: '/signin/hubspot',
  salesforce_signin: '/signin/salesforce',
  oidc_signin: '/signin/oidc',
};
const cookiePath = (provider: StateProvider) => CALLBACK_PATHS[provider];

export function bindStateToBrowser(res: Response, provider: StateProvider, nonce: string, secure: boolean): void {
  res.cookie(cookieName(provider), nonce, { httpOnly: true, sameSite: 'lax', secure, path: cookiePath(provider), maxAge: STATE_LIFETIME_MS });
}

/** The nonce of the install this browser started, if any; the cookie is used up either way. */
export function takeBrowserNonce(req: Request, res: Response, provider: StateProvider): string | undefined {
  const nonce = readCookie(req, cookieName(provider));
  if (nonce !== undefined) res.clearCookie(cookieName(provider), { path: cookiePath(provider) });
  return nonce;
}
