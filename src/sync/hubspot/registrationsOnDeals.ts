import { decidingRegistration } from '../../domain/decidingRegistration';
import { dealIdIn } from '../../domain/registration';
import { parkDeadLetter } from '../../store/deadLetters';
import { registrationsCompetingWith, savePlacements, type PlaceableRegistration, type PlacementObject } from '../../store/hubspotRegistrations';
import { clearPending, entityKey, parseRecordKey, type PendingRecord } from '../../store/syncPending';
import type { Deps } from '../../usecases/context';
import { writeIsolatingRefusals } from '../engine/isolate';
import type { CrmAdapter, CrmWrite } from '../port';
import { registrationHostValues, REGISTRATION_HOSTS } from './registrationProperties';

const groupBy = <K>(items: PlaceableRegistration[], key: (r: PlaceableRegistration) => K | null): Map<K, PlaceableRegistration[]> => {
  const groups = new Map<K, PlaceableRegistration[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
};

/**
 * Shows waiting registrations in a portal without custom objects: each HubSpot deal a
 * registration was made on, or for one without a deal its customer's company (found by the
 * customer's web domain), gets the Trellis properties of the registration that decides it among
 * all pointing at it (see decidingRegistration). Records are updated by their CRM id only: a
 * deal or company is never created, and a customer without a HubSpot company shows nothing there.
 */
export async function placeRegistrationsOnDeals(deps: Deps, adapter: CrmAdapter, tenantId: string, rows: PendingRecord[]): Promise<void> {
  const ids = rows.flatMap((r) => {
    const key = parseRecordKey(r.key);
    return key.side === 'entity' ? [key.entityId] : [];
  });
  const competing = await registrationsCompetingWith(deps.db, tenantId, ids);
  const byDeal = groupBy(competing, (r) => dealIdIn(r.crmDealRef, 'hubspot'));
  const byCustomer = groupBy(competing, (r) => (dealIdIn(r.crmDealRef, 'hubspot') ? null : r.customerDomain));
  const companies = byCustomer.size > 0 && adapter.findByProperty ? await adapter.findByProperty(REGISTRATION_HOSTS.companies, 'domain', [...byCustomer.keys()]) : new Map<string, string>();

  const writes: Record<PlacementObject, CrmWrite[]> = { deals: [], companies: [] };
  const show = (object: PlacementObject, crmId: string, candidates: PlaceableRegistration[]) => {
    const deciding = decidingRegistration(candidates)!;
    writes[object].push({ trellisId: deciding.id, crmId, values: registrationHostValues(deciding) });
  };
  for (const [dealId, candidates] of byDeal) show('deals', dealId, candidates);
  for (const [domain, candidates] of byCustomer) {
    const companyId = companies.get(domain);
    if (companyId) show('companies', companyId, candidates);
  }

  for (const object of ['deals', 'companies'] as PlacementObject[]) {
    for (let i = 0; i < writes[object].length; i += adapter.capabilities.batchSize) {
      const batch = writes[object].slice(i, i + adapter.capabilities.batchSize);
      const outcomes = await writeIsolatingRefusals(adapter, REGISTRATION_HOSTS[object], batch);
      const crmIdOf = new Map(batch.map((w) => [w.trellisId, w.crmId!]));
      await savePlacements(deps.db, tenantId, outcomes.flatMap((o) => (o.ok ? [{ object, crmId: o.crmId, registrationId: o.trellisId }] : [])));
      for (const o of outcomes) {
        if (o.ok) continue;
        const reason = `HubSpot refused the registration properties on ${object === 'deals' ? 'deal' : 'company'} ${crmIdOf.get(o.trellisId)}: ${o.rejection.message} (${o.rejection.code})`;
        await parkDeadLetter(deps.db, tenantId, 'hubspot', { kind: 'registration', key: entityKey(o.trellisId), reason, details: { registrationId: o.trellisId, code: o.rejection.code } });
      }
    }
  }
  await clearPending(deps.db, tenantId, 'hubspot', rows);
}
