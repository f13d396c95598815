import type { Client } from '@hubspot/api-client';
import { startHubSpotEmulator, type RegisteredApp, type RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { ALL_SCOPES, installThroughConsent, REDIRECT_URL } from './helpers';
import { startReceiver, verifyV1, verifyV3, type WebhookReceiver } from './webhookReceiver';

/** The fields of the documented v1 example delivery (platforms.md 1.2/1.3), plus sourceId seen in real deliveries. */
const DOCUMENTED_CREATION_FIELDS = [
  'eventId',
  'subscriptionId',
  'portalId',
  'occurredAt',
  'subscriptionType',
  'attemptNumber',
  'objectId',
  'changeSource',
  'changeFlag',
  'appId',
  'sourceId',
];

describe('HubSpot emulator: webhooks', () => {
  let emulator: RunningHubSpotEmulator;
  let receiver: WebhookReceiver;
  let app: RegisteredApp;
  let client: Client;
  let portalId: number;

  beforeAll(async () => {
    receiver = await startReceiver();
    emulator = await startHubSpotEmulator({ webhooks: { batchWindowMs: 20, retryDelaysMs: [20, 20, 20, 20], timeoutMs: 1000 } });
    app = emulator.registerApp({
      name: 'Trellis',
      redirectUrls: [REDIRECT_URL],
      scopes: ALL_SCOPES,
      webhooks: {
        targetUrl: receiver.url,
        subscriptions: [
          { subscriptionType: 'contact.creation' },
          { subscriptionType: 'contact.propertyChange', propertyName: 'firstname' },
          { subscriptionType: 'contact.propertyChange', propertyName: 'email' },
          { subscriptionType: 'contact.deletion' },
          { subscriptionType: 'contact.merge' },
          { subscriptionType: 'contact.associationChange' },
          { subscriptionType: 'company.associationChange' },
          { subscriptionType: 'deal.propertyChange', propertyName: 'dealstage' },
        ],
      },
    });
    portalId = emulator.createPortal({ domain: 'hooks.example.com' }).id;
    ({ client } = await installThroughConsent(emulator, app, portalId, ALL_SCOPES));
  });
  afterAll(async () => {
    await emulator.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await emulator.idle();
    receiver.received.length = 0;
    receiver.respond = () => 204;
  });

  const subscriptionId = (type: string, propertyName?: string) =>
    app.webhooks!.subscriptions.find((s) => s.subscriptionType === type && s.propertyName === propertyName)!.id;

  it('reports an API write as INTEGRATION from the app, signed with v3 and v1', async () => {
    const contact = await client.crm.contacts.basicApi.create({
      properties: { email: 'wh@example.com', firstname: 'Wanda', lastname: 'Hook' },
      associations: [],
    });
    await emulator.idle();

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(verifyV3(request!, app.clientSecret)).toBe(true);
    expect(verifyV3(request!, 'wrong-secret')).toBe(false);
    expect(verifyV1(request!, app.clientSecret)).toBe(true);
    expect(request!.headers['content-type']).toBe('application/json');

    const creation = request!.events.find((e) => e.subscriptionType === 'contact.creation')!;
    expect(Object.keys(creation).sort()).toEqual([...DOCUMENTED_CREATION_FIELDS].sort());
    expect(creation).toEqual({
      eventId: expect.any(Number),
      subscriptionId: subscriptionId('contact.creation'),
      portalId,
      appId: app.id,
      occurredAt: contact.createdAt.getTime(),
      subscriptionType: 'contact.creation',
      attemptNumber: 0,
      objectId: Number(contact.id),
      changeFlag: 'CREATED',
      changeSource: 'INTEGRATION',
      sourceId: String(app.id),
    });
    // lastname has no subscription, so only the two subscribed properties are reported.
    const changes = request!.events.filter((e) => e.subscriptionType === 'contact.propertyChange');
    expect(changes.map((e) => [e.propertyName, e.propertyValue]).sort()).toEqual([
      ['email', 'wh@example.com'],
      ['firstname', 'Wanda'],
    ]);
  });

  it('reports a CRM user edit as CRM_UI with the user id, one event per changed property', async () => {
    const contact = await client.crm.contacts.basicApi.create({ properties: { email: 'ui@example.com' }, associations: [] });
    await emulator.idle();
    receiver.received.length = 0;
    const portal = emulator.state.portals[String(portalId)]!;
    const res = await fetch(`${emulator.url}/_admin/portals/${portalId}/objects/contacts/${contact.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { firstname: 'Uma', email: 'uma@example.com', lastname: 'Ignored' } }),
    });
    expect(res.status).toBe(200);
    await emulator.idle();
    const events = receiver.events();
    expect(events.map((e) => e.propertyName).sort()).toEqual(['email', 'firstname']);
    for (const e of events) {
      expect(e).toMatchObject({ changeSource: 'CRM_UI', sourceId: `userId:${portal.users[0]!.id}`, objectId: Number(contact.id) });
    }
  });

  it('reports deletions, merges and association changes with their documented fields', async () => {
    const [a, b] = (
      await client.crm.contacts.batchApi.create({
        inputs: [
          { properties: { email: 'm1@example.com' }, associations: [] },
          { properties: { email: 'm2@example.com', jobtitle: 'VP' }, associations: [] },
        ],
      })
    ).results;
    const company = await client.crm.companies.basicApi.create({ properties: { name: 'Assoc Co' }, associations: [] });
    await emulator.idle();
    receiver.received.length = 0;

    await client.crm.associations.v4.basicApi.create('contacts', a!.id, 'companies', company.id, [
      { associationCategory: 'HUBSPOT_DEFINED' as any, associationTypeId: 1 },
    ]);
    await client.crm.contacts.basicApi.merge({ primaryObjectId: a!.id, objectIdToMerge: b!.id });
    await client.crm.contacts.basicApi.archive(a!.id);
    await emulator.idle();

    const events = receiver.events();
    const association = events.filter((e) => String(e.subscriptionType).endsWith('associationChange'));
    expect(association).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subscriptionType: 'contact.associationChange',
          associationType: 'CONTACT_TO_COMPANY',
          fromObjectId: Number(a!.id),
          toObjectId: Number(company.id),
          associationRemoved: false,
          isPrimaryAssociation: true,
        }),
        expect.objectContaining({
          subscriptionType: 'company.associationChange',
          associationType: 'COMPANY_TO_CONTACT',
          fromObjectId: Number(company.id),
          toObjectId: Number(a!.id),
        }),
      ]),
    );
    expect(events.find((e) => e.subscriptionType === 'contact.merge')).toMatchObject({
      objectId: Number(a!.id),
      primaryObjectId: Number(a!.id),
      mergedObjectIds: [Number(b!.id)],
      newObjectId: Number(a!.id),
      numberOfPropertiesMoved: 1,
      changeFlag: 'MERGED',
    });
    expect(events.find((e) => e.subscriptionType === 'contact.deletion')).toMatchObject({
      objectId: Number(a!.id),
      changeFlag: 'DELETED',
      changeSource: 'INTEGRATION',
    });
  });

  it('filters propertyChange subscriptions by property', async () => {
    const deal = await client.crm.deals.basicApi.create({ properties: { dealname: 'Hooked' }, associations: [] });
    await client.crm.deals.basicApi.update(deal.id, { properties: { dealname: 'Renamed', dealstage: 'closedwon' } });
    await emulator.idle();
    expect(receiver.events().map((e) => [e.subscriptionType, e.propertyName, e.propertyValue])).toEqual([
      ['deal.propertyChange', 'dealstage', 'closedwon'],
    ]);
  });

  it('sends at most 100 events per request', async () => {
    for (let round = 0; round < 2; round++) {
      await client.crm.contacts.batchApi.create({
        inputs: Array.from({ length: 75 }, (_, i) => ({ properties: { email: `bulk${round}-${i}@example.com` }, associations: [] })),
      });
    }
    await emulator.idle();
    // 150 creations + 150 email changes.
    expect(receiver.events()).toHaveLength(300);
    expect(Math.max(...receiver.received.map((r) => r.events.length))).toBeLessThanOrEqual(100);
    expect(receiver.received.every((r) => verifyV3(r, app.clientSecret))).toBe(true);
  });

  it('retries a refused batch until it is acknowledged, counting attemptNumber up and re-signing', async () => {
    receiver.respond = (_request, index) => (index < 2 ? 500 : 200);
    await client.crm.contacts.basicApi.create({ properties: { email: 'retry@example.com' }, associations: [] });
    await emulator.idle();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.map((r) => r.events[0]!.attemptNumber)).toEqual([0, 1, 2]);
    expect(receiver.received.map((r) => r.events[0]!.eventId)).toEqual(Array(3).fill(receiver.received[0]!.events[0]!.eventId));
    expect(receiver.received.every((r) => verifyV3(r, app.clientSecret))).toBe(true);
    const delivery = emulator.deliveries().at(-1)!;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
  });

  it('gives up after the configured retries and shows it in the delivery log', async () => {
    receiver.respond = () => 503;
    await client.crm.contacts.basicApi.create({ properties: { email: 'never@example.com' }, associations: [] });
    await emulator.idle();
    expect(receiver.received).toHaveLength(5);
    const log = await (await fetch(`${emulator.url}/_admin/webhooks`)).json();
    expect(log.results.at(-1)).toMatchObject({ status: 'failed', attempts: 5, lastStatusCode: 503, appId: app.id });
    expect(log.results.at(-1).events[0].subscriptionType).toBe('contact.creation');
  });

  it('stops notifying an app once its refresh token is revoked (uninstalled)', async () => {
    for (const token of Object.keys(emulator.state.refreshTokens)) {
      const form = new URLSearchParams({ token, client_id: app.clientId, client_secret: app.clientSecret });
      await fetch(`${emulator.url}/oauth/2026-03/token/revoke`, { method: 'POST', body: form });
    }
    await fetch(`${emulator.url}/_admin/portals/${portalId}/objects/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { email: 'after-uninstall@example.com' } }),
    });
    await emulator.idle();
    expect(receiver.received).toHaveLength(0);
  });
});
