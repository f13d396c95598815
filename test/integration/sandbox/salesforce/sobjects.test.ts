import jsforce from 'jsforce';
import { errorCodeOf, install, rest, type Installed } from './harness';

describe('Salesforce emulator: REST sObjects, describe and custom objects', () => {
  let s: Installed;

  beforeAll(async () => {
    s = await install();
    // What installing the Trellis package metadata does, over the admin API.
    const res = await fetch(`${s.sf.url}/_admin/orgs/${s.org.id}/objects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Partner__c',
        label: 'Partner',
        fields: [
          { name: 'Trellis_Id__c', type: 'string', externalId: true, length: 36 },
          { name: 'Tier__c', type: 'picklist', picklistValues: ['Gold', 'Silver'], restrictedPicklist: true },
          { name: 'Account__c', type: 'reference', referenceTo: 'Account' },
          { name: 'Active__c', type: 'boolean' },
          { name: 'Revenue__c', type: 'currency' },
          { name: 'Joined__c', type: 'date', required: true },
        ],
      }),
    });
    expect(res.status).toBe(201);
    s.sf.defineObject(s.org.id, { name: 'Account', fields: [{ name: 'Trellis_Id__c', type: 'string', externalId: true, required: false }] });
  });
  afterAll(() => s.sf.close());

  it('lists API versions and the org’s objects', async () => {
    const versions = (await fetch(`${s.sf.url}/services/data`).then((r) => r.json())) as Array<{ version: string; label: string }>;
    expect(versions).toContainEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
    const global = await s.conn.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).toEqual(expect.arrayContaining(['Account', 'Contact', 'Opportunity', 'User', 'Partner__c']));
    expect(global.sobjects.find((o) => o.name === 'Partner__c')).toMatchObject({ custom: true, keyPrefix: expect.stringMatching(/^a0\w$/) });
  });

  it('describes custom objects, their lookups and the child relationship they add', async () => {
    const partner = await s.conn.describe('Partner__c');
    const byName = Object.fromEntries(partner.fields.map((f) => [f.name, f]));
    expect(byName.Trellis_Id__c).toMatchObject({ type: 'string', custom: true, externalId: true, unique: true, idLookup: true, length: 36 });
    expect(byName.Account__c).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account__r', nillable: true });
    expect(byName.Joined__c).toMatchObject({ type: 'date', nillable: false, createable: true });
    expect(byName.Id).toMatchObject({ type: 'id', createable: false, updateable: false });
    expect(byName.Tier__c!.picklistValues!.map((p) => p.value)).toEqual(['Gold', 'Silver']);
    const account = await s.conn.describe('Account');
    expect(account.childRelationships).toContainEqual(expect.objectContaining({ childSObject: 'Partner__c', field: 'Account__c', relationshipName: 'Partners__r' }));
    expect(account.fields.find((f) => f.name === 'Trellis_Id__c')).toMatchObject({ custom: true, externalId: true });
  });

  it('creates, retrieves, updates and deletes with system fields and attributes', async () => {
    const created = await s.conn.sobject('Account').create({ Name: 'Acme', Industry: 'Technology', NumberOfEmployees: 50 });
    expect(created).toEqual({ id: expect.stringMatching(/^001\w{15}$/), success: true, errors: [] });
    const record = (await s.conn.sobject('Account').retrieve(created.id!)) as Record<string, unknown>;
    expect(record).toMatchObject({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${created.id}` },
      Id: created.id,
      Name: 'Acme',
      IsDeleted: false,
      OwnerId: expect.stringMatching(/^005/),
      CreatedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/),
      Website: null,
    });
    const narrow = await rest(s, 'GET', `/sobjects/Account/${created.id}?fields=Name`);
    expect(narrow.body).toEqual({ attributes: expect.any(Object), Name: 'Acme', Id: created.id });

    const update = await rest(s, 'PATCH', `/sobjects/Account/${created.id}`, { Website: 'https://acme.example' });
    expect(update.status).toBe(204);
    const after = (await s.conn.sobject('Account').retrieve(created.id!)) as Record<string, unknown>;
    expect(after.Website).toBe('https://acme.example');
    expect(Date.parse(String(after.SystemModstamp).replace('+0000', 'Z'))).toBeGreaterThanOrEqual(Date.parse(String(record.SystemModstamp).replace('+0000', 'Z')));

    expect((await rest(s, 'DELETE', `/sobjects/Account/${created.id}`)).status).toBe(204);
    expect(await rest(s, 'GET', `/sobjects/Account/${created.id}`)).toMatchObject({ status: 404, body: [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }] });
  });

  it('derives Opportunity IsClosed, IsWon and Probability from the stage', async () => {
    const { id } = await s.conn.sobject('Opportunity').create({ Name: 'Big deal', StageName: 'Prospecting', CloseDate: '2025-06-30', Amount: 12000.5 });
    expect(await s.conn.sobject('Opportunity').retrieve(id!)).toMatchObject({ IsClosed: false, IsWon: false, Probability: 10, Amount: 12000.5 });
    await s.conn.sobject('Opportunity').update({ Id: id!, StageName: 'Closed Won' });
    expect(await s.conn.sobject('Opportunity').retrieve(id!)).toMatchObject({ IsClosed: true, IsWon: true, Probability: 100 });
  });

  it('rejects bad records with Salesforce’s error bodies', async () => {
    expect(await rest(s, 'POST', '/sobjects/Opportunity', { Name: 'No stage' })).toEqual({
      status: 400,
      headers: expect.anything(),
      body: [{ message: 'Required fields are missing: [StageName, CloseDate]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['StageName', 'CloseDate'] }],
    });
    expect((await rest(s, 'POST', '/sobjects/Account', { Name: 'x', Bogus__c: 1 })).body).toEqual([{ message: "No such column 'Bogus__c' on sobject of type Account", errorCode: 'INVALID_FIELD' }]);
    expect((await rest(s, 'POST', '/sobjects/Account', { Name: 'x', NumberOfEmployees: 'many' })).body).toEqual([
      expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR', message: expect.stringContaining('Cannot deserialize instance of int from VALUE_STRING value many') }),
    ]);
    expect((await rest(s, 'POST', '/sobjects/Account', { Name: 'x', NumberOfEmployees: true })).body).toEqual([
      { errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', message: 'Employees: value not of required type: true', fields: ['NumberOfEmployees'] },
    ]);
    expect((await rest(s, 'POST', '/sobjects/Account', '{"Name": ')).body).toEqual([expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR' })]);
    expect((await rest(s, 'POST', '/sobjects/Partner__c', { Name: 'P', Joined__c: '2025-01-01', Tier__c: 'Platinum' })).body).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Tier__c'] }),
    ]);
    expect((await rest(s, 'POST', '/sobjects/Account', { Name: 'x', IsDeleted: true })).body).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['IsDeleted'] })]);
    expect((await rest(s, 'POST', '/sobjects/Contact', { LastName: 'x', AccountId: '006000000000000' })).body).toEqual([expect.objectContaining({ errorCode: 'MALFORMED_ID', fields: ['AccountId'] })]);
  });

  it('answers bad ids and unknown objects like the REST API', async () => {
    expect(await rest(s, 'GET', '/sobjects/Account/0065g00000ZZZZZ')).toMatchObject({ status: 400, body: [{ errorCode: 'MALFORMED_ID' }] });
    expect(await rest(s, 'GET', '/sobjects/Account/0015g00000ZZZZZ')).toMatchObject({ status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] });
    expect(await rest(s, 'GET', '/sobjects/Account/not-an-id')).toMatchObject({ status: 404, body: [{ errorCode: 'NOT_FOUND' }] });
    expect(await rest(s, 'GET', '/sobjects/Nope__c/describe')).toMatchObject({ status: 404, body: [{ errorCode: 'NOT_FOUND' }] });
    expect(await errorCodeOf(s.conn.sobject('Account').retrieve('0015g00000ZZZZZ'))).toBe('NOT_FOUND');
  });

  it('upserts by external id: 201 created, then 200 with created:false (v46+) or 204 (older versions)', async () => {
    const first = await rest(s, 'PATCH', '/sobjects/Partner__c/Trellis_Id__c/p-1', { Name: 'Partner One', Joined__c: '2025-01-01' });
    expect(first).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^a0/), success: true, errors: [], created: true } });
    const again = await rest(s, 'PATCH', '/sobjects/Partner__c/Trellis_Id__c/p-1', { Name: 'Partner One (renamed)' });
    expect(again).toMatchObject({ status: 200, body: { id: (first.body as { id: string }).id, created: false } });
    const old = await fetch(`${s.sf.url}/services/data/v45.0/sobjects/Partner__c/Trellis_Id__c/P-1`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${s.conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Tier__c: 'Gold' }),
    });
    expect(old.status).toBe(204);
    const viaJsforce = await s.conn.sobject('Partner__c').upsert({ Trellis_Id__c: 'p-1', Active__c: true }, 'Trellis_Id__c');
    expect(viaJsforce).toMatchObject({ success: true, created: false });
    const byExternalId = (await rest(s, 'GET', '/sobjects/Partner__c/Trellis_Id__c/p-1')).body as Record<string, unknown>;
    expect(byExternalId).toMatchObject({ Name: 'Partner One (renamed)', Tier__c: 'Gold', Active__c: true, Trellis_Id__c: 'p-1' });
    expect((await s.conn.query("SELECT Id FROM Partner__c WHERE Trellis_Id__c = 'p-1'")).totalSize).toBe(1);
    expect(await rest(s, 'PATCH', '/sobjects/Partner__c/Name/x', { Joined__c: '2025-01-01' })).toMatchObject({ status: 404, body: [{ errorCode: 'NOT_FOUND' }] });
  });

  it('keeps external ids unique', async () => {
    await s.conn.sobject('Account').create({ Name: 'One', Trellis_Id__c: 'dup-1' });
    const res = await rest(s, 'POST', '/sobjects/Account', { Name: 'Two', Trellis_Id__c: 'DUP-1' });
    expect(res).toMatchObject({ status: 400, body: [{ errorCode: 'DUPLICATE_VALUE', fields: ['Trellis_Id__c'], message: expect.stringContaining('duplicate value found: Trellis_Id__c duplicates value on record with id: 001') }] });
  });

  it('resolves custom lookups through __r in queries', async () => {
    const account = await s.conn.sobject('Account').create({ Name: 'Lookup target' });
    await s.conn.sobject('Partner__c').create({ Name: 'Linked', Joined__c: '2025-02-01', Account__c: account.id });
    const result = await s.conn.query<{ Name: string; Account__r: { Name: string } }>("SELECT Name, Account__r.Name FROM Partner__c WHERE Name = 'Linked'");
    expect(result.records[0]).toMatchObject({ Name: 'Linked', Account__r: { attributes: { type: 'Account' }, Name: 'Lookup target' } });
  });

  it('serves jsforce connections pinned to other versions', async () => {
    const conn = new jsforce.Connection({ instanceUrl: s.sf.url, accessToken: s.conn.accessToken!, version: '50.0' });
    expect((await conn.sobject('Account').create({ Name: 'v50' })).success).toBe(true);
    expect((await fetch(`${s.sf.url}/services/data/v12.0/sobjects`, { headers: { authorization: `Bearer ${s.conn.accessToken}` } })).status).toBe(404);
  });
});
