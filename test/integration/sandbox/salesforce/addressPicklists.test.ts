import { errorCodeOf, install, type Installed } from './harness';

/** S7 [sf-scp, sf-scp-api, sf-acct]: BillingCountryCode exists only with state and country/territory picklists on. */
describe('Salesforce emulator: state and country/territory picklists (S7)', () => {
  let off: Installed;
  let on: Installed;
  beforeAll(async () => {
    [off, on] = await Promise.all([install(), install({}, { name: 'Initech', stateCountryPicklists: true })]);
  });
  afterAll(() => Promise.all([off.sf.close(), on.sf.close()]));

  it('without the picklists, Account has no BillingCountryCode: describe, SOQL and writes say so', async () => {
    expect((await off.conn.sobject('Account').describe()).fields.map((f) => f.name)).not.toContain('BillingCountryCode');
    await expect(off.conn.query('SELECT BillingCountryCode FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'BillingCountryCode' on entity 'Account'."),
    });
    expect(await errorCodeOf(off.conn.sobject('Account').create({ Name: 'Acme', BillingCountryCode: 'US' }))).toBe('INVALID_FIELD');
    // The country is free text there.
    const { id } = await off.conn.sobject('Account').create({ Name: 'Acme', BillingCountry: 'Narnia' });
    expect((await off.conn.sobject('Account').retrieve(id!)).BillingCountry).toBe('Narnia');
  });

  it('with them, a code sets the country name and the name sets the code', async () => {
    const accounts = on.conn.sobject('Account');
    expect((await accounts.describe()).fields.find((f) => f.name === 'BillingCountryCode')).toMatchObject({ type: 'picklist' });
    await accounts.create({ Name: 'Globex', BillingCountryCode: 'DE' });
    await accounts.create({ Name: 'Umbrella', BillingCountry: 'France' });
    const rows = await on.conn.query<{ Name: string; BillingCountry: string; BillingCountryCode: string }>('SELECT Name, BillingCountry, BillingCountryCode FROM Account ORDER BY Name');
    expect(rows.records.map((r) => [r.Name, r.BillingCountryCode, r.BillingCountry])).toEqual([
      ['Globex', 'DE', 'Germany'],
      ['Umbrella', 'FR', 'France'],
    ]);
  });

  it('with them, refuses an unknown ISO code and a country outside the list', async () => {
    await expect(on.conn.sobject('Account').create({ Name: 'Bad', BillingCountryCode: 'XY' })).rejects.toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: expect.stringContaining('The BillingCountryCode field contains XY'),
    });
    await expect(on.conn.sobject('Account').create({ Name: 'Bad', BillingCountry: 'Narnia' })).rejects.toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: expect.stringContaining("There's a problem with this country, even though it may appear correct."),
    });
  });
});
