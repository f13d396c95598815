import { crmWebOf, hubspotRecordUrl, salesforceRecordUrl } from '../../../src/domain/crmRecordUrl';
import { crmCompanyRef, crmDealRef } from '../../../src/domain/crmDeal';

const hubspot = crmWebOf({ authorizeUrl: 'https://app-eu1.hubspot.com/oauth/authorize?client_id=x' });

describe('links to CRM records', () => {
  it('finds HubSpot’s app where its consent page is', () => {
    expect(hubspot).toEqual({ hubspotAppUrl: 'https://app-eu1.hubspot.com' });
  });

  it.each([
    ['contacts', '51', 'https://app-eu1.hubspot.com/contacts/123/record/0-1/51'],
    ['companies', '52', 'https://app-eu1.hubspot.com/contacts/123/record/0-2/52'],
    ['deals', '53', 'https://app-eu1.hubspot.com/contacts/123/record/0-3/53'],
    ['2-4567', '54', 'https://app-eu1.hubspot.com/contacts/123/record/2-4567/54'],
    ['deals', 'a/b c', 'https://app-eu1.hubspot.com/contacts/123/record/0-3/a%2Fb%20c'],
    ['tickets', '55', null],
    ['x2-4567', '56', null],
    ['2-4567x', '57', null],
  ])('a HubSpot %s record %s opens at %s', (object, id, expected) => {
    expect(hubspotRecordUrl(hubspot, '123', object, id)).toBe(expected);
  });

  it('escapes the HubSpot portal id', () => {
    expect(hubspotRecordUrl(hubspot, '1 2', 'deals', '9')).toBe('https://app-eu1.hubspot.com/contacts/1%202/record/0-3/9');
  });

  it.each([
    ['https://acme.my.salesforce.com', 'Opportunity', '006A', 'https://acme.my.salesforce.com/lightning/r/Opportunity/006A/view'],
    ['https://acme.my.salesforce.com/', 'Account', '001B', 'https://acme.my.salesforce.com/lightning/r/Account/001B/view'],
    ['https://acme.my.salesforce.com', 'Trellis Deal', 'a/1', 'https://acme.my.salesforce.com/lightning/r/Trellis%20Deal/a%2F1/view'],
  ])('a Salesforce record at %s (%s %s) opens at %s', (instanceUrl, object, id, expected) => {
    expect(salesforceRecordUrl(instanceUrl, object, id)).toBe(expected);
  });

  it('names deals and companies the way each CRM does', () => {
    expect(crmDealRef({ crm: 'hubspot', crmId: '123' })).toBe('hubspot:deal:123');
    expect(crmDealRef({ crm: 'salesforce', crmId: '006A' })).toBe('salesforce:Opportunity:006A');
    expect(crmCompanyRef('hubspot', '9')).toBe('hubspot:company:9');
    expect(crmCompanyRef('salesforce', '001B')).toBe('salesforce:Account:001B');
  });
});
