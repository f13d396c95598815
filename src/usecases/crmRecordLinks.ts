import { hubspotRecordUrl, salesforceRecordUrl, type CrmWeb } from '../domain/crmRecordUrl';
import { dealIdIn } from '../domain/registration';
import type { Crm, EntityKind } from '../domain/crm';
import { listCrmSites, type CrmSite } from '../store/crmSites';
import { getHubSpotRegistrationStorage } from '../store/hubspotRegistrations';
import type { Queryable } from '../store/db';
import { registrationsForSync } from '../store/registrationSync';
import { linksByEntity } from '../store/syncLinks';
import { loadMapping } from '../sync/mapping/load';

/** One CRM record a person can open: the entity's own record, or the deal a registration was made from. */
export interface CrmRecordLink {
  crm: Crm;
  label: string;
  url: string;
}

const CRM_NAME: Record<Crm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };
const ENTITY_NOUN: Record<EntityKind, string> = { partner: 'Partner', registration: 'Registration' };
const DEAL: Record<Crm, { object: string; noun: string }> = { hubspot: { object: 'deals', noun: 'Deal' }, salesforce: { object: 'Opportunity', noun: 'Opportunity' } };

function recordUrl(web: CrmWeb, site: CrmSite, object: string, id: string): string | null {
  if (site.crm === 'hubspot') return hubspotRecordUrl(web, site.accountId, object, id);
  return site.instanceUrl ? salesforceRecordUrl(site.instanceUrl, object, id) : null;
}

/**
 * The CRM records behind partners or registrations, per entity id, in every CRM the tenant is
 * connected to: the synced record (where the sync linked one and it still exists) and, for a
 * registration, the deal it was registered on. Entities with none map to an empty list.
 */
export async function crmRecordLinks(q: Queryable, web: CrmWeb, tenantId: string, kind: EntityKind, ids: string[]): Promise<Map<string, CrmRecordLink[]>> {
  const found = new Map(ids.map((id) => [id, [] as CrmRecordLink[]]));
  const sites = ids.length > 0 ? await listCrmSites(q, tenantId) : [];
  if (sites.length === 0) return found;
  const mapping = await loadMapping(q, tenantId);
  // HubSpot knows Trellis's registration object by the type id learnt at provisioning (none when registrations live on deals).
  const hubspotStorage = kind === 'registration' ? await getHubSpotRegistrationStorage(q, tenantId) : null;
  const objectIn = (crm: Crm) =>
    crm === 'hubspot' && kind === 'registration' ? (hubspotStorage?.storage === 'custom_object' ? hubspotStorage.objectTypeId : null) : mapping[kind][crm].object;
  const dealRefs = kind === 'registration' ? new Map((await registrationsForSync(q, tenantId, ids)).map((r) => [r.id, r.crmDealRef])) : new Map<string, string | null>();
  for (const site of sites) {
    const synced = await linksByEntity(q, tenantId, site.crm, kind, ids);
    const add = (id: string, noun: string, url: string | null) => url && found.get(id)!.push({ crm: site.crm, label: `${noun} in ${CRM_NAME[site.crm]}`, url });
    for (const id of ids) {
      const link = synced.get(id);
      const object = objectIn(site.crm);
      if (link && !link.tombstonedAt && object) add(id, ENTITY_NOUN[kind], recordUrl(web, site, object, link.crmId));
      const dealId = dealIdIn(dealRefs.get(id) ?? null, site.crm);
      if (dealId) add(id, DEAL[site.crm].noun, recordUrl(web, site, DEAL[site.crm].object, dealId));
    }
  }
  return found;
}

/** Where each CRM deal opens in its CRM, by the deal's Trellis id; deals of a CRM the tenant is not connected to have none. */
export async function crmDealLinks(q: Queryable, web: CrmWeb, tenantId: string, deals: ReadonlyArray<{ id: string; crm: Crm; crmId: string }>): Promise<Map<string, CrmRecordLink>> {
  const sites = deals.length > 0 ? await listCrmSites(q, tenantId) : [];
  const found = new Map<string, CrmRecordLink>();
  for (const deal of deals) {
    const site = sites.find((s) => s.crm === deal.crm);
    const url = site ? recordUrl(web, site, DEAL[deal.crm].object, deal.crmId) : null;
    if (url) found.set(deal.id, { crm: deal.crm, label: `${DEAL[deal.crm].noun} in ${CRM_NAME[deal.crm]}`, url });
  }
  return found;
}
