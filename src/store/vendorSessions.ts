import { sessionStore, type StoredSession } from './sessionTokens';

/** How a person proved who they are. */
export const SIGN_IN_METHODS = ['hubspot', 'salesforce', 'oidc', 'install', 'sandbox'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export type VendorSession = StoredSession<SignInMethod>;

const vendorSessions = sessionStore<SignInMethod>('vendor_sessions');

export const insertVendorSession = vendorSessions.insert;
export const findLiveVendorSession = vendorSessions.findLive;
export const revokeVendorSession = vendorSessions.revoke;
/** Ends every session of a user at once (removed, or their role changed). */
export const revokeUserSessions = vendorSessions.revokeUser;
