import { readPackage, TRELLIS_PACKAGE_PROJECT } from '../../../../sandbox/salesforce/packageMetadata';
import { errorCodeOf, install, type Installed } from './harness';

const TRELLIS = readPackage(TRELLIS_PACKAGE_PROJECT);

describe('Salesforce package metadata installed into an emulated org', () => {
  let s: Installed;
  beforeAll(async () => {
    s = await install();
    s.sf.installPackage(s.org.id, TRELLIS);
  });
  afterAll(() => s.sf.close());

  it('installs under the namespace the package project names', () => {
    expect(TRELLIS.namespace).toBe('trellisprm');
  });

  it('adds the partner fields to Account, prefixed, as the package declares them', async () => {
    const describe = await s.conn.sobject('Account').describe();
    const field = (name: string) => describe.fields.find((f) => f.name === name);
    expect(field('trellisprm__Trellis_Partner_Id__c')).toMatchObject({ type: 'string', externalId: true, unique: true });
    expect(field('trellisprm__Trellis_Partner_Tier__c')?.picklistValues?.map((p) => p.value)).toEqual(['registered', 'silver', 'gold', 'platinum']);
    await expect(s.conn.sobject('Account').create({ Name: 'X', trellisprm__Trellis_Partner_Tier__c: 'diamond' })).rejects.toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    });
  });

  it('creates the deal-registration object with its lookups, usable through SOQL by the prefixed names', async () => {
    const describe = await s.conn.sobject('trellisprm__Trellis_Deal_Registration__c').describe();
    expect(describe.label).toBe('Deal Registration');
    expect(describe.fields.find((f) => f.name === 'trellisprm__Account__c')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'trellisprm__Account__r' });
    const account = await s.conn.sobject('Account').create({ Name: 'Globex', trellisprm__Trellis_Partner_Id__c: 'p-1' });
    const registrations = s.conn.sobject('trellisprm__Trellis_Deal_Registration__c');
    // The name is the package's auto-number: Salesforce numbers each registration and refuses a written name.
    await expect(registrations.create({ Name: 'REG-1', trellisprm__Account__c: account.id })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    await registrations.create({ trellisprm__Account__c: account.id, trellisprm__Trellis_Status__c: 'pending' });
    await registrations.create({ trellisprm__Account__c: account.id, trellisprm__Trellis_Status__c: 'approved' });
    const found = await s.conn.query<{ Name: string; trellisprm__Account__r: { Name: string } }>(
      'SELECT Name, trellisprm__Account__r.Name FROM trellisprm__Trellis_Deal_Registration__c ORDER BY Name',
    );
    expect(found.records.map((r) => [r.Name, r.trellisprm__Account__r.Name])).toEqual([['REG-00001', 'Globex'], ['REG-00002', 'Globex']]);
  });

  // S1 [sf-ns]: outside the package only the prefixed names resolve; the bare ones are unknown, with Salesforce's texts.
  describe('S1: in the subscriber org the bare names are unknown', () => {
    it('refuses the bare object in SOQL, REST and sObject Collections', async () => {
      await expect(s.conn.query('SELECT Id FROM Trellis_Deal_Registration__c')).rejects.toMatchObject({
        errorCode: 'INVALID_TYPE',
        message: expect.stringContaining("sObject type 'Trellis_Deal_Registration__c' is not supported."),
      });
      expect(await errorCodeOf(s.conn.sobject('Trellis_Deal_Registration__c').describe())).toBe('NOT_FOUND');
      const twoRecords = [{ trellisprm__Trellis_Status__c: 'pending' }, { trellisprm__Trellis_Status__c: 'approved' }];
      expect(await errorCodeOf(s.conn.sobject('Trellis_Deal_Registration__c').create(twoRecords, { allOrNone: false }))).toBe('INVALID_TYPE');
    });

    it('refuses a bare field on the prefixed object and on Account', async () => {
      await expect(s.conn.query('SELECT Trellis_Status__c FROM trellisprm__Trellis_Deal_Registration__c')).rejects.toMatchObject({
        errorCode: 'INVALID_FIELD',
        message: expect.stringContaining("No such column 'Trellis_Status__c' on entity 'trellisprm__Trellis_Deal_Registration__c'."),
      });
      await expect(s.conn.sobject('Account').create({ Name: 'Initech', Trellis_Partner_Id__c: 'p-2' })).rejects.toMatchObject({
        errorCode: 'INVALID_FIELD',
        message: expect.stringContaining("No such column 'Trellis_Partner_Id__c' on sobject of type Account"),
      });
    });

    it('lists the prefixed names in describe, never the bare ones', async () => {
      const global = await s.conn.describeGlobal();
      const names = global.sobjects.map((o) => o.name);
      expect(names).toContain('trellisprm__Trellis_Deal_Registration__c');
      expect(names).not.toContain('Trellis_Deal_Registration__c');
      const account = await s.conn.sobject('Account').describe();
      expect(account.fields.map((f) => f.name).filter((n) => n.includes('Trellis_'))).toEqual(expect.arrayContaining(['trellisprm__Trellis_Partner_Id__c']));
      expect(account.fields.some((f) => f.name === 'Trellis_Partner_Id__c')).toBe(false);
    });
  });

  it('installs an unmanaged package (no namespace) under the bare names, as a dev org shows them [sf-prefix]', async () => {
    const dev = s.sf.createOrg({ name: 'Trellis Dev', edition: 'Developer' });
    s.sf.installPackage(dev.id, { ...TRELLIS, namespace: '' });
    expect(Object.keys(s.sf.state.orgs[dev.id]!.objects)).toContain('Trellis_Deal_Registration__c');
    expect(s.sf.state.orgs[dev.id]!.objects.Account!.fields.map((f) => f.name)).toContain('Trellis_Partner_Id__c');
  });
});
