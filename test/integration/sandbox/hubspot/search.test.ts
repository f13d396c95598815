import type { Client } from '@hubspot/api-client';
import type { RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { failure, startWithInstall } from './helpers';

type Filter = { propertyName: string; operator: string; value?: string; highValue?: string; values?: string[] };

describe('HubSpot emulator: CRM search', () => {
  let emulator: RunningHubSpotEmulator;
  let client: Client;
  let accessToken: string;

  // Many searches run back to back here; the 5/s limit gets its own test below.
  beforeAll(async () => {
    ({ emulator, installed: { client, accessToken } } = await startWithInstall({ rateLimits: { searchPerSecond: 1000 } }));
    const deals: Array<Record<string, string>> = [
      { dealname: 'Alpha renewal', amount: '100', dealstage: 'closedwon', closedate: '2025-01-10T00:00:00Z' },
      { dealname: 'Beta expansion', amount: '250.5', dealstage: 'contractsent', closedate: '2025-02-10T00:00:00Z' },
      { dealname: 'Gamma new logo', amount: '1000', dealstage: 'closedwon', closedate: '2025-03-10T00:00:00Z' },
      { dealname: 'Delta pilot', dealstage: 'qualifiedtobuy' },
    ];
    await client.crm.deals.batchApi.create({ inputs: deals.map((properties) => ({ properties, associations: [] })) });
  });
  afterAll(() => emulator.close());

  const names = async (filters: Filter[], extra: Record<string, unknown> = {}) => {
    const res = await client.crm.deals.searchApi.doSearch({
      filterGroups: [{ filters: filters as any }],
      properties: ['dealname'],
      sorts: ['dealname'],
      limit: 100,
      ...extra,
    });
    return res.results.map((r) => r.properties.dealname);
  };

  it.each<[string, Filter[], string[]]>([
    ['EQ is case-insensitive on text', [{ propertyName: 'dealname', operator: 'EQ', value: 'alpha RENEWAL' }], ['Alpha renewal']],
    ['NEQ', [{ propertyName: 'dealstage', operator: 'NEQ', value: 'closedwon' }], ['Beta expansion', 'Delta pilot']],
    ['LT compares numbers', [{ propertyName: 'amount', operator: 'LT', value: '250.5' }], ['Alpha renewal']],
    ['LTE', [{ propertyName: 'amount', operator: 'LTE', value: '250.5' }], ['Alpha renewal', 'Beta expansion']],
    ['GT', [{ propertyName: 'amount', operator: 'GT', value: '250.5' }], ['Gamma new logo']],
    ['GTE', [{ propertyName: 'amount', operator: 'GTE', value: '250.5' }], ['Beta expansion', 'Gamma new logo']],
    [
      'BETWEEN on dates given in ms',
      [{ propertyName: 'closedate', operator: 'BETWEEN', value: String(Date.parse('2025-02-01')), highValue: String(Date.parse('2025-04-01')) }],
      ['Beta expansion', 'Gamma new logo'],
    ],
    ['IN', [{ propertyName: 'dealstage', operator: 'IN', values: ['contractsent', 'qualifiedtobuy'] }], ['Beta expansion', 'Delta pilot']],
    ['NOT_IN', [{ propertyName: 'dealstage', operator: 'NOT_IN', values: ['closedwon'] }], ['Beta expansion', 'Delta pilot']],
    ['HAS_PROPERTY', [{ propertyName: 'amount', operator: 'HAS_PROPERTY' }], ['Alpha renewal', 'Beta expansion', 'Gamma new logo']],
    ['NOT_HAS_PROPERTY', [{ propertyName: 'amount', operator: 'NOT_HAS_PROPERTY' }], ['Delta pilot']],
    ['CONTAINS_TOKEN', [{ propertyName: 'dealname', operator: 'CONTAINS_TOKEN', value: 'new' }], ['Gamma new logo']],
    ['CONTAINS_TOKEN with a wildcard', [{ propertyName: 'dealname', operator: 'CONTAINS_TOKEN', value: 'exp*' }], ['Beta expansion']],
    [
      'NOT_CONTAINS_TOKEN',
      [{ propertyName: 'dealname', operator: 'NOT_CONTAINS_TOKEN', value: 'renewal' }],
      ['Beta expansion', 'Delta pilot', 'Gamma new logo'],
    ],
    [
      'filters in a group are ANDed',
      [
        { propertyName: 'dealstage', operator: 'EQ', value: 'closedwon' },
        { propertyName: 'amount', operator: 'GT', value: '500' },
      ],
      ['Gamma new logo'],
    ],
  ])('%s', async (_label, filters, expected) => {
    expect(await names(filters)).toEqual(expected);
  });

  it('ORs filter groups and sorts descending', async () => {
    const res = await client.crm.deals.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'dealstage', operator: 'EQ' as any, value: 'qualifiedtobuy' }] },
        { filters: [{ propertyName: 'amount', operator: 'GTE' as any, value: '1000' }] },
      ],
      sorts: ['-dealname'],
      properties: ['dealname'],
      limit: 10,
    });
    expect(res.total).toBe(2);
    expect(res.results.map((r) => r.properties.dealname)).toEqual(['Gamma new logo', 'Delta pilot']);
  });

  it('sorts numbers by value, keeping records without a value last in either direction', async () => {
    const sorted = async (sort: string) =>
      (await client.crm.deals.searchApi.doSearch({ filterGroups: [], sorts: [sort], properties: ['dealname'], limit: 10 })).results.map(
        (r) => r.properties.dealname,
      );
    expect(await sorted('amount')).toEqual(['Alpha renewal', 'Beta expansion', 'Gamma new logo', 'Delta pilot']);
    expect(await sorted('-amount')).toEqual(['Gamma new logo', 'Beta expansion', 'Alpha renewal', 'Delta pilot']);
  });

  it('pages with after and reports the total', async () => {
    const page1 = await client.crm.deals.searchApi.doSearch({ filterGroups: [], sorts: ['dealname'], properties: ['dealname'], limit: 3 });
    expect(page1.total).toBe(4);
    expect(page1.results).toHaveLength(3);
    expect(page1.paging?.next?.after).toBe('3');
    const page2 = await client.crm.deals.searchApi.doSearch({
      filterGroups: [],
      sorts: ['dealname'],
      properties: ['dealname'],
      limit: 3,
      after: page1.paging!.next!.after,
    });
    expect(page2.results.map((r) => r.properties.dealname)).toEqual(['Gamma new logo']);
    expect(page2.paging).toBeUndefined();
  });

  it('defaults to 10 results and refuses more than 200 per page', async () => {
    await client.crm.companies.batchApi.create({
      inputs: Array.from({ length: 12 }, (_, i) => ({ properties: { name: `Co ${i}` }, associations: [] })),
    });
    const res = await fetch(`${emulator.url}/crm/v3/objects/companies/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filterGroups: [] }),
    });
    const body = await res.json();
    expect(body.results).toHaveLength(10);
    expect(body.total).toBe(12);
    const tooMany = await failure(client.crm.companies.searchApi.doSearch({ filterGroups: [], limit: 201 }));
    expect(tooMany.code).toBe(400);
  });

  it('refuses to page past 10,000 results', async () => {
    const res = await failure(client.crm.deals.searchApi.doSearch({ filterGroups: [], limit: 100, after: '9950' }));
    expect(res.code).toBe(400);
    expect(res.body.category).toBe('VALIDATION_ERROR');
    await expect(client.crm.deals.searchApi.doSearch({ filterGroups: [], limit: 50, after: '9950' })).resolves.toMatchObject({ total: 4 });
  });

  it('limits filter groups to 5 and filters per group to 6', async () => {
    const filter = { propertyName: 'amount', operator: 'HAS_PROPERTY' as any };
    const groups = await failure(
      client.crm.deals.searchApi.doSearch({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [filter] })) }),
    );
    expect(groups.code).toBe(400);
    const filters = await failure(client.crm.deals.searchApi.doSearch({ filterGroups: [{ filters: Array(7).fill(filter) }] }));
    expect(filters.code).toBe(400);
  });

  it('allows 5 searches per second per portal, without rate-limit headers', async () => {
    emulator.configureRateLimits({ searchPerSecond: 5 });
    // Let the searches of the other tests leave the one-second window.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    try {
      const answers = [];
      for (let i = 0; i < 6; i++) {
        answers.push(
          await fetch(`${emulator.url}/crm/v3/objects/deals/search`, {
            method: 'POST',
            headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
            body: '{}',
          }),
        );
      }
      expect(answers.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(answers[0]!.headers.get('x-hubspot-ratelimit-max')).toBeNull();
      expect(answers[5]!.status).toBe(429);
      expect(await answers[5]!.json()).toMatchObject({
        status: 'error',
        errorType: 'RATE_LIMIT',
        message: 'You have reached your secondly limit.',
      });
    } finally {
      emulator.configureRateLimits({ searchPerSecond: 1000 });
    }
  });
});

