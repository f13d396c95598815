import { startHubSpotEmulator, type RunningHubSpotEmulator } from '../../../sandbox/hubspot';
import { startSalesforceEmulator, type RunningSalesforceEmulator } from '../../../sandbox/salesforce';
import { systemClock } from '../../../src/domain/clock';
import { connectHubSpotPortal, connectSalesforceOrg, HUBSPOT_APP, HUBSPOT_SCOPES, SF_APP } from '../sync/world';
import { QUEUE_KINDS } from '../../support/queues';
import { eventually, startAlertsWorld, textOf, type SlackTenant } from './harness';

/**
 * The whole loop: a partner's tier edited in HubSpot and in Trellis at once becomes a sync
 * conflict, Slack asks a manager, and the value the manager keeps ends up in Trellis, HubSpot
 * and Salesforce — through the real Bolt app, the sync engine and both CRM emulators.
 */
describe.each(QUEUE_KINDS)('A sync conflict decided in Slack is written to both CRMs (%s queue)', (queue) => {
  let hubspot: RunningHubSpotEmulator;
  let salesforce: RunningSalesforceEmulator;
  let world: Awaited<ReturnType<typeof startAlertsWorld<typeof systemClock>>>;
  let t: SlackTenant;
  let portalId: number;
  let orgId: string;

  const company = (partnerId: string) =>
    Object.values(hubspot.state.portals[String(portalId)]!.records['0-2'] ?? {}).find((r) => r.properties.trellis_partner_id === partnerId);
  const account = (partnerId: string) =>
    (Object.values(salesforce.state.orgs[orgId]!.records.Account ?? {}) as Array<Record<string, unknown>>).find((a) => a.trellisprm__Trellis_Partner_Id__c === partnerId);

  beforeAll(async () => {
    hubspot = await startHubSpotEmulator();
    hubspot.registerApp({ name: 'Trellis', ...HUBSPOT_APP, redirectUrls: ['https://trellis.example.com/oauth/hubspot/callback'], scopes: HUBSPOT_SCOPES });
    salesforce = await startSalesforceEmulator({ apps: [{ name: 'Trellis', consumerKey: SF_APP.clientId, consumerSecret: SF_APP.clientSecret, callbackUrls: [SF_APP.redirectUri] }] });
    world = await startAlertsWorld(
      queue,
      {
        HUBSPOT_API_URL: hubspot.url,
        HUBSPOT_CLIENT_ID: HUBSPOT_APP.clientId,
        HUBSPOT_CLIENT_SECRET: HUBSPOT_APP.clientSecret,
        SALESFORCE_LOGIN_URL: salesforce.url,
        SALESFORCE_CLIENT_ID: SF_APP.clientId,
        SALESFORCE_CLIENT_SECRET: SF_APP.clientSecret,
        SYNC_SWEEP_INTERVAL_MS: '250',
      },
      undefined,
      systemClock,
    );
    t = await world.newTenant();
    portalId = (await connectHubSpotPortal(hubspot, world.deps, t.tenantId)).id;
    orgId = salesforce.createOrg({ name: 'Vendor Org' }).id;
    await connectSalesforceOrg(salesforce, orgId, world.deps, t.tenantId);
    expect((await t.api.post('/api/v1/sync/provision', {})).status).toBe(200);
  });
  afterAll(async () => {
    await world.close();
    await hubspot.close();
    await salesforce.close();
  });

  it('keeps the HubSpot value the manager chose, in Trellis and in both CRMs', async () => {
    const partner = (await t.api.post('/api/v1/partners', { name: 'Litware Partners', domain: 'litware.example', region: 'NA', country: 'US', tier: 'gold', status: 'active' })).body;
    await eventually(() => company(partner.id) && account(partner.id));

    // A HubSpot user sets platinum (no webhook reaches Trellis yet) while a Trellis user sets silver.
    const edited = await fetch(`${hubspot.url}/_admin/portals/${portalId}/objects/companies/${company(partner.id)!.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { trellis_partner_tier: 'platinum' } }),
    });
    expect(edited.status).toBe(200);
    expect((await t.api.patch(`/api/v1/partners/${partner.id}`, { tier: 'silver' })).status).toBe(200);

    // The newer edit (Trellis's) wins for now, and a manager is asked.
    const message = await eventually(() => t.posted().find((m) => textOf(m).includes('Sync conflict')));
    expect(textOf(message)).toContain('*HubSpot value*\n`platinum`');
    await eventually(() => account(partner.id)?.trellisprm__Trellis_Partner_Tier__c === 'silver');

    await t.click(message.ts, 'sync_conflict.keep_crm');
    await eventually(async () => (await t.api.get(`/api/v1/partners/${partner.id}`)).body.tier === 'platinum');
    await eventually(() => account(partner.id)?.trellisprm__Trellis_Partner_Tier__c === 'platinum');
    await eventually(() => company(partner.id)!.properties.trellis_partner_tier === 'platinum');
    const decided = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('*Resolved*')));
    expect(textOf(decided)).toContain('kept the HubSpot value');
    const conflicts = (await t.api.get('/api/v1/sync/conflicts')).body.data;
    expect(conflicts).toEqual([expect.objectContaining({ entityId: partner.id, field: 'tier', choice: expect.objectContaining({ winner: 'crm' }) })]);
  });
});
