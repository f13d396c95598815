import { sessionStore, type StoredSession } from './sessionTokens';

/** How a partner's person proved who they are. */
export const PARTNER_SIGN_IN_METHODS = ['email_link', 'passkey', 'oidc'] as const;
export type PartnerSignInMethod = (typeof PARTNER_SIGN_IN_METHODS)[number];

export type PartnerSession = StoredSession<PartnerSignInMethod>;

export const partnerSessions = sessionStore<PartnerSignInMethod>('partner_sessions');
