import { Client } from '@hubspot/api-client';
import { associationsFrom } from '../../../sandbox/hubspot/associationStore';
import { DEFAULT_SEARCH_INDEX_LAG_MS } from '../../../sandbox/hubspot/searchIndex';
import { getCrmConnection } from '../../../src/store/connections';
import { getHubSpotRegistrationStorage } from '../../../src/store/hubspotRegistrations';
import { TenantSettings } from '../../../src/domain/settings';
import { crmRecordLinks } from '../../../src/usecases/crmRecordLinks';
import { submitDealRegistration } from '../../../src/usecases/submitDealRegistration';
import { reconcileOnce } from '../../../src/sync/engine/reconcile';
import { QUEUE_KINDS } from '../../support/queues';
import { startSyncWorld, type SyncWorld } from './world';
import { principalFor } from '../../../src/domain/access';

const REGISTRATION_SF_FIELDS = ['trellisprm__Trellis_Registration_Id__c', 'trellisprm__Trellis_Customer_Name__c', 'trellisprm__Trellis_Status__c', 'trellisprm__Trellis_Decision_Reason__c', 'trellisprm__Trellis_Amount__c', 'trellisprm__Trellis_Deal_Stage__c'];

describe.each(QUEUE_KINDS)('CRM sync: deal registrations travel to both CRMs as their registration records, linked to the partner and the deal (%s queue)', (queue) => {
  let w: SyncWorld;
  let partnerId: string;
  let registrationId: string;
  let dealId: string;

  const hubspotRegistrations = () => {
    const portal = w.hubspot.state.portals[String(w.portalId)]!;
    const schema = Object.values(portal.schemas).find((s) => s.name === 'trellis_deal_registration')!;
    return Object.values(portal.records[schema.objectTypeId] ?? {}).filter((r) => !r.archived).map((r) => ({ ...r, objectTypeId: schema.objectTypeId }));
  };
  const salesforceRegistrations = () =>
    Object.values(w.salesforce.state.orgs[w.orgId]!.records.trellisprm__Trellis_Deal_Registration__c ?? {}) as Array<Record<string, unknown> & { Id: string }>;

  beforeAll(async () => {
    w = await startSyncWorld(queue);
    w.salesforce.configureOutboundMessage(w.orgId, { object: 'trellisprm__Trellis_Deal_Registration__c', fields: REGISTRATION_SF_FIELDS, endpointUrl: w.salesforceEndpoint });
    const partner = await w.api.post('/api/v1/partners', { name: 'Contoso Resellers', domain: 'contoso-resellers.example', region: 'NA', country: 'US', tier: 'gold', status: 'active' });
    partnerId = partner.body.id;
    await w.settle();
    const deal = await fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}/objects/deals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { dealname: 'Globex platform', amount: '48000' } }),
    });
    dealId = String(((await deal.json()) as { id: string }).id);
  });
  afterAll(() => w.close());

  it('writes a registration made on a HubSpot deal to both CRMs, once each, associated with the partner and the deal', async () => {
    const actor = { tenantId: w.tenantId, name: 'rep@sync.example', settings: TenantSettings.parse({}), principal: principalFor('admin') };
    const { registration } = await submitDealRegistration(w.engine, actor, {
      partnerId,
      customer: { name: 'Globex', domain: 'globex.example', country: 'US' },
      products: ['platform'],
      amount: 48000,
      currency: 'USD',
      expectedCloseDate: '2027-03-31',
      crmDealRef: `hubspot:deal:${dealId}`,
    });
    registrationId = registration.id;
    await w.settle();

    const inHubSpot = hubspotRegistrations().filter((r) => r.properties.trellis_registration_id === registrationId);
    expect(inHubSpot).toHaveLength(1);
    expect(inHubSpot[0]!.properties).toMatchObject({ trellis_customer_name: 'Globex', trellis_registration_status: 'pending', amount: '48000' });
    const portal = w.hubspot.state.portals[String(w.portalId)]!;
    const partnerCompany = w.companies().find((c) => c.properties.trellis_partner_id === partnerId)!;
    expect(associationsFrom(portal, inHubSpot[0]!.objectTypeId, inHubSpot[0]!.id, '0-2').map((e) => e.toId)).toEqual([partnerCompany.id]);
    expect(associationsFrom(portal, inHubSpot[0]!.objectTypeId, inHubSpot[0]!.id, '0-3').map((e) => e.toId)).toEqual([dealId]);

    const inSalesforce = salesforceRegistrations().filter((r) => r.trellisprm__Trellis_Registration_Id__c === registrationId);
    expect((await w.api.get('/api/v1/sync/dead-letters')).body.data).toEqual([]);
    expect(inSalesforce).toHaveLength(1);
    const partnerAccount = w.accounts().find((a) => a.trellisprm__Trellis_Partner_Id__c === partnerId)!;
    // The HubSpot deal is not a Salesforce Opportunity: only the partner's Account is looked up there.
    expect(inSalesforce[0]).toMatchObject({ trellisprm__Trellis_Customer_Name__c: 'Globex', trellisprm__Trellis_Status__c: 'pending', trellisprm__Trellis_Amount__c: 48000, trellisprm__Account__c: partnerAccount.Id });
    expect(inSalesforce[0]!.trellisprm__Opportunity__c ?? null).toBeNull();
  });

  it('addresses the HubSpot object only by the objectTypeId learnt at provisioning: its base name is refused there', async () => {
    const schema = Object.values(w.hubspot.state.portals[String(w.portalId)]!.schemas).find((s) => s.name === 'trellis_deal_registration')!;
    expect(await getHubSpotRegistrationStorage(w.database.db, w.tenantId)).toEqual({ storage: 'custom_object', objectTypeId: schema.objectTypeId, fullyQualifiedName: schema.fullyQualifiedName });
    const connection = (await getCrmConnection(w.engine.db, w.engine.keyring, w.tenantId, 'hubspot'))!;
    const client = new Client({ basePath: w.hubspot.url, accessToken: connection.accessToken });
    const refused = await client.crm.objects.basicApi.getPage('trellis_deal_registration').then(() => null, (err: { code: number }) => err.code);
    expect(refused).toBe(400);
    expect((await client.crm.objects.basicApi.getPage(schema.objectTypeId)).results).toHaveLength(1);
    // The record page links to the object by its type id too.
    const record = hubspotRegistrations().find((r) => r.properties.trellis_registration_id === registrationId)!;
    const links = (await crmRecordLinks(w.engine.db, { hubspotAppUrl: 'https://app.hubspot.com' }, w.tenantId, 'registration', [registrationId])).get(registrationId)!;
    expect(links).toContainEqual({ crm: 'hubspot', label: 'Registration in HubSpot', url: `https://app.hubspot.com/contacts/${w.portalId}/record/${schema.objectTypeId}/${record.id}` });
  });

  it('carries an approval to both CRMs', async () => {
    const approved = await w.api.post(`/api/v1/deal-registrations/${registrationId}/approve`, {});
    expect(approved.status).toBe(200);
    await w.settle();
    expect(hubspotRegistrations().find((r) => r.properties.trellis_registration_id === registrationId)!.properties.trellis_registration_status).toBe('approved');
    expect(salesforceRegistrations().find((r) => r.trellisprm__Trellis_Registration_Id__c === registrationId)!.trellisprm__Trellis_Status__c).toBe('approved');
  });

  it('takes the deal amount edited in HubSpot into Trellis and on to Salesforce (the CRM owns the amount)', async () => {
    const record = hubspotRegistrations().find((r) => r.properties.trellis_registration_id === registrationId)!;
    const edited = await fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}/objects/${record.objectTypeId}/${record.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { amount: '52500.5' } }),
    });
    expect(edited.status).toBe(200);
    // No webhook subscription covers this edit here: the reconciliation sweep finds it, once HubSpot's search index shows it.
    await new Promise((resolve) => setTimeout(resolve, DEFAULT_SEARCH_INDEX_LAG_MS));
    expect(await reconcileOnce(w.engine, w.tenantId, 'hubspot')).toBeGreaterThan(0);
    await w.sync.runtime.wake(w.tenantId, 'hubspot');
    await w.eventually(async () => expect((await w.api.get(`/api/v1/deal-registrations/${registrationId}`)).body.amount).toBe(52500.5));
    await w.eventually(async () => expect(salesforceRegistrations().find((r) => r.trellisprm__Trellis_Registration_Id__c === registrationId)!.trellisprm__Trellis_Amount__c).toBe(52500.5));
  });

  it('writes Trellis\'s status back over a status edited in Salesforce (Trellis decides registrations)', async () => {
    const record = salesforceRegistrations().find((r) => r.trellisprm__Trellis_Registration_Id__c === registrationId)!;
    w.salesforce.updateRecord(w.orgId, 'trellisprm__Trellis_Deal_Registration__c', record.Id, { trellisprm__Trellis_Status__c: 'rejected' });
    await w.eventually(async () => {
      const now = salesforceRegistrations().find((r) => r.trellisprm__Trellis_Registration_Id__c === registrationId)!;
      expect(now.trellisprm__Trellis_Status__c).toBe('approved');
    });
    expect((await w.api.get(`/api/v1/deal-registrations/${registrationId}`)).body.status).toBe('approved');
  });

  it('creates nothing twice when every registration is backfilled again', async () => {
    await w.sync.startBackfill(w.tenantId, 'salesforce');
    await w.eventually(async () => expect((await w.api.get('/api/v1/sync/status')).body.crms.find((c: { crm: string }) => c.crm === 'salesforce').backfill.status).toBe('done'));
    await w.settle();
    expect(salesforceRegistrations().filter((r) => r.trellisprm__Trellis_Registration_Id__c === registrationId)).toHaveLength(1);
    expect(hubspotRegistrations().filter((r) => r.properties.trellis_registration_id === registrationId)).toHaveLength(1);
  });
});
