import { insertPartner } from '../../../src/store/partners';
import { QUEUE_KINDS } from '../../support/queues';
import { startSyncWorld, type SyncWorld } from './world';

describe.each(QUEUE_KINDS)('CRM sync backfill: everything on both sides, started from the admin API, progress on the status page (%s queue)', (queue) => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(queue, { salesforce: false });
    // The HubSpot company here stands for data from long before the install, indexed long ago
    // (and is marked as a partner by editing the emulator's state in place): search reads live
    // state. The index lag has its own test (reconcileLag.test.ts).
    w.hubspot.configureSearchIndexLag(0);
  });
  afterAll(() => w.close());

  it('pushes partners HubSpot never heard of and adopts companies marked as partners there', async () => {
    // Data from before the install: a Trellis partner with no event, a HubSpot partner company with no webhook.
    const local = await insertPartner(w.database.db, w.tenantId, { name: 'Pre-install Partner', region: 'EMEA', country: 'GB', tier: 'silver', status: 'active', specialties: [] });
    const created = await fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}/objects/companies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ properties: { name: 'Pre-install Company' } }) });
    const companyId = ((await created.json()) as { id: string }).id;
    await w.settle();
    Object.assign(w.hubspot.state.portals[String(w.portalId)]!.records['0-2']![companyId]!.properties, { trellis_partner_tier: 'gold', trellis_partner_region: 'APAC', trellis_partner_country: 'AU' });

    expect((await w.api.post('/api/v1/sync/backfill', { crm: 'salesforce' })).status).toBe(404);
    expect((await w.api.post('/api/v1/sync/backfill', { crm: 'hubspot' })).status).toBe(202);
    await w.eventually(async () => {
      const hubspot = (await w.api.get('/api/v1/sync/status')).body.crms[0];
      expect(hubspot.backfill).toMatchObject({ status: 'done', recordsSeen: expect.any(Number) });
      expect(hubspot.backfill.recordsSeen).toBeGreaterThanOrEqual(2);
    });
    await w.settle();
    expect(w.companies().filter((c) => c.properties.trellis_partner_id === local.id)).toHaveLength(1);
    const adopted = (await w.api.get('/api/v1/partners')).body.data.find((p: { name: string }) => p.name === 'Pre-install Company');
    expect(adopted).toMatchObject({ tier: 'gold', region: 'APAC', country: 'AU' });
    expect(w.companies().find((c) => c.id === companyId)!.properties.trellis_partner_id).toBe(adopted.id);
  });
});
