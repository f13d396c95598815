import { TenantSettings } from '../../../src/domain/settings';
import { getHubSpotRegistrationStorage } from '../../../src/store/hubspotRegistrations';
import { submitDealRegistration } from '../../../src/usecases/submitDealRegistration';
import { DEFAULT_SEARCH_INDEX_LAG_MS } from '../../../sandbox/hubspot/searchIndex';
import { hubspotScopesOn, installHubSpotApp, startSyncWorld, type SyncWorld } from './world';
import { principalFor } from '../../../src/domain/access';

const REGISTRATION_PROPERTIES = [
  'trellis_registration_id',
  'trellis_registration_status',
  'trellis_registration_partner',
  'trellis_registration_partner_id',
  'trellis_registration_protection_end',
  'trellis_registration_decided_at',
  'trellis_registration_decided_by',
  'trellis_registration_decision_reason',
];

/**
 * A Starter portal has no custom objects (platform-rules.md §1.1 [hs-co], §1.8 [hs-props]): the
 * emulator refuses every custom-object call there with 403, so a sync that made one would report
 * it (last error, dead letters). Registrations show on the deal — or the customer's company — as
 * Trellis properties; after an upgrade to Enterprise and a reinstall they move to the custom object.
 */
describe('CRM sync: deal registrations in a HubSpot portal without custom objects, and after its upgrade', () => {
  let w: SyncWorld;
  let partners: { id: string; name: string }[];
  let dealId: string;
  let companyId: string;
  const registrationIds: Record<string, string> = {};

  const portal = () => w.hubspot.state.portals[String(w.portalId)]!;
  const record = (objectTypeId: string, id: string) => portal().records[objectTypeId]![id]!.properties;
  const adminCall = async (path: string, method: string, body?: unknown) => {
    const res = await fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return (await res.json()) as { id: string };
  };
  const register = async (key: string, partner: number, customer: { name: string; domain: string }, crmDealRef?: string) => {
    const actor = { tenantId: w.tenantId, name: 'rep@starter.example', settings: TenantSettings.parse({}), principal: principalFor('admin') };
    const { registration } = await submitDealRegistration(w.engine, actor, {
      partnerId: partners[partner]!.id,
      customer: { ...customer, country: 'US' },
      products: ['platform'],
      amount: 30000,
      currency: 'USD',
      expectedCloseDate: '2027-06-30',
      ...(crmDealRef ? { crmDealRef } : {}),
    });
    registrationIds[key] = registration.id;
    await w.settle();
  };
  const expectSyncClean = async () => {
    expect((await w.api.get('/api/v1/sync/dead-letters')).body.data).toEqual([]);
    expect((await w.api.get('/api/v1/sync/status')).body.crms.find((c: { crm: string }) => c.crm === 'hubspot').lastError).toBeNull();
  };

  beforeAll(async () => {
    w = await startSyncWorld('postgres', { salesforce: false, hubspotTier: 'starter' });
    partners = [];
    for (const [name, domain] of [['Contoso Resellers', 'contoso-resellers.example'], ['Fabrikam Partners', 'fabrikam-partners.example']]) {
      const created = await w.api.post('/api/v1/partners', { name, domain, region: 'NA', country: 'US', tier: 'gold', status: 'active' });
      partners.push({ id: created.body.id, name: name! });
    }
    dealId = (await adminCall('/objects/deals', 'POST', { properties: { dealname: 'Globex platform', amount: '30000' } })).id;
    companyId = (await adminCall('/objects/companies', 'POST', { properties: { name: 'Initech', domain: 'initech.example' } })).id;
    // Registrations without a deal find their company by search, which shows it once indexed.
    await new Promise((r) => setTimeout(r, DEFAULT_SEARCH_INDEX_LAG_MS));
    await w.settle();
  });
  afterAll(() => w.close());

  it('provisions the Trellis registration properties on deals and companies, and no custom object', async () => {
    expect(await getHubSpotRegistrationStorage(w.database.db, w.tenantId)).toEqual({ storage: 'deal_properties' });
    for (const objectTypeId of ['0-3', '0-2']) {
      for (const name of REGISTRATION_PROPERTIES) expect(portal().properties[objectTypeId]![name]).toMatchObject({ groupName: 'trellis', hasUniqueValue: false });
    }
    expect(Object.keys(portal().schemas)).toEqual([]);
  });

  it('shows a registration made on a deal, and its approval, on the deal', async () => {
    await register('first', 0, { name: 'Globex', domain: 'globex.example' }, `hubspot:deal:${dealId}`);
    expect(record('0-3', dealId)).toMatchObject({
      dealname: 'Globex platform',
      trellis_registration_id: registrationIds.first,
      trellis_registration_status: 'pending',
      trellis_registration_partner: 'Contoso Resellers',
      trellis_registration_partner_id: partners[0]!.id,
    });
    expect((await w.api.post(`/api/v1/deal-registrations/${registrationIds.first}/approve`, { decidedBy: 'ana@starter.example' })).status).toBe(200);
    await w.settle();
    const deal = record('0-3', dealId);
    expect(deal).toMatchObject({ trellis_registration_status: 'approved', trellis_registration_decided_by: 'ana@starter.example' });
    const approved = (await w.api.get(`/api/v1/deal-registrations/${registrationIds.first}`)).body;
    expect(new Date(deal.trellis_registration_protection_end!).toISOString()).toBe(approved.protectionExpiresAt);
    expect(deal.trellis_registration_decided_at).toBeTruthy();
    // Only the deal is written: no deal is created, and the pipeline keeps its one deal.
    expect(Object.keys(portal().records['0-3']!)).toEqual([dealId]);
    await expectSyncClean();
  });

  it('keeps showing the deciding registration when another partner registers the same deal (approved over pending, then newest)', async () => {
    await register('second', 1, { name: 'Globex', domain: 'globex.example' }, `hubspot:deal:${dealId}`);
    expect(record('0-3', dealId).trellis_registration_id).toBe(registrationIds.first);
    // The newer pending one shows once the approved one no longer binds (closed lost here).
    expect((await w.api.post(`/api/v1/deal-registrations/${registrationIds.first}/close`, { outcome: 'lost' })).status).toBe(200);
    await w.settle();
    expect(record('0-3', dealId)).toMatchObject({ trellis_registration_id: registrationIds.second, trellis_registration_status: 'pending', trellis_registration_partner: 'Fabrikam Partners' });
  });

  it("shows a registration without a deal on the customer's company, found by its domain", async () => {
    await register('noDeal', 0, { name: 'Initech', domain: 'initech.example' });
    expect(record('0-2', companyId)).toMatchObject({ name: 'Initech', trellis_registration_id: registrationIds.noDeal, trellis_registration_status: 'pending' });
    expect(Object.keys(portal().records['0-2']!).filter((id) => record('0-2', id).trellis_registration_id)).toEqual([companyId]);
    await expectSyncClean();
  });

  it('provisions a tenant whose registration storage is not known yet (provisioned before it was kept) on its next registration', async () => {
    await w.database.db.query('DELETE FROM hubspot_registration_storage WHERE tenant_id = $1', [w.tenantId]);
    const otherDealId = (await adminCall('/objects/deals', 'POST', { properties: { dealname: 'Umbrella expansion' } })).id;
    await register('unknownStorage', 1, { name: 'Umbrella', domain: 'umbrella.example' }, `hubspot:deal:${otherDealId}`);
    expect(await getHubSpotRegistrationStorage(w.database.db, w.tenantId)).toEqual({ storage: 'deal_properties' });
    expect(record('0-3', otherDealId)).toMatchObject({ trellis_registration_id: registrationIds.unknownStorage, trellis_registration_partner: 'Fabrikam Partners' });
    await expectSyncClean();
  });

  it('moves every registration to the custom object after an upgrade to Enterprise, emptying the deal and company properties', async () => {
    portal().tier = 'enterprise';
    await installHubSpotApp(w.hubspot, w.engine, w.tenantId, w.portalId, hubspotScopesOn('enterprise'));
    await w.sync.startBackfill(w.tenantId, 'hubspot');
    await w.eventually(async () => expect((await w.api.get('/api/v1/sync/status')).body.crms.find((c: { crm: string }) => c.crm === 'hubspot').backfill.status).toBe('done'));
    await w.settle();

    const storage = await getHubSpotRegistrationStorage(w.database.db, w.tenantId);
    const schema = Object.values(portal().schemas).find((s) => s.name === 'trellis_deal_registration')!;
    expect(storage).toEqual({ storage: 'custom_object', objectTypeId: schema.objectTypeId, fullyQualifiedName: `p${w.portalId}_trellis_deal_registration` });
    const onObject = Object.values(portal().records[schema.objectTypeId]!).map((r) => [r.properties.trellis_registration_id, r.properties.trellis_registration_status]);
    expect(onObject.sort()).toEqual(
      [
        [registrationIds.first, 'lost'],
        [registrationIds.second, 'pending'],
        [registrationIds.noDeal, 'pending'],
        [registrationIds.unknownStorage, 'pending'],
      ].sort(),
    );
    for (const [objectTypeId, id] of [['0-3', dealId], ['0-2', companyId]] as const) {
      for (const name of REGISTRATION_PROPERTIES) expect(record(objectTypeId, id)[name] ?? '').toBe('');
      // The definitions stay, so an admin's reports and views keep working.
      expect(portal().properties[objectTypeId]!.trellis_registration_status).toBeDefined();
    }
    await expectSyncClean();
  });
});
