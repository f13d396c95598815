import { join } from 'node:path';
import { readPackageObjects } from '../../../../sandbox/salesforce/packageMetadata';
import { install, type Installed } from './harness';

const OBJECTS = join(__dirname, '../../../../app-manifest/salesforce/force-app/main/default/objects');

describe('Salesforce package metadata installed into an emulated org', () => {
  let s: Installed;
  beforeAll(async () => {
    s = await install();
    for (const definition of readPackageObjects(OBJECTS)) s.sf.defineObject(s.org.id, definition);
  });
  afterAll(() => s.sf.close());

  it('adds the partner fields to Account as the package declares them', async () => {
    const describe = await s.conn.sobject('Account').describe();
    const field = (name: string) => describe.fields.find((f) => f.name === name);
    expect(field('Trellis_Partner_Id__c')).toMatchObject({ type: 'string', externalId: true, unique: true });
    expect(field('Trellis_Partner_Tier__c')?.picklistValues?.map((p) => p.value)).toEqual(['registered', 'silver', 'gold', 'platinum']);
    await expect(s.conn.sobject('Account').create({ Name: 'X', Trellis_Partner_Tier__c: 'diamond' })).rejects.toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    });
  });

  it('creates the deal-registration object with its lookups, usable through SOQL', async () => {
    const describe = await s.conn.sobject('Trellis_Deal_Registration__c').describe();
    expect(describe.label).toBe('Deal Registration');
    expect(describe.fields.find((f) => f.name === 'Account__c')).toMatchObject({ type: 'reference', referenceTo: ['Account'] });
    const account = await s.conn.sobject('Account').create({ Name: 'Globex', Trellis_Partner_Id__c: 'p-1' });
    // The name is the package's auto-number: Salesforce numbers each registration and refuses a written name.
    await expect(s.conn.sobject('Trellis_Deal_Registration__c').create({ Name: 'REG-1', Account__c: account.id })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    await s.conn.sobject('Trellis_Deal_Registration__c').create({ Account__c: account.id, Trellis_Status__c: 'pending' });
    await s.conn.sobject('Trellis_Deal_Registration__c').create({ Account__c: account.id, Trellis_Status__c: 'approved' });
    const found = await s.conn.query<{ Name: string; Account__r: { Name: string } }>('SELECT Name, Account__r.Name FROM Trellis_Deal_Registration__c ORDER BY Name');
    expect(found.records.map((r) => [r.Name, r.Account__r.Name])).toEqual([['REG-00001', 'Globex'], ['REG-00002', 'Globex']]);
  });
});
