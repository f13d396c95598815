import type { Client } from '@hubspot/api-client';
import type { RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { failure, startWithInstall } from './helpers';

describe('HubSpot emulator: batch endpoints', () => {
  let emulator: RunningHubSpotEmulator;
  let client: Client;

  // The upsert test searches what it just wrote, so the search index lag is off here.
  beforeAll(async () => {
    ({ emulator, installed: { client } } = await startWithInstall({ searchIndexLagMs: 0 }));
  });
  afterAll(() => emulator.close());

  const companies = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({ properties: { name: `${prefix} ${i}` }, associations: [] }));

  it('creates 100 records in one call and refuses 101 with a 400', async () => {
    const created = await client.crm.companies.batchApi.create({ inputs: companies(100, 'Bulk') });
    expect(created.status).toBe('COMPLETE');
    expect(created.results).toHaveLength(100);
    const refused = await failure(client.crm.companies.batchApi.create({ inputs: companies(101, 'Too many') }));
    expect(refused.code).toBe(400);
    expect(refused.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(refused.body.message).toContain('100');
    const all = await client.crm.companies.basicApi.getPage(100);
    expect(all.results.some((c) => c.properties.name?.startsWith('Too many'))).toBe(false);
  });

  it('reads a batch and reports missing ids as a 207 multi-status', async () => {
    const created = await client.crm.companies.batchApi.create({ inputs: companies(2, 'Read') });
    const ids = created.results.map((r) => r.id);
    const res = await client.crm.companies.batchApi.readWithHttpInfo({
      inputs: [{ id: ids[0]! }, { id: '999999' }, { id: ids[1]! }],
      properties: ['name'],
      propertiesWithHistory: [],
    });
    expect(res.httpStatusCode).toBe(207);
    const body = res.data as any;
    expect(body.status).toBe('COMPLETE');
    expect(body.numErrors).toBe(1);
    expect(body.results.map((r: any) => r.properties.name).sort()).toEqual(['Read 0', 'Read 1']);
    expect(body.errors[0]).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['999999'] } });
  });

  it('updates in batch, with per-input errors for missing records', async () => {
    const [a] = (await client.crm.companies.batchApi.create({ inputs: companies(1, 'Upd') })).results;
    const res = await client.crm.companies.batchApi.updateWithHttpInfo({
      inputs: [
        { id: a!.id, properties: { industry: 'Retail' } },
        { id: '424242', properties: { industry: 'None' } },
      ],
    });
    expect(res.httpStatusCode).toBe(207);
    expect((res.data as any).results[0].properties.industry).toBe('Retail');
    expect((res.data as any).errors[0].context.ids).toEqual(['424242']);
  });

  it('fails a whole batch with an unknown property before writing anything', async () => {
    const before = (await client.crm.companies.basicApi.getPage(100)).results.length;
    const res = await failure(
      client.crm.companies.batchApi.create({
        inputs: [{ properties: { name: 'ok' }, associations: [] }, { properties: { nope: 'x' }, associations: [] }],
      }),
    );
    expect(res.code).toBe(400);
    expect(res.body.message).toContain('PROPERTY_DOESNT_EXIST');
    expect((await client.crm.companies.basicApi.getPage(100)).results.length).toBe(before);
  });

  // [hs-errors]: 207 "when you've enabled multi-status error handling for the object API batch create
  // endpoints", by giving each input a unique objectWriteTraceId.
  it('creates with multi-status when every input carries a unique objectWriteTraceId: bad inputs are named, good ones written', async () => {
    await client.crm.contacts.basicApi.create({ properties: { email: 'taken@example.com' }, associations: [] });
    const res = await client.crm.contacts.batchApi.createWithHttpInfo({
      inputs: [
        { properties: { email: 'fresh@example.com' }, associations: [], objectWriteTraceId: 't-fresh' },
        { properties: { email: 'taken@example.com' }, associations: [], objectWriteTraceId: 't-taken' },
        { properties: { nope: 'x' }, associations: [], objectWriteTraceId: 't-nope' },
      ],
    });
    expect(res.httpStatusCode).toBe(207);
    const body = res.data as any;
    expect(body.numErrors).toBe(2);
    expect(body.results.map((r: any) => [r.objectWriteTraceId, r.properties.email])).toEqual([['t-fresh', 'fresh@example.com']]);
    const byTrace = Object.fromEntries(body.errors.map((e: any) => [e.context.objectWriteTraceId[0], e]));
    expect(byTrace['t-taken']).toMatchObject({ status: 'error', category: 'CONFLICT' });
    expect(byTrace['t-nope']).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(byTrace['t-nope'].message).toContain('nope');
  });

  // [hs-errors] H5: without trace ids (or with one missing or repeated) one bad input fails the whole batch.
  it.each([
    ['no trace ids', [undefined, undefined]],
    ['one input without a trace id', ['t-1', undefined]],
    ['a repeated trace id', ['t-same', 't-same']],
  ])('fails the whole create with %s, writing nothing', async (_label, traceIds) => {
    const email = `whole-${traceIds.join('-')}@example.com`;
    const conflict = await failure(
      client.crm.contacts.batchApi.create({
        inputs: [
          { properties: { email }, associations: [], ...(traceIds[0] ? { objectWriteTraceId: traceIds[0] } : {}) },
          { properties: { email: 'taken@example.com' }, associations: [], ...(traceIds[1] ? { objectWriteTraceId: traceIds[1] } : {}) },
        ],
      }),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.body).toMatchObject({ status: 'error', category: 'CONFLICT' });
    const invalid = await failure(
      client.crm.contacts.batchApi.create({
        inputs: [
          { properties: { email }, associations: [], ...(traceIds[0] ? { objectWriteTraceId: traceIds[0] } : {}) },
          { properties: { email: 'x@example.com', nope: 'x' }, associations: [], ...(traceIds[1] ? { objectWriteTraceId: traceIds[1] } : {}) },
        ],
      }),
    );
    expect(invalid.code).toBe(400);
    expect(invalid.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(invalid.body.message).toContain('nope');
    await expect(client.crm.contacts.basicApi.getById(email, undefined, undefined, undefined, undefined, 'email')).rejects.toMatchObject({ code: 404 });
  });

  // Whether batch update and upsert honour objectWriteTraceId is UNCONFIRMED ([hs-errors] names batch
  // create only): the emulator takes the stricter reading and fails them whole.
  it('fails a whole batch update or upsert for one bad input even with trace ids, writing nothing', async () => {
    const { results } = await client.crm.companies.batchApi.create({ inputs: companies(2, 'Strict') });
    const [a, b] = results.map((r) => r.id);
    const update = await failure(
      client.crm.companies.batchApi.update({
        inputs: [
          { id: a!, properties: { industry: 'RETAIL' }, objectWriteTraceId: 'u-a' },
          { id: b!, properties: { numberofemployees: 'many' }, objectWriteTraceId: 'u-b' },
        ],
      }),
    );
    expect(update.code).toBe(400);
    expect(update.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(update.body.message).toContain('numberofemployees');
    expect((await client.crm.companies.basicApi.getById(a!, ['industry'])).properties.industry).toBeNull();

    const upsert = await failure(
      client.crm.contacts.batchApi.upsert({
        inputs: [
          { idProperty: 'email', id: 'strict-good@example.com', properties: { firstname: 'Good' }, objectWriteTraceId: 'u-good' },
          { idProperty: 'email', id: 'strict-bad@example.com', properties: { nope: 'x' }, objectWriteTraceId: 'u-bad' },
        ],
      }),
    );
    expect(upsert.code).toBe(400);
    expect(upsert.body.message).toContain('nope');
    expect((await failure(client.crm.contacts.basicApi.getById('strict-good@example.com', undefined, undefined, undefined, undefined, 'email'))).code).toBe(404);
  });

  it('echoes each input\'s objectWriteTraceId on its result', async () => {
    const res = await client.crm.contacts.batchApi.upsert({
      inputs: [{ idProperty: 'email', id: 'echo@example.com', properties: { firstname: 'Echo' }, objectWriteTraceId: 'trellis-1' }],
    });
    expect(res.results[0]).toMatchObject({ objectWriteTraceId: 'trellis-1' });
  });

  it('upserts by email idempotently: the second run updates instead of duplicating', async () => {
    const inputs = [
      { idProperty: 'email', id: 'up1@example.com', properties: { firstname: 'One' } },
      { idProperty: 'email', id: 'up2@example.com', properties: { firstname: 'Two' } },
    ];
    const first = await client.crm.contacts.batchApi.upsert({ inputs });
    expect(first.results.map((r) => r.properties.email).sort()).toEqual(['up1@example.com', 'up2@example.com']);
    expect(first.results.every((r) => r._new === true)).toBe(true);
    const second = await client.crm.contacts.batchApi.upsert({
      inputs: inputs.map((i) => ({ ...i, properties: { firstname: `${i.properties.firstname}!` } })),
    });
    expect(second.results.every((r) => r._new === false)).toBe(true);
    expect(second.results.map((r) => r.id).sort()).toEqual(first.results.map((r) => r.id).sort());
    const search = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN' as any, values: ['up1@example.com', 'up2@example.com'] }] }],
      properties: ['firstname'],
      limit: 10,
    });
    expect(search.total).toBe(2);
    expect(search.results.map((r) => r.properties.firstname).sort()).toEqual(['One!', 'Two!']);
  });

  it('upserts by a custom property flagged hasUniqueValue and refuses a non-unique idProperty', async () => {
    await client.crm.properties.coreApi.create('companies', {
      name: 'trellis_partner_id',
      label: 'Trellis partner id',
      type: 'string' as any,
      fieldType: 'text' as any,
      groupName: 'companyinformation',
      hasUniqueValue: true,
    });
    const input = { inputs: [{ idProperty: 'trellis_partner_id', id: 'P-1', properties: { name: 'Partner One' } }] };
    const first = await client.crm.companies.batchApi.upsert(input);
    const second = await client.crm.companies.batchApi.upsert(input);
    expect(second.results[0]!.id).toBe(first.results[0]!.id);
    expect(first.results[0]!.properties.trellis_partner_id).toBe('P-1');
    const refused = await failure(
      client.crm.companies.batchApi.upsert({ inputs: [{ idProperty: 'name', id: 'x', properties: {} }] }),
    );
    expect(refused.code).toBe(400);
  });

  it('archives in batch with a 204', async () => {
    const created = await client.crm.deals.batchApi.create({
      inputs: [{ properties: { dealname: 'Gone' }, associations: [] }],
    });
    const res = await client.crm.deals.batchApi.archiveWithHttpInfo({ inputs: [{ id: created.results[0]!.id }] });
    expect(res.httpStatusCode).toBe(204);
    expect((await failure(client.crm.deals.basicApi.getById(created.results[0]!.id))).code).toBe(404);
  });
});
