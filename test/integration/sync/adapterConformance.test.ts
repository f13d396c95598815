import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { systemClock } from '../../../src/domain/clock';
import { CRMS, type Crm } from '../../../src/domain/crm';
import { getCrmConnection, saveRefreshedTokens } from '../../../src/store/connections';
import { operatorAlarm } from '../../../src/sync/credentialAlarm';
import { DEAL_OBJECTS } from '../../../src/sync/deals/dealObjects';
import { crmAdapters } from '../../../src/sync/engine/adapters';
import { memorySlots } from '../../../src/sync/engine/pacing';
import { AppMisconfigured } from '../../../src/sync/errors';
import { DEFAULT_MAPPING } from '../../../src/sync/mapping/defaults';
import { objectSpec } from '../../../src/sync/mapping/translate';
import type { CrmAdapter } from '../../../src/sync/port';
import { QUEUE_KINDS, type QueueKind } from '../../support/queues';
import { HUBSPOT_APP, SF_APP, startSyncWorld, type SyncWorld } from './world';

/** One behavioural suite, run against every adapter through its real SDK and emulator. */
describe.each(CRMS.flatMap((crm) => QUEUE_KINDS.map((queue): [Crm, QueueKind] => [crm, queue])))('CrmAdapter conformance: %s (%s queue)', (crm, queue) => {
  let w: SyncWorld;
  let adapter: CrmAdapter;
  const mapping = DEFAULT_MAPPING.partner[crm];
  const spec = objectSpec(mapping);
  const field = (name: string) => mapping.fields.find((f) => f.field === name)!.crmField;
  const trellisId = randomUUID();
  let crmId = '';

  beforeAll(async () => {
    w = await startSyncWorld(queue);
    // Nothing but this suite writes: the engine's queues are left idle.
    await w.relay.stop();
    adapter = w.sync.adapters(w.tenantId, crm);
  });
  afterAll(() => w.close());

  it('provisions idempotently and reports what the mapping needs', async () => {
    const first = await adapter.provision({ objects: [{ spec, custom: false, label: 'Partner', fields: mapping.fields.map((f) => ({ name: f.crmField, label: f.field })) }] });
    const second = await adapter.provision({ objects: [{ spec, custom: false, label: 'Partner', fields: mapping.fields.map((f) => ({ name: f.crmField, label: f.field })) }] });
    expect(first.missing).toEqual([]);
    expect(second.created).toEqual([]);
    // Salesforce provisioning also selects the object for Change Data Capture, once.
    const selected = crm === 'salesforce' ? ['AccountChangeEvent (Change Data Capture)'] : [];
    expect(second.present).toHaveLength(mapping.fields.length + selected.length);
    expect(second.present).toEqual(expect.arrayContaining(selected));
  });

  it('creates by the Trellis id, and a repeat of the same write updates the same record', async () => {
    const values = { [field('name')]: 'Conformance Partner', [field('tier')]: 'gold', [field('region')]: 'NA' };
    const [first] = await adapter.write(spec, [{ trellisId, crmId: null, values }]);
    expect(first).toMatchObject({ ok: true, created: true });
    crmId = (first as { crmId: string }).crmId;
    const [again] = await adapter.write(spec, [{ trellisId, crmId: null, values }]);
    expect(again).toEqual({ trellisId, ok: true, crmId, created: false });
  });

  it('reads back the values and the id field, with the CRM’s modified stamp', async () => {
    const read = await adapter.read(spec, [crmId]);
    expect(read.missing).toEqual([]);
    expect(read.found[0]).toMatchObject({ id: crmId, values: { [spec.idField]: trellisId, [field('tier')]: 'gold', [field('status')]: null } });
    expect(read.found[0]!.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('updates by CRM id, and refuses a bad record alone with the CRM’s reason', async () => {
    const other = randomUUID();
    const outcomes = await adapter.write(spec, [
      { trellisId, crmId, values: { [field('tier')]: 'platinum' } },
      { trellisId: other, crmId: null, values: { [field('name')]: 'Bad tier', [field('tier')]: 'diamond' } },
    ]).catch((err: Error) => err);
    // A CRM may refuse the whole batch for one invalid value; the engine then retries one by one.
    if (outcomes instanceof Error) expect(outcomes).toMatchObject({ kind: 'permanent' });
    else {
      expect(outcomes.find((o) => o.trellisId === trellisId)).toMatchObject({ ok: true });
      expect(outcomes.find((o) => o.trellisId === other)).toMatchObject({ ok: false, rejection: { message: expect.stringMatching(/diamond|tier|value/i) } });
    }
  });

  it('lists records changed since a stamp, oldest first, once the CRM lists them', async () => {
    await adapter.write(spec, [{ trellisId, crmId, values: { [field('status')]: 'active' } }]);
    // HubSpot lists changes from its search index, which shows a write a few moments late.
    const page = await w.eventually(async () => {
      const listed = await adapter.listChangedSince(spec, new Date(Date.now() - 60_000), null);
      expect(listed.records.find((r) => r.id === crmId)?.values[field('status')]).toBe('active');
      return listed;
    });
    const stamps = page.records.map((r) => r.modifiedAt.getTime());
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });

  it('refreshes a rejected access token once and carries on', async () => {
    const connection = (await getCrmConnection(w.database.db, w.engine.keyring, w.tenantId, crm))!;
    await saveRefreshedTokens(w.database.db, w.engine.keyring, connection, { accessToken: 'revoked-token', accessTokenExpiresAt: new Date(Date.now() + 3_600_000) });
    const fresh = w.sync.adapters(w.tenantId, crm);
    expect((await fresh.read(spec, [crmId])).found).toHaveLength(1);
    const stored = (await getCrmConnection(w.database.db, w.engine.keyring, w.tenantId, crm))!;
    expect(stored.accessToken).not.toBe('revoked-token');
  });

  it('archives, after which the record reads as missing', async () => {
    await adapter.archive(spec, [crmId]);
    const read = await adapter.read(spec, [crmId]);
    expect(read).toMatchObject({ found: [], missing: [crmId] });
  });

  it('reads which company or Account each deal or Opportunity belongs to, leaving out deals without one', async () => {
    const { deals, companies } = DEAL_OBJECTS[crm];
    let dealId: string;
    let loneDealId: string;
    let companyId: string;
    if (crm === 'hubspot') {
      const admin = async (path: string, method: string, body?: unknown) => {
        const res = await fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
        return res.status === 204 ? { id: '' } : ((await res.json()) as { id: string });
      };
      companyId = (await admin('/objects/companies', 'POST', { properties: { name: 'Globex', domain: 'globex.com' } })).id;
      dealId = (await admin('/objects/deals', 'POST', { properties: { dealname: 'Globex renewal', amount: '1000', dealstage: 'closedwon', pipeline: 'default' } })).id;
      loneDealId = (await admin('/objects/deals', 'POST', { properties: { dealname: 'No company yet', dealstage: 'qualifiedtobuy', pipeline: 'default' } })).id;
      await admin(`/associations/deals/${dealId}/companies/${companyId}`, 'PUT');
    } else {
      companyId = w.salesforce.createRecord(w.orgId, 'Account', { Name: 'Globex', Website: 'https://globex.com' });
      dealId = w.salesforce.createRecord(w.orgId, 'Opportunity', { Name: 'Globex renewal', AccountId: companyId, StageName: 'Closed Won', CloseDate: '2026-02-01', Amount: 1000 });
      loneDealId = w.salesforce.createRecord(w.orgId, 'Opportunity', { Name: 'No account yet', StageName: 'Prospecting', CloseDate: '2026-06-01' });
    }
    const links = await adapter.associated(deals.object, companies.object, [dealId, loneDealId]);
    expect([...links]).toEqual([[dealId, [companyId]]]);
    const read = await adapter.read(deals, [dealId]);
    expect(DEAL_OBJECTS[crm].toDeal(read.found[0]!, null)).toMatchObject({ crmId: dealId, amount: 1000, isClosed: true, isWon: true });
  });
  it('disconnects nobody when the CRM refuses Trellis\'s own client secret: the operator is alerted, the admin sees why, the call fails for a retry', async () => {
    const db = w.database.db;
    const { keyring } = w.engine;
    const before = (await getCrmConnection(db, keyring, w.tenantId, crm))!;
    // A stale token makes the next call refresh first.
    await saveRefreshedTokens(db, keyring, before, { accessToken: 'stale-token', accessTokenExpiresAt: new Date(Date.now() - 1000) });
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
    const misconfigured = crmAdapters(
      { db, keyring, clock: systemClock, alarm: operatorAlarm(logger, w.metrics) },
      {
        hubspot: { apiUrl: w.hubspot.url, clientId: HUBSPOT_APP.clientId, clientSecret: 'rotated-away-secret' },
        salesforce: { loginUrl: w.salesforce.url, clientId: SF_APP.clientId, clientSecret: 'rotated-away-secret', dailyBudget: 100_000 },
      },
      memorySlots(),
    )(w.tenantId, crm);

    const refused = await misconfigured.read(spec, [crmId]).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppMisconfigured);
    expect(refused).toMatchObject({ kind: 'auth', message: expect.stringContaining('invalid_client') });
    const after = (await getCrmConnection(db, keyring, w.tenantId, crm))!;
    expect(after).toMatchObject({ status: 'active', refreshToken: before.refreshToken, statusReason: expect.stringMatching(/refused Trellis's app credentials .*invalid_client/) });
    expect((await w.metrics.appCredentialsRefused.get()).values).toContainEqual(expect.objectContaining({ labels: { crm }, value: 1 }));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ level: 50, crm, tenantId: w.tenantId });
    for (const secret of ['rotated-away-secret', before.refreshToken!]) expect(logged[0]).not.toContain(secret);

    // Once the configuration is right again the same connection refreshes, and the problem is gone.
    await expect(w.sync.adapters(w.tenantId, crm).read(spec, [crmId])).resolves.toHaveProperty('found');
    expect((await getCrmConnection(db, keyring, w.tenantId, crm))!).toMatchObject({ status: 'active', statusReason: null });
  });

  // Last: it ends the connection.
  it('disconnects, with the reason, when the CRM refuses the refresh token (Trellis uninstalled on its side)', async () => {
    const connection = (await getCrmConnection(w.database.db, w.engine.keyring, w.tenantId, crm))!;
    const uninstalled =
      crm === 'hubspot'
        ? await fetch(`${w.hubspot.url}/oauth/2026-03/token/revoke`, { method: 'POST', body: new URLSearchParams({ token: connection.refreshToken!, client_id: HUBSPOT_APP.clientId, client_secret: HUBSPOT_APP.clientSecret }) })
        : await fetch(`${w.salesforce.url}/services/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: connection.refreshToken! }) });
    expect(uninstalled.ok).toBe(true);
    const fresh = w.sync.adapters(w.tenantId, crm);
    await expect(fresh.read(spec, [crmId])).rejects.toMatchObject({ kind: 'auth' });
    const after = (await getCrmConnection(w.database.db, w.engine.keyring, w.tenantId, crm))!;
    expect(after.status).toBe('disconnected');
    expect(after.statusReason).toMatch(/refused to refresh .*uninstalled or its access revoked/);
  });
});
