import { randomUUID } from 'node:crypto';
import { DEAL_OBJECTS } from '../../../src/sync/deals/dealObjects';
import type { ObjectMapping } from '../../../src/sync/mapping/types';
import { objectSpec } from '../../../src/sync/mapping/translate';
import type { CrmAdapter, WriteOutcome } from '../../../src/sync/port';

/** A CRM behind the port, with what the contract needs to act as that CRM's own users. */
export interface ContractSubject {
  adapter: CrmAdapter;
  /** The partner mapping in this CRM, provisioned as Trellis provisions it. */
  mapping: ObjectMapping;
  /** What provisioning reports present besides the mapped fields (Salesforce also selects the object for Change Data Capture). */
  alsoPresent: string[];
  /** Waits until `check` passes: a CRM may list a write a few moments late. */
  eventually<T>(check: () => Promise<T>): Promise<T>;
  /** A company, a deal belonging to it and a deal belonging to none, made as a CRM user makes them. */
  seedDeals(): Promise<{ companyId: string; dealId: string; loneDealId: string }>;
  /** A CRM user merges the record `from` into `into`. */
  merge(object: string, into: string, from: string): Promise<void>;
}

/** A single write refused: as a record's outcome, or as a permanent failure of the call (the engine then isolates it). */
function expectRefused(outcome: WriteOutcome[] | Error): void {
  if (outcome instanceof Error) expect(outcome).toMatchObject({ kind: 'permanent' });
  else expect(outcome).toEqual([expect.objectContaining({ ok: false })]);
}

/**
 * What every CrmAdapter promises the engine, as one suite the real adapters (on their SDKs and
 * emulators) and the in-memory one all pass. Its tests run in order and share one record.
 */
export function describePortContract(subjectOf: () => ContractSubject): void {
  let s: ContractSubject;
  let adapter: CrmAdapter;
  let spec: ReturnType<typeof objectSpec>;
  let field: (name: string) => string;
  const trellisId = randomUUID();
  let crmId = '';

  beforeAll(() => {
    s = subjectOf();
    adapter = s.adapter;
    spec = objectSpec(s.mapping);
    field = (name) => s.mapping.fields.find((f) => f.field === name)!.crmField;
  });

  it('provisions idempotently and reports what the mapping needs', async () => {
    const plan = { objects: [{ spec, custom: false, label: 'Partner', fields: s.mapping.fields.map((f) => ({ name: f.crmField, label: f.field })) }] };
    const first = await adapter.provision(plan);
    const second = await adapter.provision(plan);
    expect(first.missing).toEqual([]);
    expect(second.created).toEqual([]);
    expect(second.present).toHaveLength(s.mapping.fields.length + s.alsoPresent.length);
    expect(second.present).toEqual(expect.arrayContaining(s.alsoPresent));
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
    const outcomes = await adapter
      .write(spec, [
        { trellisId, crmId, values: { [field('tier')]: 'platinum' } },
        { trellisId: other, crmId: null, values: { [field('name')]: 'Bad tier', [field('tier')]: 'diamond' } },
      ])
      .catch((err: Error) => err);
    // A CRM may refuse the whole batch for one invalid value; the engine then retries one by one.
    if (outcomes instanceof Error) expect(outcomes).toMatchObject({ kind: 'permanent' });
    else {
      expect(outcomes.find((o) => o.trellisId === trellisId)).toMatchObject({ ok: true });
      expect(outcomes.find((o) => o.trellisId === other)).toMatchObject({ ok: false, rejection: { message: expect.stringMatching(/diamond|tier|value/i) } });
    }
  });

  it('refuses a write naming a field the object does not have', async () => {
    expectRefused(await adapter.write(spec, [{ trellisId, crmId, values: { no_such_trellis_field: 'x' } }]).catch((err: Error) => err));
  });

  it('refuses to give a record the Trellis id another record holds', async () => {
    const [other] = await adapter.write(spec, [{ trellisId: randomUUID(), crmId: null, values: { [field('name')]: 'Another Partner' } }]);
    expectRefused(await adapter.write(spec, [{ trellisId, crmId: (other as { crmId: string }).crmId, values: {} }]).catch((err: Error) => err));
    const read = await adapter.read(spec, [crmId]);
    expect(read.found[0]!.values[spec.idField]).toBe(trellisId);
  });

  it('lists records changed since a stamp, oldest first, once the CRM lists them, page after page to the end', async () => {
    // Two more changed records, so that a CRM listing in small pages hands out more than one.
    const others = [randomUUID(), randomUUID()].map((id) => ({ trellisId: id, crmId: null, values: { [field('name')]: `Listed ${id}` } }));
    await adapter.write(spec, [{ trellisId, crmId, values: { [field('status')]: 'active' } }, ...others]);
    // HubSpot lists changes from its search index, which shows a write a few moments late.
    const records = await s.eventually(async () => {
      const listed = [];
      let cursor: string | null = null;
      do {
        const page = await adapter.listChangedSince(spec, new Date(Date.now() - 60_000), cursor);
        listed.push(...page.records);
        cursor = page.cursor;
      } while (cursor);
      expect(listed.find((r) => r.id === crmId)?.values[field('status')]).toBe('active');
      expect(listed.filter((r) => others.some((o) => r.values[spec.idField] === o.trellisId))).toHaveLength(2);
      return listed;
    });
    const stamps = records.map((r) => r.modifiedAt.getTime());
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });

  it('reads a record merged away in the CRM as the record it was merged into', async () => {
    const [survivor, merged] = await adapter.write(spec, [
      { trellisId: randomUUID(), crmId: null, values: { [field('name')]: 'Survivor' } },
      { trellisId: randomUUID(), crmId: null, values: { [field('name')]: 'Duplicate' } },
    ]);
    const into = (survivor as { crmId: string }).crmId;
    const from = (merged as { crmId: string }).crmId;
    await s.merge(spec.object, into, from);
    const read = await adapter.read(spec, [from]);
    expect(read.mergedInto).toEqual([{ from, into }]);
    expect(read.missing).toEqual([]);
    expect(read.found.map((r) => r.id)).toEqual([into]);
  });

  it('archives, after which the record reads as missing and a write by its id is refused, not resurrected', async () => {
    await adapter.archive(spec, [crmId]);
    expect(await adapter.read(spec, [crmId])).toMatchObject({ found: [], missing: [crmId] });
    expectRefused(await adapter.write(spec, [{ trellisId, crmId, values: { [field('tier')]: 'silver' } }]).catch((err: Error) => err));
    expect(await adapter.read(spec, [crmId])).toMatchObject({ found: [], missing: [crmId] });
  });

  it('reads which company or Account each deal or Opportunity belongs to, leaving out deals without one', async () => {
    const { deals, companies, toDeal } = DEAL_OBJECTS[adapter.crm];
    const { companyId, dealId, loneDealId } = await s.seedDeals();
    const links = await adapter.associated(deals.object, companies.object, [dealId, loneDealId]);
    expect([...links]).toEqual([[dealId, [companyId]]]);
    const read = await adapter.read(deals, [dealId]);
    expect(toDeal(read.found[0]!, null)).toMatchObject({ crmId: dealId, amount: 1000, isClosed: true, isWon: true });
  });
}
