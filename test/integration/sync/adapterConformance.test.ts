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
import { provisionPlan } from '../../../src/sync/provision';
import { FakeCrm } from '../../support/fakeCrm';
import { QUEUE_KINDS, type QueueKind } from '../../support/queues';
import { describePortContract } from './adapterContract';
import { HUBSPOT_APP, SF_APP, startSyncWorld, type SyncWorld } from './world';

/** The port's contract, then what a real connection adds (tokens, app credentials), for each adapter on its SDK and emulator. */
describe.each(CRMS.flatMap((crm) => QUEUE_KINDS.map((queue): [Crm, QueueKind] => [crm, queue])))('CrmAdapter conformance: %s (%s queue)', (crm, queue) => {
  let w: SyncWorld;
  let adapter: CrmAdapter;
  const mapping = DEFAULT_MAPPING.partner[crm];
  const spec = objectSpec(mapping);
  const field = (name: string) => mapping.fields.find((f) => f.field === name)!.crmField;
  let crmId = '';

  beforeAll(async () => {
    w = await startSyncWorld(queue);
    // Nothing but this suite writes: the engine's queues are left idle.
    await w.relay.stop();
    adapter = w.sync.adapters(w.tenantId, crm);
  });
  afterAll(() => w.close());

  describePortContract(() => ({
    adapter,
    mapping,
    alsoPresent: crm === 'salesforce' ? ['AccountChangeEvent (Change Data Capture)'] : [],
    eventually: (check) => w.eventually(check),
    seedDeals: () => seedDeals(w, crm),
    merge: async (object, into, from) => {
      if (crm === 'salesforce') w.salesforce.mergeRecords(w.orgId, object, into, [from]);
      else await hubspotAdmin(w, `/objects/${object}/merge`, 'POST', { primaryObjectId: into, objectIdToMerge: from });
    },
  }));

  it('refreshes a rejected access token once and carries on', async () => {
    const [written] = await adapter.write(spec, [{ trellisId: randomUUID(), crmId: null, values: { [field('name')]: 'Refresh Partner' } }]);
    crmId = (written as { crmId: string }).crmId;
    const connection = (await getCrmConnection(w.database.db, w.engine.keyring, w.tenantId, crm))!;
    await saveRefreshedTokens(w.database.db, w.engine.keyring, connection, { accessToken: 'revoked-token', accessTokenExpiresAt: new Date(Date.now() + 3_600_000) });
    const fresh = w.sync.adapters(w.tenantId, crm);
    expect((await fresh.read(spec, [crmId])).found).toHaveLength(1);
    const stored = (await getCrmConnection(w.database.db, w.engine.keyring, w.tenantId, crm))!;
    expect(stored.accessToken).not.toBe('revoked-token');
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

/** The in-memory CRM the engine's own tests use, held to the same contract, in each CRM's shape. */
describe.each(CRMS)('CrmAdapter conformance: in-memory %s', (crm) => {
  const fake = new FakeCrm({ crm });
  const { deals, companies } = DEAL_OBJECTS[crm];

  // Provisioned as the sync service provisions a newly connected CRM.
  beforeAll(() => fake.adapter.provision(provisionPlan(DEFAULT_MAPPING, crm)));

  describePortContract(() => ({
    adapter: fake.adapter,
    mapping: DEFAULT_MAPPING.partner[crm],
    alsoPresent: [],
    eventually: (check) => check(),
    seedDeals: async () => {
      const [name, closedWon] = crm === 'hubspot' ? ['name', { hs_is_closed: 'true', hs_is_closed_won: 'true' }] : ['Name', { IsClosed: 'true', IsWon: 'true' }];
      const amount = crm === 'hubspot' ? 'amount' : 'Amount';
      const companyId = fake.createRecord(companies.object, { [name]: 'Globex' });
      const dealId = fake.createRecord(deals.object, { [deals.fields[0]!]: 'Globex renewal', [amount]: '1000', ...closedWon });
      const loneDealId = fake.createRecord(deals.object, { [deals.fields[0]!]: 'No company yet' });
      fake.relate(deals.object, dealId, companies.object, companyId);
      return { companyId, dealId, loneDealId };
    },
    merge: async (object, into, from) => fake.mergeRecords(object, into, from),
  }));
});

/** A HubSpot admin action in the emulator's portal, as a user does it in HubSpot's UI. */
async function hubspotAdmin(w: SyncWorld, path: string, method: string, body?: unknown): Promise<{ id: string }> {
  const res = await fetch(`${w.hubspot.url}/_admin/portals/${w.portalId}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return res.status === 204 ? { id: '' } : ((await res.json()) as { id: string });
}

/** A company, a won deal belonging to it and a deal belonging to none, made in the emulator as a CRM user makes them. */
async function seedDeals(w: SyncWorld, crm: Crm): Promise<{ companyId: string; dealId: string; loneDealId: string }> {
  if (crm === 'hubspot') {
    const companyId = (await hubspotAdmin(w, '/objects/companies', 'POST', { properties: { name: 'Globex', domain: 'globex.com' } })).id;
    const dealId = (await hubspotAdmin(w, '/objects/deals', 'POST', { properties: { dealname: 'Globex renewal', amount: '1000', dealstage: 'closedwon', pipeline: 'default' } })).id;
    const loneDealId = (await hubspotAdmin(w, '/objects/deals', 'POST', { properties: { dealname: 'No company yet', dealstage: 'qualifiedtobuy', pipeline: 'default' } })).id;
    await hubspotAdmin(w, `/associations/deals/${dealId}/companies/${companyId}`, 'PUT');
    return { companyId, dealId, loneDealId };
  }
  const companyId = w.salesforce.createRecord(w.orgId, 'Account', { Name: 'Globex', Website: 'https://globex.com' });
  const dealId = w.salesforce.createRecord(w.orgId, 'Opportunity', { Name: 'Globex renewal', AccountId: companyId, StageName: 'Closed Won', CloseDate: '2026-02-01', Amount: 1000 });
  const loneDealId = w.salesforce.createRecord(w.orgId, 'Opportunity', { Name: 'No account yet', StageName: 'Prospecting', CloseDate: '2026-06-01' });
  return { companyId, dealId, loneDealId };
}
