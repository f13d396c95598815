import type { Client } from '@hubspot/api-client';
import type { RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { DEFAULT_SEARCH_INDEX_LAG_MS } from '../../../../sandbox/hubspot/searchIndex';
import { failure, startWithInstall } from './helpers';

type Filter = { propertyName: string; operator: string; value?: string; highValue?: string; values?: string[] };

describe('HubSpot emulator: CRM search', () => {
  let emulator: RunningHubSpotEmulator;
  let client: Client;
  let accessToken: string;

  // Many searches run back to back here; the 5/s limit gets its own test below. These tests
  // search what they just wrote, so the index lag is off; it has its own tests below.
  beforeAll(async () => {
    ({ emulator, installed: { client, accessToken } } = await startWithInstall({
      rateLimits: { searchPerSecond: 1000 },
      searchIndexLagMs: 0,
    }));
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

  // [hs-search]: at most 5 filterGroups, 6 filters per group, 18 filters in all; VALIDATION_ERROR beyond.
  it('limits filter groups to 5, filters per group to 6 and filters in all to 18', async () => {
    const filter = { propertyName: 'amount', operator: 'HAS_PROPERTY' as any };
    const groupsOf = (groups: number, each: number) => Array.from({ length: groups }, () => ({ filters: Array(each).fill(filter) }));
    for (const filterGroups of [groupsOf(6, 1), groupsOf(1, 7), groupsOf(4, 5)]) {
      const refused = await failure(client.crm.deals.searchApi.doSearch({ filterGroups }));
      expect(refused.code).toBe(400);
      expect(refused.body.category).toBe('VALIDATION_ERROR');
    }
    await expect(client.crm.deals.searchApi.doSearch({ filterGroups: groupsOf(3, 6) })).resolves.toMatchObject({ total: 3 });
  });

  // [hs-search]: "Only one sorting rule can be applied to any search."
  it('refuses more than one sort', async () => {
    const refused = await failure(client.crm.deals.searchApi.doSearch({ filterGroups: [], sorts: ['dealname', 'amount'] }));
    expect(refused.code).toBe(400);
    expect(refused.body.category).toBe('VALIDATION_ERROR');
    expect(refused.body.message).toContain('sort');
  });

  // [hs-search]: a search request of more than 3,000 characters answers 400.
  it('refuses a request body over 3,000 characters', async () => {
    const search = (words: number) =>
      client.crm.deals.searchApi.doSearch({ query: Array(words).fill('renewal').join(' '), filterGroups: [], properties: ['dealname'] });
    await expect(search(300)).resolves.toMatchObject({ total: 1 });
    const refused = await failure(search(400));
    expect(refused.code).toBe(400);
    expect(refused.body.message).toContain('3000');
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

describe('HubSpot emulator: the search index lags writes', () => {
  let clock = Date.parse('2026-03-01T12:00:00Z');
  let emulator: RunningHubSpotEmulator;
  let client: Client;

  beforeAll(async () => {
    ({ emulator, installed: { client } } = await startWithInstall({ now: () => clock, rateLimits: { searchPerSecond: 1000 } }));
  });
  afterAll(() => emulator.close());

  const findByName = async (name: string) =>
    (
      await client.crm.companies.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'name', operator: 'EQ' as any, value: name }] }],
        properties: ['name', 'industry'],
      })
    ).results;

  // [hs-search]: "It may take a few moments for newly created or updated CRM objects to appear in search results."
  it(`defaults to a lag of ${DEFAULT_SEARCH_INDEX_LAG_MS} ms, between 2 and 5 s`, () => {
    expect(DEFAULT_SEARCH_INDEX_LAG_MS).toBeGreaterThanOrEqual(2_000);
    expect(DEFAULT_SEARCH_INDEX_LAG_MS).toBeLessThanOrEqual(5_000);
  });

  it('finds a created record only once the lag has passed, while reading it by id works at once', async () => {
    const created = await client.crm.companies.basicApi.create({ properties: { name: 'Lagging' }, associations: [] });
    expect((await client.crm.companies.basicApi.getById(created.id)).properties.name).toBe('Lagging');
    expect(await findByName('Lagging')).toHaveLength(0);
    clock += DEFAULT_SEARCH_INDEX_LAG_MS - 1;
    expect(await findByName('Lagging')).toHaveLength(0);
    clock += 1;
    expect((await findByName('Lagging')).map((r) => r.id)).toEqual([created.id]);
  });

  it('answers with the old values and the old hs_lastmodifieddate until an update is indexed', async () => {
    const created = await client.crm.companies.basicApi.create({ properties: { name: 'Shifting', industry: 'RETAIL' }, associations: [] });
    clock += DEFAULT_SEARCH_INDEX_LAG_MS;
    const indexedAt = clock;
    clock += 10_000;
    await client.crm.companies.basicApi.update(created.id, { properties: { industry: 'COMPUTER_SOFTWARE' } });
    const modifiedSince = () =>
      client.crm.companies.searchApi.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GT' as any, value: String(indexedAt) }] }],
        properties: ['industry'],
      });
    expect((await findByName('Shifting'))[0]!.properties.industry).toBe('RETAIL');
    expect((await modifiedSince()).total).toBe(0);
    clock += DEFAULT_SEARCH_INDEX_LAG_MS;
    expect((await findByName('Shifting'))[0]!.properties.industry).toBe('COMPUTER_SOFTWARE');
    expect((await modifiedSince()).results.map((r) => r.id)).toEqual([created.id]);
  });

  it('keeps returning an archived record until the archive is indexed', async () => {
    const created = await client.crm.companies.basicApi.create({ properties: { name: 'Leaving' }, associations: [] });
    clock += DEFAULT_SEARCH_INDEX_LAG_MS;
    await client.crm.companies.basicApi.archive(created.id);
    expect(await findByName('Leaving')).toHaveLength(1);
    clock += DEFAULT_SEARCH_INDEX_LAG_MS;
    expect(await findByName('Leaving')).toHaveLength(0);
  });

  it('is set per emulator: with no lag search sees each write at once', async () => {
    emulator.configureSearchIndexLag(0);
    try {
      await client.crm.companies.basicApi.create({ properties: { name: 'Immediate' }, associations: [] });
      expect(await findByName('Immediate')).toHaveLength(1);
    } finally {
      emulator.configureSearchIndexLag(DEFAULT_SEARCH_INDEX_LAG_MS);
    }
  });
});
