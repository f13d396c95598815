import { Registry } from 'prom-client';
import { createLogger } from '../../../src/logger';
import { createSyncMetrics } from '../../../src/sync/engine/metrics';
import { reconcileOnce } from '../../../src/sync/engine/reconcile';
import { startChangeDataCapture } from '../../../src/sync/salesforce/cdc/supervisor';
import { packageApiNames } from '../../../src/sync/salesforce/apiNames';
import { salesforceRefresher } from '../../../src/sync/salesforce/refresh';
import { AccessTokens } from '../../../src/sync/tokens';
import { SF_APP, startSyncWorld, type SyncWorld } from './world';

const names = packageApiNames();

/**
 * Salesforce → Trellis by Change Data Capture over the Pub/Sub API (issue #13 item 4): the
 * real `salesforce-pubsub-api-client` against the emulator's Pub/Sub server. The worlds here
 * reconcile hourly, so anything arriving within seconds came by change event.
 */

const SWEEP_INTERVAL_MS = 300_000;

async function partnerWithAccount(w: SyncWorld, name: string) {
  const created = await w.api.post('/api/v1/partners', { name, domain: `${name.toLowerCase().replace(/\W+/g, '')}.example`, region: 'EMEA', country: 'DE', tier: 'gold', status: 'active' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await w.settle();
  const account = w.accounts().find((a) => a[names.account.partnerId] === id)!;
  expect(account).toBeDefined();
  return { id, accountId: account.Id };
}

async function inboundByStatus(w: SyncWorld): Promise<Record<string, number>> {
  const { rows } = await w.database.db.query<{ status: string; n: string }>("SELECT status, count(*) AS n FROM inbound_events WHERE crm = 'salesforce' AND dedupe_key LIKE 'cdc:%' GROUP BY status");
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

const nameOf = async (w: SyncWorld, id: string) => (await w.api.get(`/api/v1/partners/${id}`)).body.name as string;

describe('Change Data Capture run by the sync service', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await startSyncWorld('redis', { salesforceChanges: 'cdc', salesforceEmulator: { pubSub: { keepaliveMs: 200 } } });
  });
  afterAll(() => w.close());

  it('selects the partner and registration objects for Change Data Capture at provisioning', () => {
    const members = w.salesforce.state.orgs[w.orgId]!.changeEventMembers.map((m) => `${m.eventChannel}/${m.selectedEntity}`);
    expect(members.sort()).toEqual(['ChangeEvents/AccountChangeEvent', `ChangeEvents/${names.registration.object.replace(/__c$/, '__ChangeEvent')}`]);
  });

  it('takes an Account edit by a Salesforce user into Trellis well within the sweep interval', async () => {
    const { id, accountId } = await partnerWithAccount(w, 'Northwind Partners');
    const edited = Date.now();
    w.salesforce.updateRecord(w.orgId, 'Account', accountId, { Name: 'Northwind Partners GmbH' });
    await w.eventually(async () => expect(await nameOf(w, id)).toBe('Northwind Partners GmbH'));
    expect(Date.now() - edited).toBeLessThan(SWEEP_INTERVAL_MS / 30);
    expect((await inboundByStatus(w)).queued).toBeGreaterThanOrEqual(1);
  });

  it("takes a registration record created in Salesforce in by the registration object's own channel", async () => {
    const before = await inboundByStatus(w);
    const id = w.salesforce.createRecord(w.orgId, names.registration.object, { [names.registration.customerName]: 'Globex' });
    await w.eventually(async () => {
      const { rows } = await w.database.db.query<{ status: string; kind: string }>(
        "SELECT status, payload->>'entityName' AS kind FROM inbound_events WHERE crm = 'salesforce' AND payload->>'recordId' = $1",
        [id],
      );
      expect(rows).toEqual([{ status: 'queued', kind: names.registration.object }]);
    });
    expect((await inboundByStatus(w)).queued).toBe((before.queued ?? 0) + 1);
  });

  it("recognises Trellis's own writes by changeOrigin: they are echoes and cause no sync work", async () => {
    const { id } = await partnerWithAccount(w, 'Contoso Partners');
    await w.eventually(async () => expect((await inboundByStatus(w)).echo).toBeGreaterThanOrEqual(1));
    const before = await inboundByStatus(w);
    const writesBefore = (await w.metrics.requests.get()).values.find((v) => v.labels.crm === 'salesforce' && v.labels.call === 'write')?.value ?? 0;
    expect((await w.api.patch(`/api/v1/partners/${id}`, { tier: 'platinum' })).status).toBe(200);
    await w.eventually(async () => expect((await inboundByStatus(w)).echo).toBeGreaterThan(before.echo ?? 0));
    await w.settle();
    expect((await inboundByStatus(w)).queued ?? 0).toBe(before.queued ?? 0);
    const writesAfter = (await w.metrics.requests.get()).values.find((v) => v.labels.crm === 'salesforce' && v.labels.call === 'write')?.value ?? 0;
    expect(writesAfter - writesBefore).toBe(1);
  });
});

describe('a Change Data Capture subscriber stopped and started again', () => {
  let w: SyncWorld;
  let now = Date.now();
  const lost: string[] = [];
  const metrics = createSyncMetrics(new Registry());
  beforeAll(async () => {
    w = await startSyncWorld('redis', { salesforceChanges: 'none', salesforceEmulator: { now: () => now, pubSub: { keepaliveMs: 200 } } });
  });
  afterAll(() => w.close());

  const start = () =>
    startChangeDataCapture({
      inbound: { db: w.database.db, runtime: w.sync.runtime, logger: createLogger('silent'), metrics },
      logger: createLogger('silent'),
      settings: { pubSubEndpoint: w.salesforce.pubSubEndpoint!, rejectUnauthorizedSsl: false, trellisClientId: SF_APP.clientId, retryDelaysMs: [100] },
      tokensFor: (tenantId) => new AccessTokens(w.engine, tenantId, 'salesforce', salesforceRefresher({ loginUrl: w.salesforce.url, ...SF_APP })),
      onChangesMissed: (tenantId) => lost.push(tenantId),
    });
  const duplicates = async () => (await metrics.webhookEvents.get()).values.find((v) => v.labels.outcome === 'duplicate')?.value ?? 0;

  it('resumes from its stored replay id: edits made while it was down all arrive, none twice', async () => {
    const a = await partnerWithAccount(w, 'Alpha Partners');
    const b = await partnerWithAccount(w, 'Beta Partners');
    const first = start();
    await new Promise((r) => setTimeout(r, 500));
    w.salesforce.updateRecord(w.orgId, 'Account', a.accountId, { Name: 'Alpha Partners AG' });
    await w.eventually(async () => expect(await nameOf(w, a.id)).toBe('Alpha Partners AG'));
    await first.close();

    w.salesforce.updateRecord(w.orgId, 'Account', a.accountId, { Name: 'Alpha Partners SE' });
    w.salesforce.updateRecord(w.orgId, 'Account', b.accountId, { Name: 'Beta Partners Ltd' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await nameOf(w, b.id)).toBe('Beta Partners');

    const second = start();
    try {
      await w.eventually(async () => expect([await nameOf(w, a.id), await nameOf(w, b.id)]).toEqual(['Alpha Partners SE', 'Beta Partners Ltd']));
      await w.settle();
      expect(await duplicates()).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('after more than 72 hours down, starts at the newest change and leaves the gap to reconciliation', async () => {
    const c = await partnerWithAccount(w, 'Gamma Partners');
    const first = start();
    await new Promise((r) => setTimeout(r, 500));
    w.salesforce.updateRecord(w.orgId, 'Account', c.accountId, { Name: 'Gamma Partners Oy' });
    await w.eventually(async () => expect(await nameOf(w, c.id)).toBe('Gamma Partners Oy'));
    await first.close();

    w.salesforce.updateRecord(w.orgId, 'Account', c.accountId, { Name: 'Gamma Partners Oyj' });
    // Three days and an hour later: the stored replay id and the session have both expired.
    now += 73 * 3_600_000;
    const second = start();
    try {
      await w.eventually(async () => expect(lost).toContain(w.tenantId));
      expect(await nameOf(w, c.id)).toBe('Gamma Partners Oy');
      // The change made during the gap is the reconciliation's to find.
      expect(await reconcileOnce(w.engine, w.tenantId, 'salesforce')).toBeGreaterThanOrEqual(1);
      await w.sync.runtime.wake(w.tenantId, 'salesforce');
      await w.eventually(async () => expect(await nameOf(w, c.id)).toBe('Gamma Partners Oyj'));
      // From the tip on, change events flow again (on a refreshed session).
      await new Promise((r) => setTimeout(r, 500));
      w.salesforce.updateRecord(w.orgId, 'Account', c.accountId, { Name: 'Gamma Partners Group' });
      await w.eventually(async () => expect(await nameOf(w, c.id)).toBe('Gamma Partners Group'));
    } finally {
      await second.close();
    }
  });
});
