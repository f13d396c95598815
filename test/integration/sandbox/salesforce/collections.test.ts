import { errorCodeOf, install, rest, type Installed } from './harness';

describe('Salesforce emulator: sObject Collections', () => {
  let s: Installed;

  beforeAll(async () => {
    s = await install();
    s.sf.defineObject(s.org.id, { name: 'Account', fields: [{ name: 'Trellis_Id__c', type: 'string', externalId: true, required: false }] });
  });
  afterAll(() => s.sf.close());

  it('creates mixed types in one call and reports one SaveResult per record', async () => {
    const results = await s.conn.create('Account', [{ Name: 'A1' }, { Name: 'A2' }]);
    expect(results).toEqual([
      { id: expect.stringMatching(/^001/), success: true, errors: [] },
      { id: expect.stringMatching(/^001/), success: true, errors: [] },
    ]);
    const mixed = await rest(s, 'POST', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, Name: 'Mixed account' },
        { attributes: { type: 'Contact' }, LastName: 'Johnson', FirstName: 'Erica' },
        { attributes: { type: 'Contact' }, FirstName: 'No last name' },
      ],
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body).toEqual([
      { id: expect.stringMatching(/^001/), success: true, errors: [] },
      { id: expect.stringMatching(/^003/), success: true, errors: [] },
      { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }] },
    ]);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `Bulk ${i}` }));
    expect(await rest(s, 'POST', '/composite/sobjects', { records })).toMatchObject({
      status: 400,
      body: [{ errorCode: 'EXCEEDED_ID_LIMIT', message: 'record limit reached. cannot submit more than 200 records into this call' }],
    });
    expect((await s.conn.query("SELECT COUNT() FROM Account WHERE Name LIKE 'Bulk %'")).totalSize).toBe(0);
    // jsforce splits larger arrays itself when asked to.
    const split = await s.conn.create('Account', records.map(({ Name }) => ({ Name })), { allowRecursive: true });
    expect(split).toHaveLength(201);
  });

  it('rolls everything back under allOrNone when one record fails', async () => {
    const before = (await s.conn.query('SELECT COUNT() FROM Account')).totalSize;
    const results = await s.conn.create('Account', [{ Name: 'Kept?' }, { Website: 'no name' }, { Name: 'Kept too?' }], { allOrNone: true });
    expect(results).toEqual([
      { success: false, errors: [expect.objectContaining({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' })] },
      { success: false, errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING' })] },
      { success: false, errors: [expect.objectContaining({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' })] },
    ]);
    expect((await s.conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(before);
  });

  it('updates by id, reporting missing and malformed ids per record', async () => {
    const [a, b] = (await s.conn.create('Account', [{ Name: 'U1' }, { Name: 'U2' }])) as Array<{ id: string }>;
    const results = await rest(s, 'PATCH', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, id: a!.id, Phone: '555-0100' },
        { attributes: { type: 'Account' }, id: '001000000000000AAA', Phone: '1' },
        { attributes: { type: 'Account' }, Phone: '2' },
        { attributes: { type: 'Account' }, id: b!.id, Name: null },
      ],
    });
    expect(results.body).toEqual([
      { id: a!.id, success: true, errors: [] },
      { id: '001000000000000AAA', success: false, errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }] },
      { success: false, errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }] },
      { id: b!.id, success: false, errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] })] },
    ]);
    expect(await s.conn.sobject('Account').retrieve(a!.id)).toMatchObject({ Phone: '555-0100' });
  });

  it('upserts by external id idempotently', async () => {
    const batch = [
      { Trellis_Id__c: 'ext-1', Name: 'Ext one' },
      { Trellis_Id__c: 'ext-2', Name: 'Ext two' },
    ];
    const first = await s.conn.upsert('Account', batch, 'Trellis_Id__c');
    expect(first).toEqual([
      { id: expect.any(String), success: true, errors: [], created: true },
      { id: expect.any(String), success: true, errors: [], created: true },
    ]);
    const second = await s.conn.upsert('Account', batch, 'Trellis_Id__c');
    expect(second).toEqual((first as Array<{ id: string }>).map((r) => ({ id: r.id, success: true, errors: [], created: false })));
    expect((await s.conn.query("SELECT COUNT() FROM Account WHERE Trellis_Id__c IN ('ext-1', 'ext-2')")).totalSize).toBe(2);
    expect(await rest(s, 'PATCH', '/composite/sobjects/Account/Name', { records: [] })).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_FIELD' }] });
  });

  it('retrieves by ids with chosen fields, null for records that are not there', async () => {
    const [a] = (await s.conn.create('Account', [{ Name: 'R1', Phone: '1' }])) as Array<{ id: string }>;
    const res = await rest(s, 'GET', `/composite/sobjects/Account?ids=${a!.id},001000000000000AAA&fields=Name,Phone`);
    expect(res.body).toEqual([{ attributes: expect.objectContaining({ type: 'Account' }), Name: 'R1', Phone: '1', Id: a!.id }, null]);
    const viaJsforce = await s.conn.sobject('Account').retrieve([a!.id], { fields: ['Name'] });
    expect(viaJsforce[0]).toMatchObject({ Name: 'R1' });
  });

  it('deletes by ids, honouring allOrNone', async () => {
    const created = (await s.conn.create('Account', [{ Name: 'D1' }, { Name: 'D2' }])) as Array<{ id: string }>;
    const ids = created.map((r) => r.id);
    const rolledBack = await rest(s, 'DELETE', `/composite/sobjects?ids=${ids[0]},001000000000000AAA&allOrNone=true`);
    expect(rolledBack.body).toEqual([
      { id: ids[0], success: false, errors: [expect.objectContaining({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' })] },
      { id: '001000000000000AAA', success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_CROSS_REFERENCE_KEY' })] },
    ]);
    expect(await s.conn.destroy('Account', ids)).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
    expect((await s.conn.query(`SELECT COUNT() FROM Account WHERE Id = '${ids[0]}'`)).totalSize).toBe(0);
    expect(await errorCodeOf(s.conn.sobject('Account').retrieve(ids[0]!))).toBe('ENTITY_IS_DELETED');
  });

  it('fails the whole request on an unknown field or missing type', async () => {
    expect(await rest(s, 'POST', '/composite/sobjects', { records: [{ attributes: { type: 'Account' }, Name: 'ok' }, { attributes: { type: 'Account' }, Nope: 1 }] })).toMatchObject({
      status: 400,
      body: [{ errorCode: 'INVALID_FIELD' }],
    });
    expect((await s.conn.query("SELECT COUNT() FROM Account WHERE Name = 'ok'")).totalSize).toBe(0);
    expect(await rest(s, 'POST', '/composite/sobjects', { records: [{ Name: 'untyped' }] })).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_TYPE' }] });
    expect(await rest(s, 'POST', '/composite/sobjects', { records: 'nope' })).toMatchObject({ status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR' }] });
  });
});
