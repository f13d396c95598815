import type { EntityKind } from '../../domain/crm';
import type { Deps } from '../../usecases/context';
import { hubspotRegistrationTarget } from '../hubspot/registrationStorage';
import { loadMapping } from '../mapping/load';
import type { ObjectMapping } from '../mapping/types';
import type { CrmAdapter } from '../port';

/**
 * What one entity kind is synced through in a tenant's CRM: its mapping, with the object named
 * as that CRM must be called (a HubSpot custom object by its objectTypeId); or 'deals' for HubSpot
 * registrations kept as properties on deals and companies in a portal without custom objects.
 */
export async function syncTarget(deps: Deps, adapter: CrmAdapter, tenantId: string, kind: EntityKind): Promise<ObjectMapping | 'deals'> {
  const mapping = await loadMapping(deps.db, tenantId);
  return adapter.crm === 'hubspot' && kind === 'registration' ? hubspotRegistrationTarget(deps, adapter, tenantId, mapping) : mapping[kind][adapter.crm];
}
