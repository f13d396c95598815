import pino from 'pino';
import { startSyncWorld, type SyncWorld } from './world';

const notifications = (orgId: string, extra = '') =>
  `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>${orgId}</OrganizationId>${extra}`;

/** Forged Outbound Messages, as an attacker who knows the endpoint's shape but not its secret would send them. */
describe('Salesforce Outbound Message endpoint under forgery', () => {
  let w: SyncWorld;
  const logs: string[] = [];

  beforeAll(async () => {
    w = await startSyncWorld('postgres', { logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(line) }) });
  });
  afterAll(() => w.close());

  const secretOf = (endpoint: string) => endpoint.slice(endpoint.lastIndexOf('/') + 1);
  const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });

  it('refuses a wrong or multibyte secret with 403 before reading 5 MB of malformed XML', async () => {
    const real = secretOf(w.salesforceEndpoint);
    // Malformed throughout: if it were parsed, the answer would be a 500 "malformed XML".
    const huge = notifications(w.orgId, '<Notification><sObject>'.repeat(200_000)).slice(0, 5 * 1024 * 1024 - 1);
    const forged = ['A'.repeat(real.length), 'é'.repeat(real.length), `${real.slice(0, -1)}é`, 'not-the-secret'];
    for (const secret of forged) {
      const started = Date.now();
      const res = await post(`${w.url}/webhooks/salesforce/${encodeURIComponent(secret)}`, huge);
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(text).toContain('<faultcode>soapenv:Client</faultcode>');
      expect(text).not.toContain('malformed');
      expect(Date.now() - started).toBeLessThan(2000);
    }
    const stored = await w.database.db.query('SELECT 1 FROM inbound_events');
    expect(stored.rowCount).toBe(0);
  });

  it('with the right secret, malformed XML is still a SOAP fault, and an oversized body a 413', async () => {
    const malformed = await post(w.salesforceEndpoint, notifications(w.orgId, '<Notification><Id>'));
    expect(malformed.status).toBe(500);
    expect(await malformed.text()).toMatch(/malformed XML/);
    const oversized = await post(w.salesforceEndpoint, 'x'.repeat(5 * 1024 * 1024 + 10));
    expect(oversized.status).toBe(413);
  });

  it('never writes the path secret to the logs, on any of those answers', async () => {
    const real = secretOf(w.salesforceEndpoint);
    const requests = logs.filter((l) => l.includes('"msg":"request"') && l.includes('/webhooks/salesforce'));
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const line of requests) expect(JSON.parse(line).route).toBe('/webhooks/salesforce/:secret');
    for (const line of logs) {
      expect(line).not.toContain(real);
      expect(line).not.toContain('not-the-secret');
    }
  });
});
