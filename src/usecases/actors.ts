import { principalFor } from '../domain/access';
import type { Tenant } from '../store/tenants';
import { findVendorUserByEmail, type VendorUser } from '../store/vendorUsers';
import type { Actor, Deps } from './context';

/** An API key acts under this name (`api-key:<its name>`): recorded in audits, never shown to outsiders as a person. */
export const apiKeyActorName = (keyName: string) => `api-key:${keyName}`;
export const isApiKeyActorName = (name: string) => name.startsWith('api-key:');

/** A Trellis user acting: their role and scope bound what they may do. */
export const userActor = (tenant: Pick<Tenant, 'id' | 'settings'>, user: VendorUser, name = user.email): Actor => ({
  tenantId: tenant.id,
  settings: tenant.settings,
  name,
  principal: principalFor(user.role, user.email, user.scope),
});

/**
 * A CRM user on a card, named by the CRM's signed request. A Trellis user with that email acts with
 * their role; anyone else the CRM vouches for acts with the tenant's default for CRM users.
 */
export async function crmUserActor(deps: Pick<Deps, 'db'>, tenant: Tenant, email: string | null, fallbackName: string): Promise<Actor> {
  const user = email ? await findVendorUserByEmail(deps.db, tenant.id, email) : null;
  if (user) return userActor(tenant, user);
  return { tenantId: tenant.id, settings: tenant.settings, name: email ?? fallbackName, principal: principalFor(tenant.settings.crmUserDefaultRole, email) };
}
