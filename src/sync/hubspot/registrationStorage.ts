import { getCrmConnection } from '../../store/connections';
import { forgetPlacements, getHubSpotRegistrationStorage, listPlacements, saveHubSpotRegistrationStorage, type PlacementObject } from '../../store/hubspotRegistrations';
import type { Deps } from '../../usecases/context';
import { writeIsolatingRefusals } from '../engine/isolate';
import type { ObjectMapping, SyncMapping } from '../mapping/types';
import type { CrmAdapter, ProvisionReport } from '../port';
import { provisionPlan } from '../provision';
import { customObjectsGranted } from './customObjects';
import { noRegistration, REGISTRATION_HOSTS } from './registrationProperties';

/**
 * Provisions a tenant's HubSpot portal and settles where its deal registrations live: Trellis's
 * custom object when the connection was granted custom objects (its objectTypeId and fully
 * qualified name kept for every later call), otherwise Trellis properties on deals and companies
 * (no custom-object API is called then).
 *
 * A portal that gains custom objects (an upgrade, then a reinstall) moves to the object: the
 * backfill that follows provisioning writes every registration there from Trellis's store, and
 * the deal and company properties are emptied (their definitions stay). Left filled, they would
 * go stale — a "pending" that never turns "approved" — and mislead reps and the admin's
 * reports; HubSpot's property history still shows what they held.
 */
export async function provisionHubSpotPortal(deps: Deps, adapter: CrmAdapter, tenantId: string, mapping: SyncMapping): Promise<ProvisionReport> {
  const connection = await getCrmConnection(deps.db, deps.keyring, tenantId, 'hubspot');
  const onDeals = !customObjectsGranted(connection?.scopes ?? []);
  const report = await adapter.provision(provisionPlan(mapping, 'hubspot', { registrationsOnDeals: onDeals }));
  if (onDeals) {
    await saveHubSpotRegistrationStorage(deps.db, tenantId, { storage: 'deal_properties' });
    return report;
  }
  const object = report.customObjects?.find((o) => o.name === mapping.registration.hubspot.object);
  if (!object) throw new Error(`HubSpot provisioning did not report the ${mapping.registration.hubspot.object} custom object`);
  await emptyRegistrationHosts(deps, adapter, tenantId);
  await saveHubSpotRegistrationStorage(deps.db, tenantId, { storage: 'custom_object', objectTypeId: object.objectTypeId, fullyQualifiedName: object.fullyQualifiedName });
  return report;
}

/** Empties the registration properties of every deal and company Trellis wrote them on. */
async function emptyRegistrationHosts(deps: Deps, adapter: CrmAdapter, tenantId: string): Promise<void> {
  const placements = await listPlacements(deps.db, tenantId);
  const size = adapter.capabilities.batchSize;
  for (const object of ['deals', 'companies'] as PlacementObject[]) {
    const crmIds = placements.filter((p) => p.object === object).map((p) => p.crmId);
    for (let i = 0; i < crmIds.length; i += size) {
      const batch = crmIds.slice(i, i + size);
      // The empty Trellis id is the id property's value: the record no longer shows any registration.
      await writeIsolatingRefusals(adapter, REGISTRATION_HOSTS[object], batch.map((crmId) => ({ trellisId: '', crmId, values: noRegistration() })));
      await forgetPlacements(deps.db, tenantId, object, batch);
    }
  }
}

/**
 * Where a tenant's registrations are synced in HubSpot: the registration mapping addressed by the
 * custom object's objectTypeId (never the base name the mapping creates it with), or 'deals'
 * when they live on deals and companies. A tenant provisioned before this was kept is provisioned now.
 */
export async function hubspotRegistrationTarget(deps: Deps, adapter: CrmAdapter, tenantId: string, mapping: SyncMapping): Promise<ObjectMapping | 'deals'> {
  let storage = await getHubSpotRegistrationStorage(deps.db, tenantId);
  if (!storage) {
    await provisionHubSpotPortal(deps, adapter, tenantId, mapping);
    storage = (await getHubSpotRegistrationStorage(deps.db, tenantId))!;
  }
  return storage.storage === 'custom_object' ? { ...mapping.registration.hubspot, object: storage.objectTypeId } : 'deals';
}
