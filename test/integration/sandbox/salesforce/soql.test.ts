import { SfDate } from 'jsforce';
import { errorCodeOf, install, rest, type Installed } from './harness';

const names = (records: Array<Record<string, unknown>>) => records.map((r) => r.Name);

describe('Salesforce emulator: SOQL over /query', () => {
  let clock = Date.parse('2025-01-01T09:00:00Z');
  let s: Installed;

  beforeAll(async () => {
    s = await install({ now: () => clock });
    const createAt = async (iso: string, type: string, record: Record<string, unknown>) => {
      clock = Date.parse(iso);
      return (await s.conn.sobject(type).create(record)).id;
    };
    const old = await createAt('2025-01-01T09:00:00Z', 'Account', { Name: 'Old Co', Industry: 'Banking' });
    await createAt('2025-03-14T10:00:00Z', 'Account', { Name: 'Yesterday Inc', Industry: 'Retail' });
    const today = await createAt('2025-03-15T08:00:00Z', 'Account', { Name: 'Today Ltd' });
    clock = Date.parse('2025-03-15T12:00:00Z');
    await s.conn.create('Opportunity', [
      { Name: 'Closing today', StageName: 'Negotiation/Review', CloseDate: '2025-03-15', Amount: 5000, AccountId: today },
      { Name: 'Closed yesterday', StageName: 'Closed Won', CloseDate: '2025-03-14', Amount: 250, AccountId: old },
      { Name: 'Next month', StageName: 'Prospecting', CloseDate: '2025-04-20' },
      { Name: 'Lost', StageName: 'Closed Lost', CloseDate: '2025-02-01', Amount: 9000 },
    ]);
  });
  afterAll(() => s.sf.close());

  test.each([
    ['SELECT Name FROM Account WHERE CreatedDate = TODAY', ['Today Ltd']],
    ['SELECT Name FROM Account WHERE CreatedDate = YESTERDAY', ['Yesterday Inc']],
    ['SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:7 ORDER BY Name', ['Today Ltd', 'Yesterday Inc']],
    ['SELECT Name FROM Account WHERE CreatedDate < 2025-02-01T00:00:00Z', ['Old Co']],
    ['SELECT Name FROM Account WHERE SystemModstamp >= 2025-03-14T10:00:00Z ORDER BY SystemModstamp DESC', ['Today Ltd', 'Yesterday Inc']],
    ['SELECT Name FROM Account WHERE LastModifiedDate > 2025-03-14T10:00:00+01:00 ORDER BY Name', ['Today Ltd', 'Yesterday Inc']],
    ['select name from account where name = \'TODAY LTD\'', ['Today Ltd']],
    ["SELECT Name FROM Account WHERE Industry IN ('Banking', 'Retail') ORDER BY Name DESC", ['Yesterday Inc', 'Old Co']],
    ["SELECT Name FROM Account WHERE Industry NOT IN ('Banking') ORDER BY Name", ['Today Ltd', 'Yesterday Inc']],
    ['SELECT Name FROM Account WHERE Industry = null', ['Today Ltd']],
    ["SELECT Name FROM Account WHERE Industry != 'Retail' ORDER BY Name", ['Old Co', 'Today Ltd']],
    ['SELECT Name FROM Opportunity WHERE CloseDate > TODAY', ['Next month']],
    ['SELECT Name FROM Opportunity WHERE CloseDate = 2025-03-14', ['Closed yesterday']],
    ['SELECT Name FROM Opportunity WHERE CloseDate = NEXT_N_DAYS:40', ['Next month']],
    ['SELECT Name FROM Opportunity WHERE CloseDate = THIS_MONTH ORDER BY CloseDate', ['Closed yesterday', 'Closing today']],
    ["SELECT Name FROM Opportunity WHERE Amount >= 1000 AND StageName != 'Closed Lost'", ['Closing today']],
    ["SELECT Name FROM Opportunity WHERE (IsWon = true OR Amount = null) AND NOT Name LIKE 'next%'", ['Closed yesterday']],
    ["SELECT Name FROM Opportunity WHERE Name LIKE '%o_ing%'", ['Closing today']],
    ['SELECT Name FROM Opportunity ORDER BY Amount ASC NULLS LAST LIMIT 2 OFFSET 1', ['Closing today', 'Lost']],
    ['SELECT Name FROM Opportunity ORDER BY Amount DESC NULLS FIRST LIMIT 1', ['Next month']],
    ["SELECT Name FROM Opportunity WHERE Account.Name = 'Today Ltd'", ['Closing today']],
    ["SELECT Name FROM Opportunity WHERE Account.Industry = 'Banking' AND IsClosed = true", ['Closed yesterday']],
  ])('%s', async (soql, expected) => {
    expect(names((await s.conn.query(soql)).records)).toEqual(expected);
  });

  it('returns relationship fields as nested records and COUNT() as totalSize', async () => {
    const result = await s.conn.query("SELECT Name, Account.Name, Account.Owner.Username FROM Opportunity WHERE CloseDate <= TODAY ORDER BY Name");
    expect(result.records.map((r) => (r as { Account: unknown }).Account)).toEqual([
      { attributes: expect.objectContaining({ type: 'Account' }), Name: 'Old Co', Owner: { attributes: expect.objectContaining({ type: 'User' }), Username: 'admin@acme.example.com' } },
      { attributes: expect.objectContaining({ type: 'Account' }), Name: 'Today Ltd', Owner: expect.anything() },
      null,
    ]);
    expect(await s.conn.query('SELECT COUNT() FROM Opportunity WHERE IsClosed = false')).toEqual({ totalSize: 2, done: true, records: [] });
  });

  it('serves jsforce’s query builder: find, sort, limit, count', async () => {
    const found = await s.conn
      .sobject('Opportunity')
      .find({ Amount: { $gte: 100 }, CloseDate: { $lte: SfDate.TODAY } }, ['Name', 'Amount'])
      .sort('-Amount')
      .limit(2);
    expect(names(found)).toEqual(['Lost', 'Closing today']);
    expect(await s.conn.sobject('Account').count({ Name: { $like: '%Inc' } })).toBe(1);
    const everything = await s.conn.sobject('Account').find({ Name: 'Old Co' }, '*');
    expect(everything[0]).toMatchObject({ Name: 'Old Co', IsDeleted: false, OwnerId: expect.any(String) });
  });

  it('reports bad SOQL as Salesforce does', async () => {
    const failure = async (soql: string) => {
      try {
        await s.conn.query(soql);
      } catch (err) {
        return { errorCode: (err as { errorCode: string }).errorCode, message: (err as Error).message };
      }
      throw new Error('query should fail');
    };
    expect(await failure('SELECT Nope FROM Account')).toEqual({
      errorCode: 'INVALID_FIELD',
      message: "\nSELECT Nope FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nope' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    });
    expect(await failure('SELECT Name FROM Nope__c')).toMatchObject({ errorCode: 'INVALID_TYPE', message: expect.stringContaining("sObject type 'Nope__c' is not supported") });
    expect(await failure('SELECT Name FROM Account WHERE')).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining('unexpected token: <EOF>') });
    expect(await failure("SELECT Name FROM Account WHERE Name = 'a' AND Phone = '1' OR Phone = '2'")).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining("unexpected token: 'OR'") });
    expect(await failure('SELECT Name FROM Account GROUP BY Name')).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(await failure('SELECT Name FROM Account WHERE CreatedDate > 2025-01-01')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"),
    });
    expect(await failure("SELECT Name FROM Account WHERE Id = 'xyz'")).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR' });
    expect(await failure('SELECT Name FROM Opportunity WHERE Amount > \'5\'')).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await errorCodeOf(s.conn.queryMore('/services/data/v62.0/query/01gXXXXXXXXXXXXXXX-2000'))).toBe('INVALID_QUERY_LOCATOR');
  });

  describe('paging', () => {
    beforeAll(async () => {
      const contacts = Array.from({ length: 2500 }, (_, i) => ({ LastName: `Contact ${String(i).padStart(4, '0')}` }));
      await s.conn.create('Contact', contacts, { allowRecursive: true });
    });

    it('pages 2,000 records at a time through nextRecordsUrl', async () => {
      const raw = await rest(s, 'GET', `/query?q=${encodeURIComponent('SELECT Id FROM Contact')}`);
      expect(raw.body).toMatchObject({ totalSize: 2500, done: false, nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v62\.0\/query\/01g\w{15}-2000$/) });
      const first = await s.conn.query('SELECT Id, Name FROM Contact ORDER BY LastName');
      expect(first).toMatchObject({ totalSize: 2500, done: false });
      expect(first.records).toHaveLength(2000);
      const second = await s.conn.queryMore(first.nextRecordsUrl!);
      expect(second).toMatchObject({ totalSize: 2500, done: true });
      expect(second.records).toHaveLength(500);
      expect(second.records[0]).toMatchObject({ Name: 'Contact 2000' });
    });

    it('lets autoFetch gather every page, and honours a smaller batchSize', async () => {
      const all = await s.conn.query('SELECT Id FROM Contact').autoFetch(true).maxFetch(10_000);
      expect(all.records).toHaveLength(2500);
      expect(new Set(all.records.map((r) => r.Id)).size).toBe(2500);
      const small = await s.conn.query('SELECT Id FROM Contact', { headers: { 'Sforce-Query-Options': 'batchSize=500' } });
      expect(small.records).toHaveLength(500);
    });

    it('includes deleted records only in queryAll', async () => {
      const [victim] = (await s.conn.query("SELECT Id FROM Contact WHERE LastName = 'Contact 0000'")).records;
      await s.conn.sobject('Contact').destroy(victim!.Id!);
      expect((await s.conn.query("SELECT COUNT() FROM Contact WHERE LastName = 'Contact 0000'")).totalSize).toBe(0);
      const withDeleted = await s.conn.query("SELECT Id, IsDeleted FROM Contact WHERE LastName = 'Contact 0000'", { scanAll: true });
      expect(withDeleted.records).toEqual([expect.objectContaining({ Id: victim!.Id, IsDeleted: true })]);
    });
  });
});
