import { principalFor } from '../../../src/domain/access';
import { TenantSettings } from '../../../src/domain/settings';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../../../src/security/secrets';
import { linksByEntity } from '../../../src/store/syncLinks';
import { crmKey, entityKey, markPending } from '../../../src/store/syncPending';
import { getSyncState } from '../../../src/store/syncState';
import { syncDueRecords, type SyncEngineDeps } from '../../../src/sync/engine/syncBatch';
import { rateLimited } from '../../../src/sync/errors';
import { DEFAULT_MAPPING } from '../../../src/sync/mapping/defaults';
import { provisionPlan } from '../../../src/sync/provision';
import { changePartner, createPartner } from '../../../src/usecases/partners';
import { createTenant } from '../../../src/usecases/tenants';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { FakeCrm } from '../../support/fakeCrm';

/**
 * The sync engine's batch, driven against the real store and the in-memory CRM: what the
 * emulator suites show end to end, here step by step and without a queue or an emulator.
 */
describe('sync engine against an in-memory HubSpot', () => {
  const mapping = DEFAULT_MAPPING.partner.hubspot;
  const crmField = (name: string) => mapping.fields.find((f) => f.field === name)!.crmField;
  const { object, idField } = mapping;
  let database: TestDatabase;
  let fake: FakeCrm;
  let engine: SyncEngineDeps;
  let tenantId: string;
  /** Engine time runs with the wall clock, moved ahead to make deferred records due. */
  let aheadMs = 0;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    fake = new FakeCrm({ crm: 'hubspot' });
    await fake.adapter.provision(provisionPlan(DEFAULT_MAPPING, 'hubspot'));
    engine = {
      db: database.db,
      clock: { now: () => new Date(Date.now() + aheadMs) },
      keyring: createKeyring(parseKeyring(generateKeyringSpec())),
      adapters: () => fake.adapter,
    };
    tenantId = (await createTenant(engine, 'Engine Co')).tenant.id;
  });
  afterAll(() => database.drop());

  const actor = () => ({ tenantId, name: 'admin@engine.example', settings: TenantSettings.parse({}), principal: principalFor('admin') });
  const newPartner = async (name: string) =>
    (await createPartner(engine, actor(), { name, domain: `${name.toLowerCase().replace(/\W/g, '')}.example`, tier: 'gold', region: 'NA', country: 'US', specialties: [], status: 'active' })).id;
  /** What the outbox subscriber does for a change committed in Trellis, and a CRM webhook for a change there. */
  const changedInTrellis = (id: string) => markPending(engine.db, tenantId, 'hubspot', 'partner', [entityKey(id)]);
  const changedInCrm = (crmId: string) => markPending(engine.db, tenantId, 'hubspot', 'partner', [crmKey(crmId)]);
  /** Batches until nothing is due, as the worker does. */
  const syncDue = async () => {
    while ((await syncDueRecords(engine, tenantId, 'hubspot')).more);
  };
  const recordsOf = (partnerId: string) => fake.liveRecords(object).filter((r) => r.values[idField] === partnerId);
  const linkOf = async (partnerId: string) => (await linksByEntity(engine.db, tenantId, 'hubspot', 'partner', [partnerId])).get(partnerId);
  const waiting = async () => (await engine.db.query<{ record_key: string }>('SELECT record_key FROM sync_pending WHERE tenant_id = $1', [tenantId])).rows.map((r) => r.record_key);
  const partnerTier = async (id: string) => (await engine.db.query<{ tier: string }>('SELECT tier FROM partners WHERE id = $1', [id])).rows[0]!.tier;
  const callsDuring = async (work: () => Promise<void>) => {
    const before = fake.calls.length;
    await work();
    return fake.calls.slice(before);
  };

  it('creates a new partner in the CRM once, carrying its Trellis id, and writes nothing when nothing changed', async () => {
    const id = await newPartner('Initech');
    await changedInTrellis(id);
    await syncDue();
    const [record] = recordsOf(id);
    expect(record?.values).toMatchObject({ name: 'Initech', [crmField('tier')]: 'gold' });
    expect(await linkOf(id)).toMatchObject({ crmId: record!.id, tombstonedAt: null });
    expect(await waiting()).toEqual([]);

    await changedInTrellis(id);
    expect(await callsDuring(syncDue)).toEqual(['read']);
    expect(recordsOf(id)).toHaveLength(1);
  });

  it('sends a Trellis edit to the CRM record, and brings a CRM edit into Trellis', async () => {
    const id = await newPartner('Umbrella');
    await changedInTrellis(id);
    await syncDue();
    await changePartner(engine, actor(), id, { tier: 'platinum' });
    await changedInTrellis(id);
    await syncDue();
    const [record] = recordsOf(id);
    expect(record!.values[crmField('tier')]).toBe('platinum');

    fake.editRecord(object, record!.id, { [crmField('tier')]: 'silver' });
    await changedInCrm(record!.id);
    await syncDue();
    expect(await partnerTier(id)).toBe('silver');
    expect(await waiting()).toEqual([]);
  });

  it('records a field edited on both sides as a conflict, won by the newer edit', async () => {
    const id = await newPartner('Soylent');
    await changedInTrellis(id);
    await syncDue();
    await changePartner(engine, actor(), id, { tier: 'platinum' });
    const [record] = recordsOf(id);
    fake.editRecord(object, record!.id, { [crmField('tier')]: 'silver' });
    await changedInTrellis(id);
    await changedInCrm(record!.id);
    await syncDue();
    const { rows } = await engine.db.query('SELECT field, trellis_value, crm_value, winner FROM sync_field_conflicts WHERE entity_id = $1', [id]);
    expect(rows).toEqual([{ field: 'tier', trellis_value: 'platinum', crm_value: 'silver', winner: 'crm' }]);
    expect(await partnerTier(id)).toBe('silver');
  });

  it('stops writing to a record deleted in the CRM, and keeps the partner', async () => {
    const id = await newPartner('Hooli');
    await changedInTrellis(id);
    await syncDue();
    const [record] = recordsOf(id);
    fake.deleteRecord(object, record!.id);
    await changePartner(engine, actor(), id, { tier: 'platinum' });
    await changedInTrellis(id);
    await syncDue();
    expect(recordsOf(id)).toEqual([]);
    expect((await linkOf(id))?.tombstonedAt).toBeInstanceOf(Date);
    const { rows } = await engine.db.query('SELECT tombstone_reason FROM sync_links WHERE entity_id = $1', [id]);
    expect(rows).toEqual([{ tombstone_reason: 'deleted in HubSpot' }]);
    expect(await partnerTier(id)).toBe('platinum');
    expect(await waiting()).toEqual([]);
  });

  it('follows a merge in the CRM: the partner moves to the surviving record, and another partner merged into it stops syncing there', async () => {
    const [first, second] = [await newPartner('Vandelay'), await newPartner('Kramerica')];
    await changedInTrellis(first);
    await changedInTrellis(second);
    await syncDue();
    const survivor = fake.createRecord(object, { name: 'Vandelay Industries (duplicate)' });
    fake.mergeRecords(object, survivor, recordsOf(first)[0]!.id);
    await changedInTrellis(first);
    await syncDue();
    expect(await linkOf(first)).toMatchObject({ crmId: survivor, tombstonedAt: null });
    // Nothing was agreed with the survivor, so Trellis's values go to it.
    expect(recordsOf(first)).toEqual([expect.objectContaining({ id: survivor, values: expect.objectContaining({ name: 'Vandelay' }) })]);

    fake.mergeRecords(object, survivor, recordsOf(second)[0]!.id);
    await changedInTrellis(second);
    await syncDue();
    const { rows } = await engine.db.query('SELECT tombstone_reason FROM sync_links WHERE entity_id = $1', [second]);
    expect(rows).toEqual([{ tombstone_reason: `merged into HubSpot record ${survivor}, which is another partner` }]);
    expect(recordsOf(first).map((r) => r.id)).toEqual([survivor]);
  });

  it('after a create whose answer was lost, adopts the record by its Trellis id instead of creating another', async () => {
    const id = await newPartner('Globex');
    await changedInTrellis(id);
    fake.loseNextWriteAnswer();
    await expect(syncDue()).rejects.toMatchObject({ kind: 'transient' });
    // The CRM created it; Trellis never learnt of it and retries the partner later.
    const [record] = recordsOf(id);
    expect(await linkOf(id)).toBeUndefined();
    expect(await waiting()).toEqual([entityKey(id)]);

    // The CRM's notice of the new record arrives first: it carries our id, so it is linked, not adopted as a new partner.
    await changedInCrm(record!.id);
    await syncDue();
    expect(await linkOf(id)).toMatchObject({ crmId: record!.id });

    aheadMs = 600_000;
    const calls = await callsDuring(syncDue);
    expect(calls).not.toContain('write');
    expect(recordsOf(id)).toHaveLength(1);
    expect(await waiting()).toEqual([]);
  });

  it('after an update whose answer was lost, takes the value found in the CRM as its own write, not a CRM user’s conflicting edit', async () => {
    const id = await newPartner('Acme');
    await changedInTrellis(id);
    await syncDue();
    await changePartner(engine, actor(), id, { tier: 'platinum' });
    await changedInTrellis(id);
    fake.loseNextWriteAnswer();
    await expect(syncDue()).rejects.toMatchObject({ kind: 'transient' });
    expect(recordsOf(id)[0]!.values[crmField('tier')]).toBe('platinum');

    await changePartner(engine, actor(), id, { tier: 'silver' });
    aheadMs += 600_000;
    await syncDue();
    expect(recordsOf(id)[0]!.values[crmField('tier')]).toBe('silver');
    const { rows } = await engine.db.query('SELECT field FROM sync_field_conflicts WHERE entity_id = $1', [id]);
    expect(rows).toEqual([]);
  });

  it('waits as long as a rate-limited CRM asks, then delivers', async () => {
    const id = await newPartner('Stark');
    await changedInTrellis(id);
    fake.failNextCalls(rateLimited('Too many requests', 10_000));
    await expect(syncDue()).rejects.toMatchObject({ kind: 'rate_limited' });
    expect((await getSyncState(engine.db, tenantId, 'hubspot'))?.lastError).toMatch(/HubSpot asked Trellis to slow down/);
    await syncDue();
    expect(recordsOf(id)).toEqual([]);
    aheadMs += 11_000;
    await syncDue();
    expect(recordsOf(id)).toHaveLength(1);
  });
});
