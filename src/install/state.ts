import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../domain/clock';
import type { Db } from '../store/db';
import { consumePendingInstall, deleteStalePendingInstalls, insertPendingInstall, type PendingInstall, type StateProvider } from '../store/oauthStates';
import type { Keyring } from '../security/secrets';
import { sign, verifySignature } from './signing';

/** How long a user has to finish consenting at the CRM or Slack. */
export const STATE_LIFETIME_MS = 10 * 60_000;
const PURPOSE = 'oauth-state';

export interface StateDeps {
  db: Db;
  clock: Clock;
  keyring: Keyring;
  install: { signingSecret: string };
}

/** Why a callback's state was refused, in words shown to the admin. */
export type StateRefusal = 'forged' | 'replayed' | 'expired' | 'other-browser';

export class StateRefused extends Error {
  constructor(
    readonly reason: StateRefusal,
    /** Said as a sign-in's refusal rather than an install's. */
    signIn = false,
  ) {
    const [flow, again] = signIn ? ['sign-in', 'Sign in again'] : ['install', 'Start the installation again'];
    super(
      reason === 'expired'
        ? `This ${flow} link has expired. ${again}.`
        : reason === 'replayed'
          ? `This ${flow} link has already been used. ${again}.`
          : reason === 'other-browser'
            ? `This ${flow} was started in another browser. ${signIn ? 'Sign in again from this browser' : 'Start the install again from this browser'}.`
            : `This ${flow} request did not come from Trellis.`,
    );
  }
}

/**
 * Starts an install: records a nonce (with the tenant and PKCE verifier it belongs to) and
 * returns the `state` to send: `<nonce>.<expiry>.<signature>`, signed for this provider, and the
 * nonce the starting browser keeps (see browserBinding.ts).
 */
export async function issueState(
  deps: StateDeps,
  provider: StateProvider,
  extra: { tenantId?: string | null; codeVerifier?: string | null; loginUrl?: string | null } = {},
): Promise<{ state: string; nonce: string }> {
  const now = deps.clock.now();
  const nonce = randomBytes(18).toString('base64url');
  const expiresAt = new Date(now.getTime() + STATE_LIFETIME_MS);
  await deleteStalePendingInstalls(deps.db, new Date(now.getTime() - 24 * 3_600_000));
  await insertPendingInstall(deps.db, deps.keyring, {
    nonce,
    provider,
    tenantId: extra.tenantId ?? null,
    codeVerifier: extra.codeVerifier ?? null,
    loginUrl: extra.loginUrl ?? null,
    expiresAt,
  });
  const body = `${provider}.${nonce}.${expiresAt.getTime()}`;
  return { state: `${nonce}.${expiresAt.getTime()}.${sign(deps.install.signingSecret, PURPOSE, body)}`, nonce };
}

/**
 * Accepts a callback's state once: checks the signature, the expiry, that the browser holds the
 * nonce it was given at the start, then uses up the nonce. A state refused for its browser is
 * not used up, so the browser that started the install can still finish it.
 */
export async function consumeState(deps: StateDeps, provider: StateProvider, state: unknown, browserNonce: string | undefined): Promise<PendingInstall> {
  const refused = (reason: StateRefusal) => new StateRefused(reason, provider.endsWith('_signin'));
  const [nonce, expiry, signature, ...rest] = typeof state === 'string' ? state.split('.') : [];
  if (!nonce || !expiry || !signature || rest.length > 0 || !/^\d{1,15}$/.test(expiry)) throw refused('forged');
  if (!verifySignature(deps.install.signingSecret, PURPOSE, `${provider}.${nonce}.${expiry}`, signature)) throw refused('forged');
  if (Number(expiry) <= deps.clock.now().getTime()) throw refused('expired');
  if (!sameText(browserNonce, nonce)) throw refused('other-browser');
  const pending = await consumePendingInstall(deps.db, deps.keyring, nonce, provider);
  if (!pending) throw refused('replayed');
  return pending;
}

const sameText = (given: string | undefined, expected: string) =>
  given !== undefined && Buffer.byteLength(given) === Buffer.byteLength(expected) && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
