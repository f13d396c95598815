import { mergeRecord, type MergeInput } from '../../../src/sync/merge';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s));
const input = (over: Partial<MergeInput>): MergeInput => ({
  owners: new Map([['name', 'shared'], ['status', 'trellis'], ['amount', 'crm']]),
  base: { name: 'A', status: 'pending', amount: '10' },
  trellis: { name: 'A', status: 'pending', amount: '10' },
  trellisModifiedAt: at(0),
  crm: { name: 'A', status: 'pending', amount: '10' },
  crmModifiedAt: at(0),
  ...over,
});

describe('three-way merge of one record', () => {
  it('sends everything to a CRM that has no record yet', () => {
    expect(mergeRecord(input({ crm: null, base: null })).toCrm).toEqual({ name: 'A', status: 'pending', amount: '10' });
  });

  it('moves a one-sided change to the other side, and nothing when both agree', () => {
    expect(mergeRecord(input({ trellis: { name: 'B', status: 'pending', amount: '10' } }))).toMatchObject({ toCrm: { name: 'B' }, toTrellis: {}, conflicts: [] });
    expect(mergeRecord(input({ crm: { name: 'C', status: 'pending', amount: '10' } }))).toMatchObject({ toCrm: {}, toTrellis: { name: 'C' }, conflicts: [] });
    expect(mergeRecord(input({}))).toMatchObject({ toCrm: {}, toTrellis: {}, conflicts: [] });
  });

  it('writes Trellis back over a CRM edit of a field Trellis owns', () => {
    const r = mergeRecord(input({ crm: { name: 'A', status: 'approved', amount: '10' } }));
    expect(r.toCrm).toEqual({ status: 'pending' });
    expect(r.toTrellis).toEqual({});
    expect(r.conflicts).toEqual([]);
  });

  it('relays a CRM-owned field that changed in Trellis, since only another CRM changes it there', () => {
    const r = mergeRecord(input({ trellis: { name: 'A', status: 'pending', amount: '99' } }));
    expect(r).toMatchObject({ toCrm: { amount: '99' }, toTrellis: {}, conflicts: [] });
  });

  it('takes a CRM edit of a field the CRMs own', () => {
    expect(mergeRecord(input({ crm: { name: 'A', status: 'pending', amount: '12' } }))).toMatchObject({ toCrm: {}, toTrellis: { amount: '12' }, conflicts: [] });
  });

  it('records a field changed on both sides as a conflict, won by the newer edit when shared', () => {
    const r = mergeRecord(input({ trellis: { name: 'T', status: 'pending', amount: '10' }, crm: { name: 'C', status: 'pending', amount: '10' }, crmModifiedAt: at(5) }));
    expect(r.conflicts).toEqual([{ field: 'name', base: 'A', trellis: 'T', crm: 'C', winner: 'crm', rule: 'newest' }]);
    expect(r.toTrellis).toEqual({ name: 'C' });
    expect(r.agreed.name).toBe('C');
  });

  it('decides a both-sides change of an owned field by its owner, still reporting it', () => {
    const r = mergeRecord(input({ trellis: { name: 'A', status: 'won', amount: '10' }, crm: { name: 'A', status: 'lost', amount: '10' }, crmModifiedAt: at(9) }));
    expect(r.conflicts).toEqual([expect.objectContaining({ field: 'status', winner: 'trellis', rule: 'owner' })]);
    expect(r.toCrm).toEqual({ status: 'won' });
  });

  it('treats both sides changing to the same value as agreement', () => {
    const r = mergeRecord(input({ trellis: { name: 'Z', status: 'pending', amount: '10' }, crm: { name: 'Z', status: 'pending', amount: '10' } }));
    expect(r).toMatchObject({ toCrm: {}, toTrellis: {}, conflicts: [], agreed: { name: 'Z' } });
  });

  it('recognises a value it sent without learning the outcome as its own write, not a CRM edit', () => {
    // We wrote name B, crashed before recording it, and Trellis moved on to C: no conflict, C goes out.
    const r = mergeRecord(input({ writing: { name: 'B' }, trellis: { name: 'C', status: 'pending', amount: '10' }, crm: { name: 'B', status: 'pending', amount: '10' }, crmModifiedAt: at(9) }));
    expect(r).toMatchObject({ toCrm: { name: 'C' }, toTrellis: {}, conflicts: [] });
    // A CRM value that is not the one we sent is still an edit.
    expect(mergeRecord(input({ writing: { name: 'B' }, trellis: { name: 'C', status: 'pending', amount: '10' }, crm: { name: 'X', status: 'pending', amount: '10' } })).conflicts).toHaveLength(1);
  });
});
