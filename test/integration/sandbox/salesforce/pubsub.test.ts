import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import avro from 'avsc';
import { newPubSubClient, type PubSubApiClient } from '../../../../src/sync/salesforce/cdc/pubSubClient';
import { PUBSUB_PROTO } from '../../../../sandbox/salesforce/pubsub/server';
import { install, rest, type Installed } from './harness';

/**
 * Change Data Capture over the Pub/Sub API (platform-rules §2.2, §2.3; rules S2, S3, S4),
 * driven by the real `salesforce-pubsub-api-client` where it can say what is tested, and by a
 * raw gRPC stream where the rule is about the wire (metadata, a second FetchRequest).
 */

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const ACCOUNT_CHANNEL = '/data/AccountChangeEvent';

interface Received {
  events: Array<{ replayId: number; payload: Record<string, unknown> & { ChangeEventHeader: Record<string, unknown> } }>;
  errors: Array<{ code?: number; details?: string; metadata?: grpc.Metadata }>;
  keepalives: number;
}

let now = Date.now();
let installed: Installed;
const clients: PubSubApiClient[] = [];

beforeEach(async () => {
  now = Date.now();
  // Sessions outlive the clock moves of the retention test.
  installed = await install({ now: () => now, accessTokenTtlMs: 7 * 24 * 3_600_000, pubSub: { keepaliveMs: 300 } });
});
// The emulator ends its streams cleanly first: the library's close() leaves a live stream without an error listener.
afterEach(async () => {
  await installed.sf.close();
  for (const c of clients.splice(0)) c.close();
});

async function client(overrides: Record<string, unknown> = {}): Promise<PubSubApiClient> {
  const c = newPubSubClient(
    {
      authType: 'user-supplied',
      accessToken: installed.tokens.access_token,
      instanceUrl: installed.tokens.instance_url.replace(/^http:/, 'https:'),
      organizationId: installed.org.id,
      pubSubEndpoint: installed.sf.pubSubEndpoint!,
      rejectUnauthorizedSsl: false,
      ...overrides,
    } as never,
    silent as never,
  );
  await c.connect();
  clients.push(c);
  return c;
}

function collector(): { received: Received; callback: (info: unknown, type: string, data: unknown) => void } {
  const received: Received = { events: [], errors: [], keepalives: 0 };
  return {
    received,
    callback: (_info, type, data) => {
      if (type === 'event') received.events.push(data as Received['events'][number]);
      if (type === 'error') received.errors.push(data as Received['errors'][number]);
      if (type === 'grpcKeepAlive') received.keepalives++;
    },
  };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const selectForCdc = (entity: string) => rest(installed, 'POST', '/tooling/sobjects/PlatformEventChannelMember', { FullName: `ChangeEvents_${entity}`, Metadata: { eventChannel: 'ChangeEvents', selectedEntity: entity } });

describe('Change Data Capture selection (sf-pecm, S2)', () => {
  test('an entity without a PlatformEventChannelMember produces no change events; once selected, every change does', async () => {
    const c = await client();
    const { received, callback } = collector();
    c.subscribe(ACCOUNT_CHANNEL, callback);
    await new Promise((r) => setTimeout(r, 200));
    await installed.conn.sobject('Account').create({ Name: 'Unselected' });
    await new Promise((r) => setTimeout(r, 300));
    expect(received.events).toHaveLength(0);

    expect((await selectForCdc('AccountChangeEvent')).status).toBe(201);
    const listed = await rest(installed, 'GET', `/tooling/query?q=${encodeURIComponent('SELECT Id, EventChannel, SelectedEntity FROM PlatformEventChannelMember')}`);
    expect(listed.body).toMatchObject({ records: [{ EventChannel: 'ChangeEvents', SelectedEntity: 'AccountChangeEvent' }] });
    const id = (await installed.conn.sobject('Account').create({ Name: 'Selected' })).id!;
    await until(() => received.events.length === 1);
    expect(received.events[0]!.payload.ChangeEventHeader).toMatchObject({ entityName: 'Account', recordIds: [id], changeType: 'CREATE' });
    expect(received.events[0]!.payload.Name).toBe('Selected');
  });

  test('selecting the same entity twice is refused', async () => {
    await selectForCdc('AccountChangeEvent');
    const again = await selectForCdc('AccountChangeEvent');
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject([{ errorCode: 'DUPLICATE_DEVELOPER_NAME' }]);
  });

  test('a Professional Edition org has no Change Data Capture (sf-cdc)', async () => {
    await installed.sf.close();
    installed = await install({ now: () => now }, { name: 'Small Co', edition: 'Professional' });
    expect((await selectForCdc('AccountChangeEvent')).status).toBe(400);
    const c = await client();
    const { received, callback } = collector();
    c.subscribe(ACCOUNT_CHANNEL, callback);
    await until(() => received.errors.length > 0);
    expect(received.errors[0]!.code).toBe(grpc.status.PERMISSION_DENIED);
  });
});

describe('change events (sf-msg, sf-deser, sf-diff, S4)', () => {
  test('an update carries hex bitmaps of the changed fields, the calling client as changeOrigin, and nulls for untouched fields', async () => {
    await selectForCdc('AccountChangeEvent');
    const id = (await installed.conn.sobject('Account').create({ Name: 'Acme', Website: 'acme.example.com', Industry: 'Energy' })).id!;
    const c = await client();
    const { received, callback } = collector();
    c.subscribe(ACCOUNT_CHANNEL, callback);
    await new Promise((r) => setTimeout(r, 200));
    const update = await rest(installed, 'PATCH', `/sobjects/Account/${id}`, { Industry: 'Retail', Website: null }, { 'Sforce-Call-Options': 'client=TrellisSync' });
    expect(update.status).toBe(204);
    await until(() => received.events.length === 1);
    const { ChangeEventHeader: header, ...fields } = received.events[0]!.payload;
    expect(header).toMatchObject({ changeType: 'UPDATE', recordIds: [id], changeOrigin: 'com/salesforce/api/rest/62.0;client=TrellisSync', commitUser: expect.stringMatching(/^005/) });
    // The client decoded the bitmaps into names: proof they were bitmaps over the schema's fields.
    expect([...(header.changedFields as string[])].sort()).toEqual(['Industry', 'Website']);
    expect(header.nulledFields).toEqual(['Website']);
    expect(fields.Industry).toBe('Retail');
    expect(fields.Name).toBeNull();
    expect(typeof header.commitTimestamp === 'number' || typeof header.commitTimestamp === 'bigint').toBe(true);
  });

  test('changes made in one call share a transactionKey, ordered by sequenceNumber; a delete is a DELETE with no field values (sf-deliv)', async () => {
    await selectForCdc('AccountChangeEvent');
    const c = await client();
    const { received, callback } = collector();
    c.subscribe(ACCOUNT_CHANNEL, callback);
    await new Promise((r) => setTimeout(r, 200));
    const results = (await installed.conn.sobject('Account').create([{ Name: 'First' }, { Name: 'Second' }], { allOrNone: true })) as Array<{ id: string }>;
    await installed.conn.sobject('Account').destroy(results[0]!.id);
    await until(() => received.events.length === 3);
    const headers = received.events.map((e) => e.payload.ChangeEventHeader);
    expect(headers.map((h) => [h.changeType, h.sequenceNumber])).toEqual([['CREATE', 1], ['CREATE', 2], ['DELETE', 1]]);
    expect(headers[0]!.transactionKey).toBe(headers[1]!.transactionKey);
    expect(headers[2]!.transactionKey).not.toBe(headers[0]!.transactionKey);
    expect(received.events[2]!.payload.Name).toBeNull();
  });

  test('on the wire the field lists are hex bitmaps, not names, and dates are epoch values', async () => {
    await selectForCdc('AccountChangeEvent');
    const stream = rawSubscribe();
    stream.write({ topicName: ACCOUNT_CHANNEL, replayPreset: 0, numRequested: 5 });
    await new Promise((r) => setTimeout(r, 200));
    const id = (await installed.conn.sobject('Account').create({ Name: 'Acme' })).id!;
    await rest(installed, 'PATCH', `/sobjects/Account/${id}`, { Industry: 'Retail' });
    const events = (await stream.next()).events ?? [];
    if (events.length < 2) events.push(...(await stream.next()).events);
    const schemaId = events[0]!.event.schemaId;
    const schema = await new Promise<{ schemaJson: string }>((resolve, reject) => rawClient().GetSchema({ schemaId }, (err, res) => (err ? reject(err) : resolve(res))));
    const type = avro.Type.forSchema(JSON.parse(schema.schemaJson) as avro.Schema);
    type Decoded = { ChangeEventHeader: { changedFields: string[] }; CreatedDate: number | null };
    const [created, updated] = events.map((e) => type.fromBuffer(e.event.payload) as Decoded);
    expect(created!.CreatedDate).toBe(now);
    expect(updated!.ChangeEventHeader.changedFields).toEqual([expect.stringMatching(/^0x[0-9A-F]+$/)]);
    stream.cancel();
  });
});

describe('the Pub/Sub API (sf-proto, sf-psauth, sf-dur, S3)', () => {
  test('a call without accesstoken, instanceurl or tenantid is rejected as UNAUTHENTICATED', async () => {
    for (const missing of ['accesstoken', 'instanceurl', 'tenantid']) {
      const err = await new Promise<grpc.ServiceError>((resolve) => rawClient(missing).GetTopic({ topicName: ACCOUNT_CHANNEL }, (e) => resolve(e!)));
      expect(err.code).toBe(grpc.status.UNAUTHENTICATED);
      expect(err.metadata.get('error-code')).toEqual(['sfdc.platform.eventbus.grpc.service.auth.error']);
    }
  });

  test('GetTopic names the schema of the change event channel; publishing to it is refused', async () => {
    const topic = await new Promise<{ schemaId: string; canPublish: boolean }>((resolve, reject) => rawClient().GetTopic({ topicName: ACCOUNT_CHANNEL }, (e, r) => (e ? reject(e) : resolve(r))));
    expect(topic.canPublish).toBe(false);
    expect(topic.schemaId).not.toBe('');
    const err = await new Promise<grpc.ServiceError>((resolve) => rawClient().Publish({ topicName: ACCOUNT_CHANNEL, events: [] }, (e) => resolve(e!)));
    expect(err.code).toBe(grpc.status.PERMISSION_DENIED);
  });

  test('a later FetchRequest naming another topic is INVALID_ARGUMENT; its replay preset is ignored', async () => {
    await selectForCdc('AccountChangeEvent');
    await installed.conn.sobject('Account').create({ Name: 'Before the subscription' });
    const stream = rawSubscribe();
    stream.write({ topicName: ACCOUNT_CHANNEL, replayPreset: 0, numRequested: 1 });
    // EARLIEST on a second request must not rewind: the event before the subscription never comes.
    stream.write({ topicName: ACCOUNT_CHANNEL, replayPreset: 1, numRequested: 5 });
    const keepalive = await stream.next();
    expect(keepalive.events ?? []).toHaveLength(0);
    stream.write({ topicName: '/data/ContactChangeEvent', numRequested: 1 });
    const err = await stream.error();
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  test('events replay from a stored id within 72 hours; an older id is refused as corrupted', async () => {
    await selectForCdc('AccountChangeEvent');
    const c = await client();
    const first = collector();
    c.subscribe(ACCOUNT_CHANNEL, first.callback);
    await new Promise((r) => setTimeout(r, 200));
    await installed.conn.sobject('Account').create({ Name: 'One' });
    await until(() => first.received.events.length === 1);
    const stored = first.received.events[0]!.replayId;
    await installed.conn.sobject('Account').create({ Name: 'Two' });

    now += 71 * 3_600_000;
    const resumed = collector();
    (await client()).subscribeFromReplayId(ACCOUNT_CHANNEL, resumed.callback, null, stored);
    await until(() => resumed.received.events.length === 1);
    expect(resumed.received.events[0]!.payload.Name).toBe('Two');

    now += 2 * 3_600_000;
    const late = collector();
    (await client()).subscribeFromReplayId(ACCOUNT_CHANNEL, late.callback, null, stored);
    await until(() => late.received.errors.length > 0);
    expect(late.received.errors[0]).toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    expect(late.received.errors[0]!.metadata!.get('error-code')).toEqual(['sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted']);
  });

  test('an idle subscription gets empty keepalive responses', async () => {
    const c = await client();
    const { received, callback } = collector();
    c.subscribe(ACCOUNT_CHANNEL, callback);
    await until(() => received.keepalives >= 2, 3000);
  });
});

function rawClient(omit?: string) {
  const definition = protoLoader.loadSync(PUBSUB_PROTO, {});
  const PubSub = (grpc.loadPackageDefinition(definition) as never as { eventbus: { v1: { PubSub: grpc.ServiceClientConstructor } } }).eventbus.v1.PubSub;
  const auth = grpc.credentials.createFromMetadataGenerator((_p, callback) => {
    const meta = new grpc.Metadata();
    const values: Record<string, string> = { accesstoken: installed.tokens.access_token, instanceurl: installed.tokens.instance_url, tenantid: installed.org.id };
    for (const [k, v] of Object.entries(values)) if (k !== omit) meta.add(k, v);
    callback(null, meta);
  });
  return new PubSub(installed.sf.pubSubEndpoint!, grpc.credentials.combineChannelCredentials(grpc.credentials.createSsl(null, null, null, { rejectUnauthorized: false }), auth)) as never as RawPubSub;
}

type Unary = (request: object, callback: (err: grpc.ServiceError | null, response: never) => void) => void;
interface RawPubSub {
  GetTopic: Unary;
  GetSchema: Unary;
  Publish: Unary;
  Subscribe(): grpc.ClientDuplexStream<object, RawResponse>;
}
interface RawResponse {
  events: Array<{ event: { schemaId: string; payload: Buffer } }>;
}

/** A raw Subscribe stream whose responses and error can be awaited one by one. */
function rawSubscribe() {
  const call = rawClient().Subscribe();
  const responses: RawResponse[] = [];
  let failed: grpc.ServiceError | null = null;
  call.on('data', (r) => responses.push(r));
  call.on('error', (e: grpc.ServiceError) => (failed = e));
  return {
    write: (request: Record<string, unknown>) => call.write(request),
    cancel: () => call.cancel(),
    async next() {
      await until(() => responses.length > 0);
      return responses.shift()!;
    },
    async error(): Promise<grpc.ServiceError> {
      await until(() => failed !== null);
      return failed!;
    },
  };
}
