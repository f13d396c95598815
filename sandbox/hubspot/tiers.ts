import type { PortalTier } from './state';

/**
 * Custom objects exist only on Enterprise hubs [hs-co], so the scopes that reach them
 * (`crm.objects.custom.*`, `crm.schemas.custom.*`) cannot be granted on a lower tier.
 */
const ENTERPRISE_ONLY = /^crm\.(objects|schemas)\.custom\./;

/** Whether a user on a portal of this tier can grant the scope. */
export const tierGrants = (tier: PortalTier, scope: string): boolean => tier === 'enterprise' || !ENTERPRISE_ONLY.test(scope);
