import { reconcileOnce } from '../../../src/sync/engine/reconcile';
import { QUEUE_KINDS } from '../../support/queues';
import { PREVIOUS_SECRET, postHubSpotWebhook, startSyncWorld, type SyncWorld } from './world';

describe.each(QUEUE_KINDS)('HubSpot webhooks: verified on raw bytes, stored once, applied once, in the right order (%s queue)', (queue) => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld(queue, { salesforce: false });
  });
  afterAll(() => w.close());

  const post = (body: string, options?: Parameters<typeof postHubSpotWebhook>[2]) => postHubSpotWebhook(w, body, options);
  const event = (objectId: string, eventId: number, extra: Record<string, unknown> = {}) => ({
    eventId, subscriptionId: 1, portalId: w.portalId, appId: w.appId, occurredAt: Date.now(), subscriptionType: 'company.propertyChange',
    attemptNumber: 0, objectId: Number(objectId), propertyName: 'name', propertyValue: 'x', changeSource: 'CRM_UI', sourceId: 'userId:1', ...extra,
  });
  const createCompany = async (properties: Record<string, string>) => {
    const res = await fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}/objects/companies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ properties }) });
    return ((await res.json()) as { id: string }).id;
  };
  const partnersNamed = async (name: string) => (await w.api.get('/api/v1/partners?limit=100')).body.data.filter((p: { name: string }) => p.name === name);

  it('T9: refuses a tampered body and a stale timestamp, accepts the rotated-out secret, 400s a malformed batch', async () => {
    const body = JSON.stringify([event('1', 9_001)]);
    expect((await post(body, { tamper: true })).status).toBe(401);
    expect((await post(body, { timestamp: Date.now() - 6 * 60_000 })).status).toBe(401);
    expect((await post(body, { secret: 'not-the-secret' })).status).toBe(401);
    const stored = await w.database.db.query("SELECT 1 FROM inbound_events WHERE payload->>'eventId' = '9001'");
    expect(stored.rowCount).toBe(0);
    expect((await post(body, { secret: PREVIOUS_SECRET })).status).toBe(200);
    expect((await post(JSON.stringify({ not: 'a batch' }))).status).toBe(400);
    expect((await post('[{"eventId": 1')).status).toBe(400);
  });

  it('T1: the same batch posted twice at once, and again later, is stored once and creates one partner', async () => {
    const id = await createCompany({ name: 'Contoso Channel', trellis_partner_tier: 'gold', trellis_partner_region: 'NA', trellis_partner_country: 'US' });
    const body = JSON.stringify([event(id, 77_001, { subscriptionType: 'company.creation' }), event(id, 77_002)]);
    const answers = await Promise.all([post(body), post(body)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await w.settle();
    expect((await post(body)).status).toBe(200);
    await w.settle();
    const rows = await w.database.db.query<{ n: string }>("SELECT count(*) AS n FROM inbound_events WHERE payload->>'eventId' IN ('77001', '77002')");
    expect(Number(rows.rows[0]!.n)).toBe(2);
    expect(await partnersNamed('Contoso Channel')).toHaveLength(1);
    expect(w.companies().filter((c) => c.properties.name === 'Contoso Channel')).toHaveLength(1);
  });

  it('T2: an event stored but never enqueued (a crash in between) is picked up by the sweeper, once', async () => {
    const id = await createCompany({ name: 'Tailspin Resellers' });
    await w.settle();
    // The company becomes a partner with no webhook, then the post-crash state is written directly.
    const record = w.hubspot.state.portals[String(w.portalId)]!.records['0-2']![id]!;
    Object.assign(record.properties, { trellis_partner_tier: 'silver', trellis_partner_region: 'EMEA', trellis_partner_country: 'FR' });
    await w.database.db.transaction(async (tx) => {
      await tx.query("INSERT INTO inbound_events (tenant_id, crm, dedupe_key, payload, status) VALUES ($1, 'hubspot', 'crash-1', '{}', 'queued')", [w.tenantId]);
      await tx.query("INSERT INTO sync_pending (tenant_id, crm, entity_kind, record_key) VALUES ($1, 'hubspot', 'partner', $2)", [w.tenantId, `c:${id}`]);
    });
    await w.eventually(async () => expect(await partnersNamed('Tailspin Resellers')).toHaveLength(1));
    await w.settle();
    expect(await partnersNamed('Tailspin Resellers')).toHaveLength(1);
  });

  it('T10: the 200 does not wait for the sync wake-up, and a wake-up that fails after it is repaired by the sweeper', async () => {
    const id = await createCompany({ name: 'Northwind Partners', trellis_partner_tier: 'gold', trellis_partner_region: 'NA', trellis_partner_country: 'US' });
    await w.settle();
    // Redis unreachable: every wake-up hangs until the 200 is in, then fails.
    const parked: Array<(err: Error) => void> = [];
    const wake = jest.spyOn(w.sync.runtime, 'wake').mockImplementation(() => new Promise<void>((_resolve, reject) => parked.push(reject)));
    try {
      const answer = await post(JSON.stringify([event(id, 99_001)]));
      expect(answer.status).toBe(200);
      expect(wake).toHaveBeenCalledWith(w.tenantId, 'hubspot');
    } finally {
      wake.mockRestore();
      for (const reject of parked) reject(new Error('Redis unavailable'));
    }
    await w.eventually(async () => expect(await partnersNamed('Northwind Partners')).toHaveLength(1));
  });

  it('T4: an older event arriving after a newer one, racing a reconciliation, leaves the newest value', async () => {
    const partner = (await w.api.post('/api/v1/partners', { name: 'Litware v0', region: 'NA', country: 'US', tier: 'gold' })).body;
    await w.settle();
    const company = w.companies().find((c) => c.properties.trellis_partner_id === partner.id)!;
    const edit = (name: string) =>
      fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}/objects/companies/${company.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ properties: { name } }) });
    await edit('Litware v1');
    const v1At = Date.now();
    await edit('Litware v2');
    await w.settle();
    // v1's notification comes late, while a reconciliation sweep reads the same record.
    const stale = JSON.stringify([event(company.id, 88_001, { occurredAt: v1At, propertyValue: 'Litware v1' })]);
    await Promise.all([post(stale), reconcileOnce(w.engine, w.tenantId, 'hubspot')]);
    await w.sync.runtime.wake(w.tenantId, 'hubspot');
    await w.settle();
    expect((await w.api.get(`/api/v1/partners/${partner.id}`)).body.name).toBe('Litware v2');
    expect(w.companies().find((c) => c.id === company.id)!.properties.name).toBe('Litware v2');
  });
});
