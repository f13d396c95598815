import { reconcileOnce } from '../../../src/sync/engine/reconcile';
import { DEFAULT_HUBSPOT_SEARCH_LAG_MS } from '../../../src/sync/hubspot/adapter';
import { sweepStart } from '../../../src/sync/watermark';
import { DEFAULT_SEARCH_INDEX_LAG_MS } from '../../../sandbox/hubspot/searchIndex';
import { startSyncWorld, type SyncWorld } from './world';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * [hs-search] H6: "It may take a few moments for newly created or updated CRM objects to appear
 * in search results", and the moments vary with the index's load. An edit indexed late, after a
 * later-stamped edit moved the sweep's watermark past it, must still be read by the next sweep.
 */
describe('Reconciliation tolerates HubSpot’s search index lag', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    // No webhooks: the sweep alone must find the edits.
    w = await startSyncWorld('redis', { salesforce: false, hubspotWebhooks: false });
  });
  afterAll(() => w.close());

  const companyOf = (partnerId: string) => w.companies().find((c) => c.properties.trellis_partner_id === partnerId)!;
  const editInHubSpot = (partnerId: string, name: string) =>
    fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}/objects/companies/${companyOf(partnerId).id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { name } }),
    });
  const nameInTrellis = async (partnerId: string) => (await w.api.get(`/api/v1/partners/${partnerId}`)).body.name as string;
  const sweep = async () => {
    await reconcileOnce(w.engine, w.tenantId, 'hubspot');
    await w.sync.runtime.wake(w.tenantId, 'hubspot');
    await w.settle();
  };

  it('picks up an edit made just before a sweep that the index showed only after a later edit', async () => {
    const slow = (await w.api.post('/api/v1/partners', { name: 'Slowly Indexed', region: 'NA', country: 'US' })).body.id as string;
    const quick = (await w.api.post('/api/v1/partners', { name: 'Quickly Indexed', region: 'NA', country: 'US' })).body.id as string;
    const other = (await w.api.post('/api/v1/partners', { name: 'Edited Later', region: 'NA', country: 'US' })).body.id as string;
    await w.settle();
    // A sweep's watermark two seconds past the partners' creation, everything indexed.
    await sleep(2_000);
    expect((await editInHubSpot(other, 'Edited Later, edited')).status).toBe(200);
    await sleep(DEFAULT_SEARCH_INDEX_LAG_MS + 100);
    await sweep();
    expect(await nameInTrellis(other)).toBe('Edited Later, edited');

    // The index is busy when the first edit lands (4 s) and quick again for the second (0.5 s).
    w.hubspot.configureSearchIndexLag(4_000);
    expect((await editInHubSpot(slow, 'Slowly Indexed, edited')).status).toBe(200);
    await sleep(1_500);
    w.hubspot.configureSearchIndexLag(500);
    expect((await editInHubSpot(quick, 'Quickly Indexed, edited')).status).toBe(200);
    await sleep(1_000);

    // This sweep lists the later edit only, and moves the watermark 1.5 s past the earlier one.
    await sweep();
    expect(await nameInTrellis(quick)).toBe('Quickly Indexed, edited');

    // Once the earlier edit is indexed, the next sweep reads it (with a one-second overlap it never would).
    await sleep(2_000);
    await sweep();
    expect(await nameInTrellis(slow)).toBe('Slowly Indexed, edited');
  });

  it('starts HubSpot sweeps the search lag’s worth before the watermark, Salesforce sweeps one second before (SOQL does not lag)', () => {
    const watermark = new Date('2026-03-01T12:00:00Z');
    expect(sweepStart(watermark, w.sync.adapters(w.tenantId, 'hubspot'))).toEqual(new Date(watermark.getTime() - 1_000 - DEFAULT_HUBSPOT_SEARCH_LAG_MS));
    expect(sweepStart(watermark, w.sync.adapters(w.tenantId, 'salesforce'))).toEqual(new Date(watermark.getTime() - 1_000));
    expect(sweepStart(null, w.sync.adapters(w.tenantId, 'hubspot'))).toBeNull();
  });
});
