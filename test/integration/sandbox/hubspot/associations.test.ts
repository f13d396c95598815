import type { Client } from '@hubspot/api-client';
import type { RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { failure, startWithInstall } from './helpers';

const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED' as any;

describe('HubSpot emulator: associations v4', () => {
  let emulator: RunningHubSpotEmulator;
  let client: Client;
  let companyId: string;
  let contactIds: string[];
  let dealId: string;

  beforeAll(async () => {
    ({ emulator, installed: { client } } = await startWithInstall());
    companyId = (await client.crm.companies.basicApi.create({ properties: { name: 'Partner Co' }, associations: [] })).id;
    contactIds = (
      await client.crm.contacts.batchApi.create({
        inputs: [1, 2, 3].map((i) => ({ properties: { email: `c${i}@partner.example` }, associations: [] })),
      })
    ).results.map((r) => r.id);
    dealId = (await client.crm.deals.basicApi.create({ properties: { dealname: 'Assoc deal' }, associations: [] })).id;
  });
  afterAll(() => emulator.close());

  it('batch-creates associations with HubSpot-defined types and reads them from both sides', async () => {
    const created = await client.crm.associations.v4.batchApi.create('contacts', 'companies', {
      inputs: contactIds.slice(0, 2).map((id) => ({
        _from: { id },
        to: { id: companyId },
        types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 279 }],
      })),
    });
    expect(created.results).toHaveLength(2);
    expect(created.results[0]).toMatchObject({ fromObjectTypeId: '0-1', toObjectTypeId: '0-2', toObjectId: Number(companyId) });

    const fromCompany = await client.crm.associations.v4.batchApi.getPage('companies', 'contacts', {
      inputs: [{ id: companyId }],
    });
    const [row] = fromCompany.results;
    expect(row!.to.map((t) => String(t.toObjectId)).sort()).toEqual(contactIds.slice(0, 2).sort());
    expect(row!.to[0]!.associationTypes).toEqual([{ category: 'HUBSPOT_DEFINED', typeId: 280, label: null }]);
  });

  it('answers a 207 for unknown records and a 400-style error for unknown type ids', async () => {
    const res = await client.crm.associations.v4.batchApi.createWithHttpInfo('contacts', 'companies', {
      inputs: [
        { _from: { id: contactIds[2]! }, to: { id: companyId }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 279 }] },
        { _from: { id: '987654' }, to: { id: companyId }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 279 }] },
        { _from: { id: contactIds[2]! }, to: { id: companyId }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 3 }] },
      ],
    });
    expect(res.httpStatusCode).toBe(207);
    expect((res.data as any).numErrors).toBe(2);
    expect((res.data as any).errors.map((e: any) => e.category).sort()).toEqual(['OBJECT_NOT_FOUND', 'VALIDATION_ERROR']);
  });

  it('creates default and labelled (primary) associations on single objects', async () => {
    const byDefault = await client.crm.associations.v4.basicApi.createDefault('deals', dealId, 'contacts', contactIds[0]!);
    expect(byDefault.results[0]).toMatchObject({ associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 } });

    const primary = await client.crm.associations.v4.basicApi.create('deals', dealId, 'companies', companyId, [
      { associationCategory: HUBSPOT_DEFINED, associationTypeId: 5 },
    ]);
    expect(primary.labels).toEqual(['Primary']);
    const page = await client.crm.associations.v4.basicApi.getPage('deals', dealId, 'companies');
    expect(page.results[0]!.associationTypes.map((t) => t.typeId).sort((a, b) => a - b)).toEqual([5, 341]);

    const deal = await client.crm.deals.basicApi.getById(dealId, undefined, undefined, ['companies', 'contacts']);
    expect(deal.associations?.companies?.results).toEqual(
      expect.arrayContaining([
        { id: companyId, type: 'deal_to_company' },
        { id: companyId, type: 'deal_to_company_unlabeled' },
      ]),
    );
    expect(deal.associations?.contacts?.results).toEqual([{ id: contactIds[0], type: 'deal_to_contact' }]);
  });

  it('associates at creation time', async () => {
    const deal = await client.crm.deals.basicApi.create({
      properties: { dealname: 'Born associated' },
      associations: [{ to: { id: companyId }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 341 }] }],
    });
    const page = await client.crm.associations.v4.basicApi.getPage('companies', companyId, 'deals');
    expect(page.results.map((r) => String(r.toObjectId))).toContain(deal.id);
    const bad = await failure(
      client.crm.deals.basicApi.create({
        properties: { dealname: 'Bad link' },
        associations: [{ to: { id: '123456789' }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 341 }] }],
      }),
    );
    expect(bad.code).toBe(400);
  });

  it('removes labels, then whole associations, in batch and singly', async () => {
    await client.crm.associations.v4.batchApi.archiveLabels('deals', 'companies', {
      inputs: [{ _from: { id: dealId }, to: { id: companyId }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 5 }] }],
    });
    const afterLabel = await client.crm.associations.v4.basicApi.getPage('deals', dealId, 'companies');
    expect(afterLabel.results[0]!.associationTypes.map((t) => t.typeId)).toEqual([341]);

    await client.crm.associations.v4.batchApi.archive('companies', 'contacts', {
      inputs: [{ _from: { id: companyId }, to: contactIds.slice(0, 2).map((id) => ({ id })) }],
    });
    const remaining = await client.crm.associations.v4.basicApi.getPage('contacts', contactIds[0]!, 'companies');
    expect(remaining.results).toEqual([]);

    await client.crm.associations.v4.basicApi.archive('deals', dealId, 'contacts', contactIds[0]!);
    expect((await client.crm.associations.v4.basicApi.getPage('deals', dealId, 'contacts')).results).toEqual([]);
  });

  it('lists association types between two objects and accepts custom labels', async () => {
    const types = await fetchJson(`/crm/v4/associations/contacts/companies/labels`);
    expect(types.results).toEqual(
      expect.arrayContaining([
        { category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
        { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
      ]),
    );
    const created = await fetchJson(`/crm/v4/associations/contacts/companies/labels`, {
      method: 'POST',
      body: JSON.stringify({ label: 'Partner champion', name: 'partner_champion', inverseLabel: 'Has champion' }),
    });
    const typeId = created.results[0].typeId;
    const labelled = await client.crm.associations.v4.basicApi.create('contacts', contactIds[1]!, 'companies', companyId, [
      { associationCategory: 'USER_DEFINED' as any, associationTypeId: typeId },
    ]);
    expect(labelled.labels).toEqual(['Partner champion']);
  });

  async function fetchJson(path: string, init: RequestInit = {}) {
    const token = Object.keys(emulator.state.accessTokens)[0];
    const res = await fetch(`${emulator.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    return res.json();
  }
});
