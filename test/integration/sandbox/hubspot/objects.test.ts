import type { Client } from '@hubspot/api-client';
import type { RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { failure, startWithInstall } from './helpers';

describe('HubSpot emulator: CRM v3 objects', () => {
  let emulator: RunningHubSpotEmulator;
  let client: Client;
  let accessToken: string;

  beforeAll(async () => {
    ({ emulator, installed: { client, accessToken } } = await startWithInstall());
  });
  afterAll(() => emulator.close());

  it('creates, reads, updates and archives a company with string properties and maintained dates', async () => {
    const created = await client.crm.companies.basicApi.create({
      properties: { name: 'Acme', domain: 'acme.example', numberofemployees: 250 as unknown as string },
      associations: [],
    });
    expect(created.properties).toMatchObject({
      name: 'Acme',
      domain: 'acme.example',
      numberofemployees: '250',
      hs_object_id: created.id,
    });
    expect(created.properties.createdate).toBe(created.createdAt.toISOString());
    expect(created.archived).toBe(false);

    const read = await client.crm.companies.basicApi.getById(created.id, ['numberofemployees', 'industry']);
    expect(read.properties).toEqual({
      createdate: created.properties.createdate,
      hs_lastmodifieddate: created.properties.hs_lastmodifieddate,
      hs_object_id: created.id,
      industry: null,
      numberofemployees: '250',
    });

    await new Promise((r) => setTimeout(r, 5));
    const updated = await client.crm.companies.basicApi.update(created.id, { properties: { industry: 'Software' } });
    expect(updated.properties.industry).toBe('Software');
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(updated.properties.hs_lastmodifieddate).toBe(updated.updatedAt.toISOString());

    await client.crm.companies.basicApi.archive(created.id);
    expect((await failure(client.crm.companies.basicApi.getById(created.id))).body).toMatchObject({
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
    });
    const archived = await client.crm.companies.basicApi.getById(created.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
  });

  it('returns the default properties when none are named', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'ada@example.com', firstname: 'Ada' }, associations: [] });
    const read = await client.crm.contacts.basicApi.getById(contact.id);
    expect(Object.keys(read.properties).sort()).toEqual(
      ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'].sort(),
    );
    expect(read.properties.lastname).toBeNull();
  });

  it('pages through a list with after, and lists archived records separately', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await client.crm.deals.basicApi.create({ properties: { dealname: `Deal ${i}` }, associations: [] })).id);
    }
    await client.crm.deals.basicApi.archive(ids[4]!);
    const first = await client.crm.deals.basicApi.getPage(2, undefined, ['dealname']);
    expect(first.results.map((d) => d.properties.dealname)).toEqual(['Deal 0', 'Deal 1']);
    const second = await client.crm.deals.basicApi.getPage(2, first.paging!.next!.after, ['dealname']);
    expect(second.results.map((d) => d.properties.dealname)).toEqual(['Deal 2', 'Deal 3']);
    expect(second.paging).toBeUndefined();
    const archived = await client.crm.deals.basicApi.getPage(10, undefined, undefined, undefined, undefined, true);
    expect(archived.results.map((d) => d.id)).toEqual([ids[4]]);
  });

  it('reads and updates by a unique idProperty', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'Grace@Example.com' }, associations: [] });
    const byEmail = await client.crm.contacts.basicApi.getById('grace@example.com', undefined, undefined, undefined, false, 'email');
    expect(byEmail.id).toBe(contact.id);
    const updated = await client.crm.contacts.basicApi.update('grace@example.com', { properties: { lastname: 'Hopper' } }, 'email');
    expect(updated.properties.lastname).toBe('Hopper');
    const notUnique = await failure(client.crm.contacts.basicApi.getById('Hopper', undefined, undefined, undefined, false, 'lastname'));
    expect(notUnique.code).toBe(400);
  });

  it('rejects unknown properties, bad values and duplicate emails the way HubSpot does', async () => {
    const unknown = await failure(client.crm.contacts.basicApi.create({ properties: { shoe_size: '42' }, associations: [] }));
    expect(unknown.code).toBe(400);
    expect(unknown.body.category).toBe('VALIDATION_ERROR');
    expect(unknown.body.message).toMatch(/^Property values were not valid: /);
    const issues = JSON.parse(unknown.body.message.replace('Property values were not valid: ', ''));
    expect(issues[0]).toMatchObject({ isValid: false, error: 'PROPERTY_DOESNT_EXIST', name: 'shoe_size' });

    const badOption = await failure(client.crm.deals.basicApi.create({ properties: { dealstage: 'nowhere' }, associations: [] }));
    expect(badOption.body.message).toContain('INVALID_OPTION');
    const readOnly = await failure(client.crm.deals.basicApi.create({ properties: { hs_object_id: '5' }, associations: [] }));
    expect(readOnly.body.message).toContain('READ_ONLY_VALUE');

    const first = await client.crm.contacts.basicApi.create({ properties: { email: 'dup@example.com' }, associations: [] });
    const dup = await failure(client.crm.contacts.basicApi.create({ properties: { email: 'DUP@example.com' }, associations: [] }));
    expect(dup.code).toBe(409);
    expect(dup.body).toMatchObject({ category: 'CONFLICT', message: `Contact already exists. Existing ID: ${first.id}` });
  });

  it('gives a HubSpot error body for malformed JSON and unknown object types, never a stack trace', async () => {
    const res = await fetch(`${emulator.url}/crm/v3/objects/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: '{"properties":',
    });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    const unknownType = await failure(client.crm.objects.basicApi.getPage('spaceships'));
    expect(unknownType.body.message).toBe('Unable to infer object type from: spaceships');
  });

  it('merges two contacts: the primary keeps its id, gains missing values and answers for the merged id', async () => {
    const primary = await client.crm.contacts.basicApi.create({ properties: { email: 'p@example.com', firstname: 'Pat' }, associations: [] });
    const secondary = await client.crm.contacts.basicApi.create({
      properties: { email: 's@example.com', firstname: 'Sam', jobtitle: 'CTO', phone: '+1 555' },
      associations: [],
    });
    const merged = await client.crm.contacts.basicApi.merge({ primaryObjectId: primary.id, objectIdToMerge: secondary.id });
    expect(merged.id).toBe(primary.id);
    expect(merged.properties).toMatchObject({ firstname: 'Pat', jobtitle: 'CTO', phone: '+1 555', hs_merged_object_ids: secondary.id });
    const viaOldId = await client.crm.contacts.basicApi.getById(secondary.id, ['jobtitle']);
    expect(viaOldId.id).toBe(primary.id);
  });
});
