import pino from 'pino';
import { DEFAULT_RATE_LIMITS } from '../../../src/config/rateLimits';
import { createRateLimits } from '../../../src/api/rateLimits';
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

describe('Salesforce Outbound Messages over the tenant\'s limit', () => {
  let w: SyncWorld;

  beforeAll(async () => {
    const limits = createRateLimits({ kind: 'memory' }, { ...DEFAULT_RATE_LIMITS, webhookTenantPerMinute: 2 });
    w = await startSyncWorld('postgres', { webhookRateLimit: limits.webhookTenant });
  });
  afterAll(() => w.close());

  it('answers 429 with Retry-After once the tenant is over its limit, and stores nothing more', async () => {
    const message = (n: number) =>
      notifications(w.orgId, `<Notification><Id>04l00000000000${n}AAA</Id><sObject xmlns:sf="urn:sobject.enterprise.soap.sforce.com" xsi:type="sf:Account" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sf:Id>001000000000${n}AAA</sf:Id></sObject></Notification></notifications></soapenv:Body></soapenv:Envelope>`);
    const statuses = [];
    for (let n = 1; n <= 3; n++) statuses.push(await fetch(w.salesforceEndpoint, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: message(n) }));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(Number(statuses[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
    const stored = await w.database.db.query("SELECT dedupe_key FROM inbound_events WHERE dedupe_key LIKE '04l%' ORDER BY dedupe_key");
    expect(stored.rows.map((r) => r.dedupe_key)).toEqual(['04l000000000001AAA', '04l000000000002AAA']);
  });
});
