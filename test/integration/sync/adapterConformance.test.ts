import { randomUUID } from 'node:crypto';
import { getCrmConnection, saveRefreshedTokens, type Crm } from '../../../src/store/connections';
import { DEAL_OBJECTS } from '../../../src/sync/deals/dealObjects';
import { DEFAULT_MAPPING } from '../../../src/sync/mapping/defaults';
import { objectSpec } from '../../../src/sync/mapping/translate';
import type { CrmAdapter } from '../../../src/sync/port';
import { QUEUE_KINDS, type QueueKind } from '../../support/queues';
import { startSyncWorld, type SyncWorld } from './world';

const CRMS: Crm[] = ['hubspot', 'salesforce'];

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

  it('lists records changed since a stamp, oldest first', async () => {
    await adapter.write(spec, [{ trellisId, crmId, values: { [field('status')]: 'active' } }]);
    const page = await adapter.listChangedSince(spec, new Date(Date.now() - 60_000), null);
    expect(page.records.map((r) => r.id)).toContain(crmId);
    const stamps = page.records.map((r) => r.modifiedAt.getTime());
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });

  it('refreshes a rejected access token once and carries on', async () => {
    const connection = (await getCrmConnection(w.database.db, w.engine.keyring, w.tenantId, crm))!;
    await saveRefreshedTokens(w.database.db, w.engine.keyring, connection.id, { accessToken: 'revoked-token', accessTokenExpiresAt: new Date(Date.now() + 3_600_000) });
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
  // Last: it ends the connection.
  it('disconnects, with the reason, when the CRM refuses the refresh token (Trellis uninstalled on its side)', async () => {
    const connection = (await getCrmConnection(w.database.db, w.engine.keyring, w.tenantId, crm))!;
    const uninstalled =
      crm === 'hubspot'
        ? await fetch(`${w.hubspot.url}/oauth/v1/refresh-tokens/${connection.refreshToken}`, { method: 'DELETE' })
        : await fetch(`${w.salesforce.url}/services/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: connection.refreshToken! }) });
    expect(uninstalled.ok).toBe(true);
    const fresh = w.sync.adapters(w.tenantId, crm);
    await expect(fresh.read(spec, [crmId])).rejects.toMatchObject({ kind: 'auth' });
    const after = (await getCrmConnection(w.database.db, w.engine.keyring, w.tenantId, crm))!;
    expect(after.status).toBe('disconnected');
    expect(after.statusReason).toMatch(/refused to refresh .*uninstalled or its access revoked/);
  });
});
