import express from 'express';
import { XMLParser } from 'fast-xml-parser';
import { listen, type RunningServer } from '../../../../sandbox/shared/http';
import { install, type Installed } from './harness';

const ACK = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>';
const NACK = ACK.replace('<Ack>true</Ack>', '<Ack>false</Ack>');

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A small SOAP endpoint standing in for Trellis's receiver; `answer` decides each response. */
async function startReceiver(answer: (request: Received, index: number) => { status: number; body: string } | Promise<{ status: number; body: string }>) {
  const received: Received[] = [];
  const app = express();
  app.post('/soap', express.text({ type: '*/*' }), async (req, res) => {
    const request = { headers: req.headers, body: req.body as string };
    received.push(request);
    const { status, body } = await answer(request, received.length - 1);
    res.status(status).type('text/xml').send(body);
  });
  const server = await listen(app);
  return { server, received, url: `${server.url}/soap` };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => name === 'Notification' });

type Notifications = {
  '@xmlns': string;
  OrganizationId: string;
  ActionId: string;
  SessionId: { '@xsi:nil': string };
  EnterpriseUrl: string;
  PartnerUrl: string;
  Notification: Array<{ Id: string; sObject: Record<string, string> }>;
};

function notificationsOf(body: string): Notifications {
  const doc = parser.parse(body) as Record<string, Record<string, Record<string, Notifications>>>;
  return doc['soapenv:Envelope']!['soapenv:Body']!.notifications!;
}

describe('Salesforce emulator: Outbound Messages', () => {
  let s: Installed;
  let receiver: { server: RunningServer; received: Received[]; url: string };
  let respond: (request: Received, index: number) => { status: number; body: string } | Promise<{ status: number; body: string }>;

  beforeAll(async () => {
    // A batching window wide enough that a loaded machine still lands a create and its follow-up edit in one message.
    s = await install({ outbound: { retryDelaysMs: [20, 40, 80, 160], batchWindowMs: 300 } });
    receiver = await startReceiver((request, index) => respond(request, index));
    s.sf.defineObject(s.org.id, { name: 'Account', fields: [{ name: 'Trellis_Id__c', type: 'string', externalId: true }] });
  });
  beforeEach(() => {
    receiver.received.length = 0;
    respond = () => ({ status: 200, body: ACK });
  });
  afterAll(async () => {
    await s.sf.close();
    await receiver.server.close();
  });

  let actionId: string;
  it('is configured per org like Setup → Outbound Message', async () => {
    const res = await fetch(`${s.sf.url}/_admin/orgs/${s.org.id}/outbound-messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'account', fields: ['Name', 'industry', 'NumberOfEmployees', 'Trellis_Id__c', 'LastModifiedDate', 'Website'], endpointUrl: receiver.url }),
    });
    expect(res.status).toBe(201);
    const definition = (await res.json()) as { id: string; object: string; fields: string[] };
    expect(definition).toMatchObject({ id: expect.stringMatching(/^04k\w{15}$/), object: 'Account', fields: expect.arrayContaining(['Industry']) });
    actionId = definition.id;
  });

  it('sends the WSDL’s notifications message for an API create, field for field', async () => {
    const { id } = await s.conn.sobject('Account').create({ Name: 'Acme & Sons', Industry: 'Retail', NumberOfEmployees: 12, Trellis_Id__c: 't-1' });
    await s.sf.idle();
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request!.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(request!.headers.soapaction).toBe('""');
    const message = notificationsOf(request!.body);
    const org15 = s.org.id.slice(0, 15);
    const stored = (await s.conn.sobject('Account').retrieve(id!)) as Record<string, unknown>;
    expect(message).toEqual({
      '@xmlns': 'http://soap.sforce.com/2005/09/outbound',
      OrganizationId: s.org.id,
      ActionId: actionId,
      SessionId: { '@xsi:nil': 'true' },
      EnterpriseUrl: `${s.sf.url}/services/Soap/c/62.0/${org15}`,
      PartnerUrl: `${s.sf.url}/services/Soap/u/62.0/${org15}`,
      Notification: [
        {
          Id: expect.stringMatching(/^04l\w{15}$/),
          sObject: {
            '@xsi:type': 'sf:Account',
            '@xmlns:sf': 'urn:sobject.enterprise.soap.sforce.com',
            'sf:Id': id,
            'sf:Name': 'Acme & Sons',
            'sf:Industry': 'Retail',
            'sf:NumberOfEmployees': '12',
            'sf:Trellis_Id__c': 't-1',
            'sf:LastModifiedDate': String(stored.LastModifiedDate).replace('+0000', 'Z'),
          },
        },
      ],
    });
    expect(request!.body).toContain('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
    expect(s.sf.deliveries().at(-1)).toMatchObject({ status: 'delivered', attempts: 1, actionId, recordIds: [id] });
  });

  it('retries until the endpoint answers <Ack>true</Ack>, sending the latest record data with the same notification id', async () => {
    const { id } = await s.conn.sobject('Account').create({ Name: 'Before' });
    // Per message: the first attempt changes the record and fails, then a NACK, then no SOAP at all, then an Ack.
    const attemptsSeen = new Map<string, number>();
    let firstId: string | undefined;
    respond = (request) => {
      const notificationId = notificationsOf(request.body).Notification[0]!.Id;
      firstId ??= notificationId;
      const attempt = attemptsSeen.get(notificationId) ?? 0;
      attemptsSeen.set(notificationId, attempt + 1);
      if (notificationId !== firstId) return { status: 200, body: ACK };
      if (attempt === 0) {
        s.sf.updateRecord(s.org.id, 'Account', id!, { Name: 'After' });
        return { status: 503, body: 'unavailable' };
      }
      if (attempt === 1) return { status: 200, body: NACK };
      if (attempt === 2) return { status: 200, body: '<not-soap/>' };
      return { status: 200, body: ACK };
    };
    await s.sf.idle();
    // Attempts of the create's message; the admin's edit queued a message of its own besides.
    const notifications = receiver.received.map((r) => notificationsOf(r.body).Notification[0]!);
    const attempts = notifications.filter((n) => n.Id === firstId);
    expect(attempts.map((n) => n.sObject['sf:Name'])).toEqual(['Before', 'After', 'After', 'After']);
    const delivery = s.sf.deliveries().find((d) => d.notificationIds[0] === firstId)!;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 4 });
  });

  it('gives up after the retry schedule and logs the failure', async () => {
    respond = () => ({ status: 500, body: 'boom' });
    await s.conn.sobject('Account').create({ Name: 'Never acknowledged' });
    await s.sf.idle();
    expect(receiver.received).toHaveLength(5);
    const log = (await fetch(`${s.sf.url}/_admin/outbound-messages`).then((r) => r.json())) as Array<{ status: string; attempts: number; lastError: string }>;
    expect(log.at(-1)).toMatchObject({ status: 'failed', attempts: 5, lastError: 'HTTP 500' });
  });

  it('batches up to 100 notifications per message and coalesces changes to one record', async () => {
    const records = Array.from({ length: 150 }, (_, i) => ({ Name: `Batch ${i}` }));
    const created = (await s.conn.create('Account', records)) as Array<{ id: string }>;
    await s.conn.sobject('Account').update({ Id: created[0]!.id, Name: 'Batch 0 renamed' });
    await s.sf.idle();
    const messages = receiver.received.map((r) => notificationsOf(r.body).Notification);
    expect(messages.map((m) => m.length).sort((a, b) => b - a)).toEqual([100, 50]);
    const first = messages.flat().filter((n) => n.sObject['sf:Id'] === created[0]!.id);
    expect(first).toHaveLength(1);
    expect(first[0]!.sObject['sf:Name']).toBe('Batch 0 renamed');
  });

  it('fires for edits made in the UI (admin API) too, and not for other objects', async () => {
    const created = await fetch(`${s.sf.url}/_admin/orgs/${s.org.id}/records/Account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'Typed by a user' }),
    });
    expect(created.status).toBe(201);
    await s.conn.sobject('Contact').create({ LastName: 'Not watched' });
    await s.sf.idle();
    expect(receiver.received.map((r) => notificationsOf(r.body).Notification[0]!.sObject['sf:Name'])).toEqual(['Typed by a user']);
  });

  it('duplicates deliveries under fault injection, keeping the notification id for dedupe', async () => {
    s.sf.setFaults({ seed: 7, webhooks: { duplicateRate: 1, reorderRate: 0, maxDelayMs: 0, dropRate: 0 } });
    try {
      await s.conn.sobject('Account').create({ Name: 'Twice' });
      await s.sf.idle();
    } finally {
      s.sf.setFaults({});
    }
    const ids = receiver.received.map((r) => notificationsOf(r.body).Notification[0]!.Id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('retries deliveries dropped in transit', async () => {
    s.sf.setFaults({ seed: 3, webhooks: { duplicateRate: 0, reorderRate: 0, maxDelayMs: 0, dropRate: 0.5 } });
    const mark = s.sf.deliveries().length;
    try {
      // One message per record, so the seeded draws repeat run after run.
      for (let i = 0; i < 4; i++) {
        await s.conn.sobject('Account').create({ Name: `Lossy ${i}` });
        await s.sf.idle();
      }
    } finally {
      s.sf.setFaults({});
    }
    const names = new Set(receiver.received.flatMap((r) => notificationsOf(r.body).Notification.map((n) => n.sObject['sf:Name'])));
    expect(names).toEqual(new Set(['Lossy 0', 'Lossy 1', 'Lossy 2', 'Lossy 3']));
    const deliveries = s.sf.deliveries().slice(mark);
    expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
    expect(deliveries.some((d) => d.attempts > 1)).toBe(true);
  });
});
