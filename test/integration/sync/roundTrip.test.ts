import { QUEUE_KINDS } from '../../support/queues';
import { startSyncWorld, type SyncWorld } from './world';

describe.each(QUEUE_KINDS)('CRM sync: a partner travels Trellis → both CRMs, and a CRM edit travels back and across (%s queue)', (queue) => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(queue);
  });
  afterAll(() => w.close());

  it('creates the partner in HubSpot and Salesforce, once each, carrying the Trellis id', async () => {
    const created = await w.api.post('/api/v1/partners', { name: 'Northwind Partners', domain: 'northwind.example', region: 'EMEA', country: 'DE', tier: 'gold', status: 'active' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await w.settle();
    const companies = w.companies().filter((c) => c.properties.trellis_partner_id === id);
    expect(companies).toHaveLength(1);
    expect(companies[0]!.properties).toMatchObject({ name: 'Northwind Partners', domain: 'northwind.example', trellis_partner_tier: 'gold', trellis_partner_region: 'EMEA', trellis_partner_status: 'active', trellis_partner_country: 'DE' });
    const accounts = w.accounts().filter((a) => a.trellisprm__Trellis_Partner_Id__c === id);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ Name: 'Northwind Partners', Website: 'northwind.example', trellisprm__Trellis_Partner_Tier__c: 'gold', trellisprm__Trellis_Partner_Region__c: 'EMEA' });
  });

  it('takes a tier change made in the HubSpot UI into Trellis, then into Salesforce', async () => {
    const partner = (await w.api.get('/api/v1/partners')).body.data[0];
    const company = w.companies().find((c) => c.properties.trellis_partner_id === partner.id)!;
    const edited = await fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}/objects/companies/${company.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { trellis_partner_tier: 'platinum' } }),
    });
    expect(edited.status).toBe(200);
    await w.eventually(async () => expect((await w.api.get(`/api/v1/partners/${partner.id}`)).body.tier).toBe('platinum'));
    await w.eventually(async () => expect(w.accounts().find((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id)?.trellisprm__Trellis_Partner_Tier__c).toBe('platinum'));
    await w.settle();
  });

  it('drops the echo of its own HubSpot write without writing again (no ping-pong)', async () => {
    const { rows } = await w.database.db.query<{ status: string; n: string }>("SELECT status, count(*) AS n FROM inbound_events WHERE crm = 'hubspot' GROUP BY status");
    expect(rows.find((r) => r.status === 'echo')).toBeDefined();
    const writesBefore = (await w.metrics.requests.get()).values.find((v) => v.labels.crm === 'hubspot' && v.labels.call === 'write')?.value ?? 0;
    await new Promise((r) => setTimeout(r, 500));
    await w.settle();
    const writesAfter = (await w.metrics.requests.get()).values.find((v) => v.labels.crm === 'hubspot' && v.labels.call === 'write')?.value ?? 0;
    expect(writesAfter).toBe(writesBefore);
  });

  it('takes a change made in Salesforce into Trellis and HubSpot', async () => {
    const partner = (await w.api.get('/api/v1/partners')).body.data[0];
    const account = w.accounts().find((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id)!;
    w.salesforce.updateRecord(w.orgId, 'Account', account.Id, { Name: 'Northwind Partners GmbH' });
    await w.eventually(async () => expect((await w.api.get(`/api/v1/partners/${partner.id}`)).body.name).toBe('Northwind Partners GmbH'));
    await w.eventually(async () => expect(w.companies().find((c) => c.properties.trellis_partner_id === partner.id)?.properties.name).toBe('Northwind Partners GmbH'));
  });

  it('makes a company marked as a partner in HubSpot a Trellis partner, then a Salesforce Account', async () => {
    const res = await fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}/objects/companies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { name: 'Fabrikam', domain: 'fabrikam.example', trellis_partner_tier: 'silver', trellis_partner_region: 'NA', trellis_partner_country: 'US' } }),
    });
    const company = (await res.json()) as { id: string };
    const partner = await w.eventually(async () => {
      const found = (await w.api.get('/api/v1/partners')).body.data.find((p: { name: string }) => p.name === 'Fabrikam');
      expect(found).toMatchObject({ tier: 'silver', region: 'NA', country: 'US' });
      return found as { id: string };
    });
    await w.eventually(async () => expect(w.companies().find((c) => c.id === company.id)?.properties.trellis_partner_id).toBe(partner.id));
    await w.eventually(async () => expect(w.accounts().filter((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id)).toHaveLength(1));
    await w.settle();
    expect(w.companies().filter((c) => c.properties.name === 'Fabrikam')).toHaveLength(1);
  });
  it('follows a Salesforce merge: the partner stays linked to the surviving Account, which it writes to from then on', async () => {
    const partner = (await w.api.post('/api/v1/partners', { name: 'Wingtip Toys', domain: 'wingtip.example', region: 'NA', country: 'US', tier: 'silver', status: 'active' })).body;
    await w.settle();
    const linked = w.accounts().find((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id)!;
    // A sales admin merges the partner's Account into a duplicate someone created by hand.
    const survivor = w.salesforce.createRecord(w.orgId, 'Account', { Name: 'Wingtip Toys Inc.', Website: 'https://wingtip.example' });
    w.salesforce.mergeRecords(w.orgId, 'Account', survivor, [linked.Id]);
    expect((await w.api.patch(`/api/v1/partners/${partner.id}`, { tier: 'gold' })).status).toBe(200);
    await w.eventually(async () => expect(w.accounts().find((a) => a.Id === survivor)).toMatchObject({ trellisprm__Trellis_Partner_Id__c: partner.id, trellisprm__Trellis_Partner_Tier__c: 'gold' }));
    await w.settle();
    expect(w.accounts().filter((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id && !a.IsDeleted).map((a) => a.Id)).toEqual([survivor]);
    expect((await w.api.get('/api/v1/sync/dead-letters')).body.data).toEqual([]);
  });
});
