import { getCrmConnection } from '../../../src/store/connections';
import { DEFAULT_MAPPING } from '../../../src/sync/mapping/defaults';
import { QUEUE_KINDS } from '../../support/queues';
import { HUBSPOT_APP, startSyncWorld, type SyncWorld } from './world';

const counter = async (w: SyncWorld, crm: string, kind: string) => (await w.metrics.errors.get()).values.find((v) => v.labels.crm === crm && v.labels.kind === kind)?.value ?? 0;

describe.each(QUEUE_KINDS)('CRM sync under failure: 429 waits, 5xx retries, 4xx dead-letters, simultaneous edits become conflicts (%s queue)', (queue) => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(queue);
  });
  afterAll(() => w.close());

  it('T11 429: pauses the tenant’s queue for the CRM’s wait and then delivers', async () => {
    w.hubspot.configureFaults({ rateLimitBurstRate: 1, rateLimitBurstLength: 2 });
    const partner = (await w.api.post('/api/v1/partners', { name: 'Adatum', region: 'NA', country: 'US' })).body;
    await w.eventually(async () => expect(await counter(w, 'hubspot', 'rate_limited')).toBeGreaterThan(0));
    w.hubspot.configureFaults({});
    await w.eventually(async () => expect(w.companies().filter((c) => c.properties.trellis_partner_id === partner.id)).toHaveLength(1));
    await w.settle();
  });

  it('T11 5xx: retries with backoff until Salesforce answers, creating the Account once', async () => {
    w.salesforce.setFaults({ serverErrorRate: 1 });
    const partner = (await w.api.post('/api/v1/partners', { name: 'Proseware', region: 'APAC', country: 'JP' })).body;
    await w.eventually(async () => expect(await counter(w, 'salesforce', 'transient')).toBeGreaterThan(0));
    // The failure is counted before it is stored on the status: wait for both.
    await w.eventually(async () => {
      const status = (await w.api.get('/api/v1/sync/status')).body.crms.find((c: { crm: string }) => c.crm === 'salesforce');
      expect(status.lastError?.message).toMatch(/Salesforce was unavailable; Trellis retries with backoff/);
    });
    w.salesforce.setFaults({});
    await w.eventually(async () => expect(w.accounts().filter((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id)).toHaveLength(1), 20_000);
    await w.settle();
  });

  it('T11 4xx: parks the refused record with a readable reason; replay after the fix delivers it', async () => {
    const broken = structuredClone(DEFAULT_MAPPING);
    broken.partner.salesforce.fields.find((f) => f.field === 'domain')!.crmField = 'NumberOfEmployees';
    expect((await w.api.call('PUT', '/api/v1/sync/mappings', broken)).status).toBe(200);
    const partner = (await w.api.post('/api/v1/partners', { name: 'Wide World Importers', domain: 'wideworld.example', region: 'NA', country: 'CA' })).body;
    const letter = await w.eventually(async () => {
      const page = (await w.api.get('/api/v1/sync/dead-letters?status=open')).body;
      expect(page.data).toHaveLength(1);
      return page.data[0];
    });
    expect(letter.reason).toMatch(/^Salesforce refused partner "Wide World Importers": .+/);
    expect((await w.api.get(`/api/v1/sync/dead-letters/${letter.id}`)).body.details.partnerId).toBe(partner.id);
    expect(w.accounts().filter((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id)).toHaveLength(0);
    // HubSpot was not held back by Salesforce's refusal.
    expect(w.companies().filter((c) => c.properties.trellis_partner_id === partner.id)).toHaveLength(1);

    expect((await w.api.call('PUT', '/api/v1/sync/mappings', DEFAULT_MAPPING)).status).toBe(200);
    expect((await w.api.post(`/api/v1/sync/dead-letters/${letter.id}/replay`)).status).toBe(200);
    await w.eventually(async () => expect(w.accounts().filter((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id)).toHaveLength(1));
    expect((await w.api.post(`/api/v1/sync/dead-letters/${letter.id}/replay`)).status).toBe(404);
  });

  it('refuses a mapping that names a field Trellis does not have', async () => {
    const bad = structuredClone(DEFAULT_MAPPING);
    bad.partner.hubspot.fields[0]!.field = 'favouriteColour';
    const res = await w.api.call('PUT', '/api/v1/sync/mappings', bad);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toEqual(['partner', 'hubspot', 'fields', 0, 'field']);
  });

  it('records one field edited in HubSpot and Salesforce at once as a conflict, and converges', async () => {
    const partner = (await w.api.post('/api/v1/partners', { name: 'Coho Winery Partners', region: 'EMEA', country: 'ES', tier: 'gold' })).body;
    await w.settle();
    const company = w.companies().find((c) => c.properties.trellis_partner_id === partner.id)!;
    const account = w.accounts().find((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id)!;
    await Promise.all([
      fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}/objects/companies/${company.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ properties: { trellis_partner_tier: 'silver' } }) }),
      Promise.resolve(w.salesforce.updateRecord(w.orgId, 'Account', account.Id, { trellisprm__Trellis_Partner_Tier__c: 'platinum' })),
    ]);
    await w.settle();
    const conflicts = (await w.api.get('/api/v1/sync/conflicts')).body.data.filter((c: { entityId: string }) => c.entityId === partner.id);
    expect(conflicts.map((c: { field: string }) => c.field)).toContain('tier');
    const events = await w.database.db.query("SELECT payload FROM outbox WHERE topic = 'sync_conflict.detected' AND payload->>'entityId' = $1", [partner.id]);
    expect(events.rowCount).toBeGreaterThan(0);
    const tier = (await w.api.get(`/api/v1/partners/${partner.id}`)).body.tier;
    expect(['silver', 'platinum']).toContain(tier);
    expect(w.companies().find((c) => c.id === company.id)!.properties.trellis_partner_tier).toBe(tier);
    expect(w.accounts().find((a) => a.Id === account.Id)!.trellisprm__Trellis_Partner_Tier__c).toBe(tier);
  });

  it('Salesforce receiver: a wrong path secret is a SOAP fault, malformed XML too, and nothing is stored', async () => {
    const wrong = await fetch(`${w.url}/webhooks/salesforce/not-the-secret`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>${w.orgId}</OrganizationId><Notification><Id>04l000000000001AAA</Id><sObject><Id>001000000000001AAA</Id></sObject></Notification></notifications></soapenv:Body></soapenv:Envelope>`,
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('<faultcode>soapenv:Client</faultcode>');
    const malformed = await fetch(w.salesforceEndpoint, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<soapenv:Envelope><notifications>' });
    expect(malformed.status).toBe(500);
    expect(await malformed.text()).toMatch(/<soapenv:Fault>.*malformed XML/);
    const stored = await w.database.db.query("SELECT 1 FROM inbound_events WHERE dedupe_key = '04l000000000001AAA'");
    expect(stored.rowCount).toBe(0);
  });

  it('a client secret rotated at HubSpot but not in Trellis disconnects nobody: sync waits, says why, and delivers once they match again', async () => {
    const { db } = w.database;
    const app = Object.values(w.hubspot.state.apps).find((a) => a.clientId === HUBSPOT_APP.clientId)!;
    app.clientSecret = 'rotated-in-the-developer-console';
    // The access tokens end (as they do every 30 minutes), so the next call must refresh.
    for (const [token, grant] of Object.entries(w.hubspot.state.accessTokens)) if (grant.portalId === w.portalId) delete w.hubspot.state.accessTokens[token];
    const partner = (await w.api.post('/api/v1/partners', { name: 'Fabrikam Rotated', region: 'EMEA', country: 'DE' })).body;
    await w.eventually(async () => {
      const status = (await w.api.get('/api/v1/sync/status')).body.crms.find((c: { crm: string }) => c.crm === 'hubspot');
      expect(status.lastError?.message).toMatch(/refused Trellis's own app credentials; .*nothing to do on your side.*invalid_client/);
    });
    expect((await w.metrics.appCredentialsRefused.get()).values).toContainEqual(expect.objectContaining({ labels: { crm: 'hubspot' } }));
    expect((await getCrmConnection(db, w.engine.keyring, w.tenantId, 'hubspot'))!).toMatchObject({ status: 'active', statusReason: expect.stringContaining('invalid_client') });
    expect(w.companies().filter((c) => c.properties.trellis_partner_id === partner.id)).toHaveLength(0);

    app.clientSecret = HUBSPOT_APP.clientSecret;
    // The failed batch retries in a minute; bring it forward rather than wait.
    await db.query("UPDATE sync_pending SET due_at = now() WHERE tenant_id = $1 AND crm = 'hubspot'", [w.tenantId]);
    await w.sync.runtime.wake(w.tenantId, 'hubspot');
    await w.eventually(async () => expect(w.companies().filter((c) => c.properties.trellis_partner_id === partner.id)).toHaveLength(1));
    expect((await getCrmConnection(db, w.engine.keyring, w.tenantId, 'hubspot'))!).toMatchObject({ status: 'active', statusReason: null });
    await w.settle();
  });

  it('reports status per CRM in plain words', async () => {
    await w.settle();
    const { crms } = (await w.api.get('/api/v1/sync/status')).body;
    expect(crms.map((c: { crm: string }) => c.crm)).toEqual(['hubspot', 'salesforce']);
    expect(crms[0].summary).toBe('HubSpot: everything is in sync.');
    expect(crms[1]).toMatchObject({ waiting: 0, deadLetters: { open: 0 } });
  });
});
