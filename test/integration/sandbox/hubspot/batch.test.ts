import type { Client } from '@hubspot/api-client';
import type { RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { failure, startWithInstall } from './helpers';

describe('HubSpot emulator: batch endpoints', () => {
  let emulator: RunningHubSpotEmulator;
  let client: Client;

  beforeAll(async () => {
    ({ emulator, installed: { client } } = await startWithInstall());
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

  it('reports unique-value conflicts per input in a 207', async () => {
    await client.crm.contacts.basicApi.create({ properties: { email: 'taken@example.com' }, associations: [] });
    const res = await client.crm.contacts.batchApi.createWithHttpInfo({
      inputs: [
        { properties: { email: 'fresh@example.com' }, associations: [] },
        { properties: { email: 'taken@example.com' }, associations: [] },
      ],
    });
    expect(res.httpStatusCode).toBe(207);
    expect((res.data as any).results).toHaveLength(1);
    expect((res.data as any).errors[0]).toMatchObject({ category: 'CONFLICT' });
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
