import type { Client } from '@hubspot/api-client';
import type { RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { failure, startWithInstall } from './helpers';

const registrationSchema = {
  name: 'deal_registration',
  labels: { singular: 'Deal registration', plural: 'Deal registrations' },
  primaryDisplayProperty: 'registration_name',
  requiredProperties: ['registration_name'],
  searchableProperties: ['registration_name'],
  secondaryDisplayProperties: [],
  properties: [
    { name: 'registration_name', label: 'Name', type: 'string', fieldType: 'text' },
    { name: 'external_id', label: 'External id', type: 'string', fieldType: 'text', hasUniqueValue: true },
    {
      name: 'status',
      label: 'Status',
      type: 'enumeration',
      fieldType: 'select',
      options: [
        { label: 'Submitted', value: 'submitted' },
        { label: 'Approved', value: 'approved' },
      ],
    },
  ],
  associatedObjects: ['COMPANY', 'DEAL'],
};

describe('HubSpot emulator: schemas and properties', () => {
  let emulator: RunningHubSpotEmulator;
  let client: Client;
  let portalId: number;

  beforeAll(async () => {
    ({ emulator, installed: { client, portalId } } = await startWithInstall());
  });
  afterAll(() => emulator.close());

  it('creates a custom object addressable by objectTypeId and fullyQualifiedName', async () => {
    const schema = await client.crm.schemas.coreApi.create(registrationSchema as any);
    const objectTypeId = schema.objectTypeId!;
    const fullyQualifiedName = schema.fullyQualifiedName!;
    expect(objectTypeId).toMatch(/^2-\d+$/);
    expect(fullyQualifiedName).toBe(`p${portalId}_deal_registration`);
    expect(schema.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['registration_name', 'external_id', 'hs_object_id']));
    expect(schema.associations.map((a) => a.toObjectTypeId).sort()).toEqual(['0-2', '0-3']);

    const created = await client.crm.objects.basicApi.create(objectTypeId, {
      properties: { registration_name: 'Reg 1', external_id: 'R-1', status: 'submitted' },
      associations: [],
    });
    expect(created.properties.hs_createdate).toBeDefined();
    const viaName = await client.crm.objects.basicApi.getById(fullyQualifiedName, created.id, ['status']);
    expect(viaName.properties.status).toBe('submitted');
    const viaUnique = await client.crm.objects.basicApi.getById(objectTypeId, 'R-1', undefined, undefined, undefined, false, 'external_id');
    expect(viaUnique.id).toBe(created.id);

    const listed = await client.crm.schemas.coreApi.getAll();
    expect(listed.results.map((s) => s.name)).toEqual(['deal_registration']);
    const fetched = await client.crm.schemas.coreApi.getById(fullyQualifiedName);
    expect(fetched.objectTypeId).toBe(objectTypeId);

    const duplicate = await failure(client.crm.schemas.coreApi.create(registrationSchema as any));
    expect(duplicate.code).toBe(409);
  });

  it('needs the custom-object scopes for custom records', async () => {
    const { emulator: other, installed } = await startWithInstall({}, ['crm.schemas.custom.read', 'crm.schemas.custom.write']);
    try {
      const schema = await installed.client.crm.schemas.coreApi.create(registrationSchema as any);
      const denied = await failure(installed.client.crm.objects.basicApi.getPage(schema.objectTypeId!));
      expect(denied.code).toBe(403);
      expect(denied.body.errors[0].context.requiredGrantedScopes).toEqual(['crm.objects.custom.read']);
    } finally {
      await other.close();
    }
  });

  it('creates a property once and answers 409 for the same name again', async () => {
    const input = {
      name: 'partner_tier',
      label: 'Partner tier',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'companyinformation',
      options: [
        { label: 'Gold', value: 'gold', displayOrder: 0, hidden: false },
        { label: 'Silver', value: 'silver', displayOrder: 1, hidden: false },
      ],
    };
    const created = await client.crm.properties.coreApi.create('companies', input as any);
    expect(created).toMatchObject({ name: 'partner_tier', type: 'enumeration', hubspotDefined: false });
    const again = await failure(client.crm.properties.coreApi.create('companies', input as any));
    expect(again.code).toBe(409);
    expect(again.body).toMatchObject({ status: 'error', category: 'OBJECT_ALREADY_EXISTS' });

    const company = await client.crm.companies.basicApi.create({ properties: { partner_tier: 'gold' }, associations: [] });
    expect(company.properties.partner_tier).toBe('gold');
    const badOption = await failure(client.crm.companies.basicApi.create({ properties: { partner_tier: 'tin' }, associations: [] }));
    expect(badOption.code).toBe(400);
  });

  it('reads, updates, lists and archives properties', async () => {
    await client.crm.properties.coreApi.create('deals', {
      name: 'registration_id',
      label: 'Registration',
      type: 'string',
      fieldType: 'text',
      groupName: 'dealinformation',
    } as any);
    const read = await client.crm.properties.coreApi.getByName('deals', 'registration_id');
    expect(read.label).toBe('Registration');
    const updated = await client.crm.properties.coreApi.update('deals', 'registration_id', { label: 'Registration id' } as any);
    expect(updated.label).toBe('Registration id');
    const all = await client.crm.properties.coreApi.getAll('deals');
    expect(all.results.map((p) => p.name)).toEqual(expect.arrayContaining(['dealname', 'registration_id']));
    await client.crm.properties.coreApi.archive('deals', 'registration_id');
    expect((await failure(client.crm.properties.coreApi.getByName('deals', 'registration_id'))).code).toBe(404);
    const hubspotDefined = await failure(client.crm.properties.coreApi.archive('deals', 'dealname'));
    expect(hubspotDefined.code).toBe(400);
  });

  it('batch-creates properties, reporting existing names per input', async () => {
    const res = await client.crm.properties.batchApi.createWithHttpInfo('contacts', {
      inputs: [
        { name: 'partner_role', label: 'Partner role', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
        { name: 'email', label: 'Email', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
      ] as any,
    });
    expect(res.httpStatusCode).toBe(207);
    expect((res.data as any).results.map((p: any) => p.name)).toEqual(['partner_role']);
    expect((res.data as any).errors[0]).toMatchObject({ category: 'OBJECT_ALREADY_EXISTS' });
  });

  it('manages property groups', async () => {
    const group = await client.crm.properties.groupsApi.create('companies', { name: 'trellis', label: 'Trellis', displayOrder: 1 });
    expect(group).toMatchObject({ name: 'trellis', label: 'Trellis', archived: false });
    expect((await failure(client.crm.properties.groupsApi.create('companies', { name: 'trellis', label: 'x' }))).code).toBe(409);
    const groups = await client.crm.properties.groupsApi.getAll('companies');
    expect(groups.results.map((g) => g.name)).toEqual(['companyinformation', 'trellis']);
    await client.crm.properties.coreApi.create('companies', {
      name: 'trellis_health',
      label: 'Health',
      type: 'number',
      fieldType: 'number',
      groupName: 'trellis',
    } as any);
    const missingGroup = await failure(
      client.crm.properties.coreApi.create('companies', { name: 'x_y', label: 'x', type: 'string', fieldType: 'text', groupName: 'nope' } as any),
    );
    expect(missingGroup.code).toBe(400);
  });
});
