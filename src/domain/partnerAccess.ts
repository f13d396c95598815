/**
 * What a partner's own people may do in the portal. They act only for their own partner
 * organisation; nothing here reaches the vendor's side (`access.ts`).
 */
export const PARTNER_ROLES = ['partner_admin', 'seller', 'marketer'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const PARTNER_ROLE_LABELS: Record<PartnerRole, string> = {
  partner_admin: 'Partner admin',
  seller: 'Seller',
  marketer: 'Marketer',
};

export const PARTNER_PERMISSIONS = ['see_program', 'register_deals', 'answer_leads', 'request_funds', 'manage_team'] as const;
export type PartnerPermission = (typeof PARTNER_PERMISSIONS)[number];

const GRANTS: Record<PartnerRole, ReadonlySet<PartnerPermission>> = {
  partner_admin: new Set(PARTNER_PERMISSIONS),
  seller: new Set(['see_program', 'register_deals', 'answer_leads']),
  marketer: new Set(['see_program', 'request_funds']),
};

export const partnerCan = (role: PartnerRole, permission: PartnerPermission): boolean => GRANTS[role].has(permission);

/** A partner organisation keeps at least one admin, so someone there can always manage its team. */
export function leavesPartnerWithoutAdmin(current: { role: PartnerRole }, nextRole: PartnerRole | null, adminsNow: number): boolean {
  return current.role === 'partner_admin' && nextRole !== 'partner_admin' && adminsNow <= 1;
}

/** How long a link mailed to sign in stays good, and how long an invitation does. */
export const SIGN_IN_LINK_LIFETIME_MS = 15 * 60_000;
/** At most this many links to sign in are mailed to one person per lifetime of a link. */
export const SIGN_IN_LINKS_PER_WINDOW = 5;
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60_000;
/** A partner's session lasts a working week; a removed user loses it at once regardless. */
export const PARTNER_SESSION_LIFETIME_MS = 7 * 24 * 60 * 60_000;

/** Where a mailed link to sign in to the portal leads: this path and the link's token. */
export const PORTAL_LINK_PATH = '/portal/link';
