import type { SyncLink } from '../../../src/store/syncLinks';
import { parseRecordKey, type PendingRecord } from '../../../src/store/syncPending';
import type { EntityState } from '../../../src/sync/entities/synced';
import type { ObjectMapping } from '../../../src/sync/mapping/types';
import { entityOfRow, planSync, type PlanInput, type SyncPlan } from '../../../src/sync/plan';
import type { CrmRecord, FieldValues } from '../../../src/sync/port';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s));
const MAPPING: ObjectMapping = {
  object: 'companies',
  idField: 'trellis_id',
  fields: [
    { field: 'name', crmField: 'name', owner: 'shared' },
    { field: 'tier', crmField: 'partner_tier', owner: 'trellis' },
  ],
};

const row = (key: string): PendingRecord => ({ kind: 'partner', key, version: 1, attempts: 0 });
const state = (id: string, values: Partial<FieldValues> = {}): EntityState => ({
  id,
  name: `Partner ${id}`,
  values: { id, name: 'Acme', tier: 'gold', ...values },
  updatedAt: at(0),
  relations: [],
});
const link = (entityId: string, crmId: string, over: Partial<SyncLink> = {}): SyncLink => ({
  entityId,
  crmId,
  syncedValues: { id: entityId, name: 'Acme', tier: 'gold' },
  syncedHash: 'agreed',
  writing: {},
  crmModifiedAt: at(0),
  tombstonedAt: null,
  ...over,
});
const record = (id: string, entityId: string | null, values: FieldValues = {}): CrmRecord => ({
  id,
  values: { trellis_id: entityId, name: 'Acme', partner_tier: 'gold', ...values },
  modifiedAt: at(5),
});

const plan = (over: Partial<PlanInput>): SyncPlan =>
  planSync({
    rows: [],
    mapping: MAPPING,
    linksByCrmId: new Map(),
    links: new Map(),
    read: { found: [], missing: [], mergedInto: [] },
    linkedSurvivors: new Set(),
    states: new Map(),
    ...over,
  });
const byId = <T extends { entityId: string } | { id: string }>(items: T[]) => new Map(items.map((i) => ['entityId' in i ? i.entityId : i.id, i] as [string, T]));

/** What a plan does, in terms a reader of the table checks at a glance. */
const summary = (p: SyncPlan) => ({
  repairs: p.repairs,
  rounds: p.rounds.map((r) => ({ entity: r.entity.id, keys: r.rows.map((x) => x.key), crmId: r.link?.crmId ?? null, toTrellis: r.merge.toTrellis })),
  writes: p.writes.map((w) => ({ trellisId: w.trellisId, crmId: w.crmId, values: w.values })),
  intents: p.intents,
  conflicted: p.conflicted.map((r) => r.entity.id),
  adoptions: p.adoptions.map((a) => ({ key: a.row.key, crmId: a.record.id })),
  settled: p.settled.map((r) => r.key),
});
const NOTHING = { repairs: [], rounds: [], writes: [], intents: [], conflicted: [], adoptions: [], settled: [] };

describe('planning one sync batch', () => {
  it.each<[string, Partial<PlanInput>, Partial<ReturnType<typeof summary>>]>([
    [
      'creates a record for an entity the CRM does not have yet, by its Trellis id, with no intent to note',
      { rows: [row('e:p1')], states: byId([state('p1')]) },
      {
        rounds: [{ entity: 'p1', keys: ['e:p1'], crmId: null, toTrellis: {} }],
        writes: [{ trellisId: 'p1', crmId: null, values: { trellis_id: 'p1', name: 'Acme', partner_tier: 'gold' } }],
      },
    ],
    [
      'updates a linked record by its CRM id with what changed in Trellis, noting the intent first',
      { rows: [row('e:p1')], states: byId([state('p1', { tier: 'platinum' })]), links: byId([link('p1', '101')]), read: { found: [record('101', 'p1')], missing: [], mergedInto: [] } },
      {
        rounds: [{ entity: 'p1', keys: ['e:p1'], crmId: '101', toTrellis: {} }],
        writes: [{ trellisId: 'p1', crmId: '101', values: { partner_tier: 'platinum' } }],
        intents: [{ crmId: '101', values: { tier: 'platinum' } }],
      },
    ],
    [
      'writes nothing for a CRM edit, which goes to Trellis at commit; the CRM record’s row joins its entity’s round',
      {
        rows: [row('c:101')],
        states: byId([state('p1')]),
        linksByCrmId: new Map([['101', link('p1', '101')]]),
        links: byId([link('p1', '101')]),
        read: { found: [record('101', 'p1', { name: 'Acme Corp' })], missing: [], mergedInto: [] },
      },
      { rounds: [{ entity: 'p1', keys: ['c:101'], crmId: '101', toTrellis: { name: 'Acme Corp' } }] },
    ],
    [
      'merges an entity waiting under both its ids once',
      {
        rows: [row('c:101'), row('e:p1')],
        states: byId([state('p1')]),
        linksByCrmId: new Map([['101', link('p1', '101')]]),
        links: byId([link('p1', '101')]),
        read: { found: [record('101', 'p1')], missing: [], mergedInto: [] },
      },
      { rounds: [{ entity: 'p1', keys: ['e:p1', 'c:101'], crmId: '101', toTrellis: {} }] },
    ],
    [
      'marks a round whose fields changed on both sides as conflicted, and writes the winner',
      {
        rows: [row('e:p1')],
        states: byId([state('p1', { tier: 'platinum' })]),
        links: byId([link('p1', '101')]),
        read: { found: [record('101', 'p1', { partner_tier: 'silver' })], missing: [], mergedInto: [] },
      },
      {
        rounds: [{ entity: 'p1', keys: ['e:p1'], crmId: '101', toTrellis: {} }],
        writes: [{ trellisId: 'p1', crmId: '101', values: { partner_tier: 'platinum' } }],
        intents: [{ crmId: '101', values: { tier: 'platinum' } }],
        conflicted: ['p1'],
      },
    ],
    ['settles an entity deleted in Trellis without writing', { rows: [row('e:p1')], links: byId([link('p1', '101')]), read: { found: [record('101', 'p1')], missing: [], mergedInto: [] } }, { settled: ['e:p1'] }],
    ['settles an entity whose record is no longer written (tombstoned link)', { rows: [row('e:p1')], states: byId([state('p1', { tier: 'silver' })]), links: byId([link('p1', '101', { tombstonedAt: at(1) })]) }, { settled: ['e:p1'] }],
    [
      'tombstones the link of a record deleted in the CRM, and writes nothing there',
      { rows: [row('e:p1')], states: byId([state('p1', { tier: 'silver' })]), links: byId([link('p1', '101')]), read: { found: [], missing: ['101'], mergedInto: [] } },
      { repairs: [{ action: 'tombstone', crmId: '101', mergedInto: null }], settled: ['e:p1'] },
    ],
    [
      'follows a merge into a record no entity has: the link moves and Trellis’s values go to the survivor',
      {
        rows: [row('e:p1')],
        states: byId([state('p1')]),
        links: byId([link('p1', '101')]),
        read: { found: [record('202', null, { name: 'Acme Inc', partner_tier: null })], missing: [], mergedInto: [{ from: '101', into: '202' }] },
      },
      {
        repairs: [{ action: 'move', from: '101', into: '202' }],
        rounds: [{ entity: 'p1', keys: ['e:p1'], crmId: '202', toTrellis: {} }],
        writes: [{ trellisId: 'p1', crmId: '202', values: { trellis_id: 'p1', name: 'Acme', partner_tier: 'gold' } }],
        intents: [{ crmId: '202', values: { id: 'p1', name: 'Acme', tier: 'gold' } }],
      },
    ],
    [
      'tombstones a record merged into another entity’s record',
      {
        rows: [row('e:p1')],
        states: byId([state('p1')]),
        links: byId([link('p1', '101')]),
        read: { found: [record('202', 'p2')], missing: [], mergedInto: [{ from: '101', into: '202' }] },
        linkedSurvivors: new Set(['202']),
      },
      { repairs: [{ action: 'tombstone', crmId: '101', mergedInto: '202' }], settled: ['e:p1'] },
    ],
    [
      'moves only the first of two entities merged into the same unlinked record, tombstoning the second',
      {
        rows: [row('e:p1'), row('e:p2')],
        states: byId([state('p1'), state('p2')]),
        links: byId([link('p1', '101'), link('p2', '102')]),
        read: { found: [record('202', null)], missing: [], mergedInto: [{ from: '101', into: '202' }, { from: '102', into: '202' }] },
      },
      {
        repairs: [{ action: 'move', from: '101', into: '202' }, { action: 'tombstone', crmId: '102', mergedInto: '202' }],
        rounds: [{ entity: 'p1', keys: ['e:p1'], crmId: '202', toTrellis: {} }],
        writes: [{ trellisId: 'p1', crmId: '202', values: { trellis_id: 'p1' } }],
        intents: [{ crmId: '202', values: { id: 'p1' } }],
        settled: ['e:p2'],
      },
    ],
    [
      'adopts a CRM record no link knows once the batch commits, and settles one the CRM no longer has',
      { rows: [row('c:301'), row('c:302')], read: { found: [record('301', null, { partner_tier: 'gold' })], missing: ['302'], mergedInto: [] } },
      { adoptions: [{ key: 'c:301', crmId: '301' }], settled: ['c:302'] },
    ],
  ])('%s', (_name, input, expected) => {
    expect(summary(plan(input))).toEqual({ ...NOTHING, ...expected });
  });

  it('leaves the links it was given as they were', () => {
    const given = link('p1', '101');
    plan({ rows: [row('e:p1')], states: byId([state('p1')]), links: byId([given]), read: { found: [record('202', null)], missing: [], mergedInto: [{ from: '101', into: '202' }] } });
    expect(given).toEqual(link('p1', '101'));
  });

  it('sends the entity’s relations with its write', () => {
    const withPartner = { ...state('r1'), relations: [{ to: 'companies', id: '101' }] };
    expect(plan({ rows: [row('e:r1')], states: byId([withPartner]) }).writes[0]!.relations).toEqual([{ to: 'companies', id: '101' }]);
  });
});

describe('waiting record keys', () => {
  it.each([
    ['e:0b1c', { side: 'entity', entityId: '0b1c' }],
    ['c:12345', { side: 'crm', crmId: '12345' }],
    ['c:a:b', { side: 'crm', crmId: 'a:b' }],
  ])('reads %s', (key, parsed) => expect(parseRecordKey(key)).toEqual(parsed));

  it.each(['x:1', 'e:', '12345', ''])('refuses %p, which no one writes', (key) => expect(() => parseRecordKey(key)).toThrow(/not a sync record key/));

  it('finds the entity a CRM record stands for through its link, and none for an unlinked one', () => {
    const links = new Map([['101', link('p1', '101')]]);
    expect([row('e:p9'), row('c:101'), row('c:999')].map((r) => entityOfRow(r, links))).toEqual(['p9', 'p1', undefined]);
  });
});
