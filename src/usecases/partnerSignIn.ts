import { SIGN_IN_LINK_LIFETIME_MS, SIGN_IN_LINKS_PER_WINDOW } from '../domain/partnerAccess';
import type { Queryable } from '../store/db';
import { appendOutboxEvent } from '../store/outbox';
import { countSignInLinksSince, insertSignInLink, useSignInLink, type SignInLink } from '../store/partnerSignInLinks';
import { findPartnerUsersByEmail, getPartnerUser, recordPartnerSignIn, type PartnerUser } from '../store/partnerUsers';
import type { Deps } from './context';

/** A new link is announced in the same transaction, so the mail goes out exactly when the link exists. */
export async function announceSignInLink(tx: Queryable, link: SignInLink): Promise<void> {
  await appendOutboxEvent(tx, link.tenantId, 'partner_user.sign_in_link_created', link.id, { origin: 'trellis', userId: link.userId, linkId: link.id, purpose: link.purpose });
}

/**
 * A person asks to sign in with their email: each vendor program they are a partner user of mails
 * them a link of its own. How many there were is never told to the asker, so the form cannot be
 * used to find out who has access.
 */
export async function requestPartnerSignInLinks(deps: Pick<Deps, 'db' | 'clock'>, email: string): Promise<void> {
  const users = await findPartnerUsersByEmail(deps.db, email);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const windowStart = new Date(now.getTime() - SIGN_IN_LINK_LIFETIME_MS);
    for (const user of users) {
      if ((await countSignInLinksSince(tx, user.tenantId, user.id, windowStart)) >= SIGN_IN_LINKS_PER_WINDOW) continue;
      const link = await insertSignInLink(tx, { tenantId: user.tenantId, userId: user.id, purpose: 'sign_in', expiresAt: new Date(now.getTime() + SIGN_IN_LINK_LIFETIME_MS) }, now);
      await announceSignInLink(tx, link);
    }
  });
}

/** Uses a mailed link up and names the partner user it signs in; null when it was used, expired, or its user removed. */
export async function signInWithLink(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<PartnerUser | null> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const link = await useSignInLink(tx, token, now);
    if (!link) return null;
    await recordPartnerSignIn(tx, link.tenantId, link.userId, now);
    return getPartnerUser(tx, link.tenantId, link.userId);
  });
}
