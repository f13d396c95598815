import type { Region, Tier } from './partner';

/**
 * Who may do what, decided in this one place for the REST API, the CRM cards, Slack buttons,
 * the settings page and the dashboard. Users and API keys hold one of these roles.
 */
export const ROLES = ['admin', 'partner_manager', 'sales_rep', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  partner_manager: 'Partner manager',
  sales_rep: 'Sales rep',
  viewer: 'Viewer',
};

/**
 * What a request does. `decide` (approve, reject, resolve conflicts) and `manage_partners` are
 * held for particular partners: a partner manager's scope bounds them.
 */
export const PERMISSIONS = ['read', 'register_deals', 'decide', 'manage_partners', 'administer'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  partner_manager: new Set(['read', 'register_deals', 'decide', 'manage_partners']),
  sales_rep: new Set(['read', 'register_deals']),
  viewer: new Set(['read']),
};

/** The partners a partner manager answers for; empty lists everywhere mean every partner. */
export interface PartnerScope {
  partnerIds: readonly string[];
  regions: readonly Region[];
  tiers: readonly Tier[];
}

export const EVERY_PARTNER: PartnerScope = { partnerIds: [], regions: [], tiers: [] };

/** Whoever acts: a signed-in user, a CRM or Slack user mapped to one, or an API key. */
export interface Principal {
  role: Role;
  /** A person's verified email; an API key has none. */
  email: string | null;
  scope: PartnerScope;
}

export const principalFor = (role: Role, email: string | null = null, scope: PartnerScope = EVERY_PARTNER): Principal => ({ role, email, scope });

/** What the policy needs to know of a partner. */
export interface PartnerFacts {
  id: string;
  region: Region;
  tier: Tier;
  managerEmail: string | null;
}

const isEveryPartner = (s: PartnerScope) => s.partnerIds.length === 0 && s.regions.length === 0 && s.tiers.length === 0;

/** A partner is in scope when the scope names it, its region or its tier, or when it names the person as its manager. */
export function manages(principal: Principal, partner: PartnerFacts): boolean {
  const { scope, email } = principal;
  return (
    isEveryPartner(scope) ||
    scope.partnerIds.includes(partner.id) ||
    scope.regions.includes(partner.region) ||
    scope.tiers.includes(partner.tier) ||
    (email !== null && partner.managerEmail?.toLowerCase() === email.toLowerCase())
  );
}

/** Whether the role grants a permission at all (for some partner, when it is held per partner). */
export function can(principal: Principal, permission: Permission): boolean {
  return GRANTS[principal.role].has(permission);
}

/** Whether the principal may do this to every one of these partners. Admins are never scoped. */
export function canFor(principal: Principal, permission: Permission, partners: readonly PartnerFacts[]): boolean {
  if (!can(principal, permission)) return false;
  if (principal.role === 'admin' || (permission !== 'decide' && permission !== 'manage_partners')) return true;
  return partners.every((p) => manages(principal, p));
}
