import { fixedClock } from '../../src/domain/clock';
import { TenantSettings } from '../../src/domain/settings';
import type { Db } from '../../src/store/db';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../../src/security/secrets';
import type { Actor, Deps } from '../../src/usecases/context';
import { createPartner } from '../../src/usecases/partners';
import { createTenant } from '../../src/usecases/tenants';
import { principalFor } from '../../src/domain/access';

export const testKeyring = () => createKeyring(parseKeyring(generateKeyringSpec()));

export function testDeps(db: Db, at = '2026-03-02T09:00:00Z') {
  const clock = fixedClock(at);
  return { db, clock, keyring: testKeyring() } satisfies Deps;
}

/** A tenant with default settings and one active partner, created through the use cases. */
export async function tenantWithPartner(deps: Deps, region: 'NA' | 'EMEA' = 'NA') {
  const { tenant } = await createTenant(deps, 'Vendor');
  const actor: Actor = { tenantId: tenant.id, settings: TenantSettings.parse({}), name: 'pm@vendor.com', principal: principalFor('admin') };
  const partner = await createPartner(deps, actor, {
    name: 'Northwind',
    tier: 'gold',
    region,
    country: region === 'NA' ? 'US' : 'DE',
    specialties: [],
    status: 'active',
  });
  return { actor, partner };
}
