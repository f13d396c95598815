import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../../sandbox/demo/boot';
import { DEMO_PORTAL } from '../../../sandbox/demo/seedCrms';
import { TrellisApi } from '../../../sandbox/demo/seedTrellis';
import { inSpan } from '../../../src/telemetry/spans';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../../support/otlpReceiver';
import { bootTestSandbox } from '../../support/sandbox';

let database: TestDatabase;
let dataDir: string;
let receiver: OtlpReceiver;
let sandbox: RunningSandbox | null = null;

const recording = () => inSpan('probe', {}, async (span) => span.isRecording());

async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  database = await createTestDatabase('postgres');
  dataDir = mkdtempSync(join(tmpdir(), 'trellis-traces-'));
  // No sweeper in between: the webhook's own wake-up is what starts the sync.
  sandbox = await bootTestSandbox(database.url, dataDir, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'trellis-under-test', SYNC_SWEEP_INTERVAL_MS: '600000' });
});
afterAll(async () => {
  await sandbox?.close();
  await receiver.close();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('traces exported over OTLP', () => {
  it('follow a HubSpot edit from its webhook through the jobs to the Salesforce write, as one trace', async () => {
    const { emulators, demo, config } = sandbox!;
    // Nothing of the start-up still in flight, so the edit below is all the sync does.
    await eventually(async () => {
      const { rows } = await database.db.query<{ n: string }>('SELECT (SELECT count(*) FROM sync_pending) + (SELECT count(*) FROM outbox WHERE published_at IS NULL) AS n');
      return Number(rows[0]!.n) === 0 || undefined;
    });
    const api = new TrellisApi(config.publicUrl, demo.apiKey);
    const partners = (await api.expect<{ data: Array<{ id: string; name: string }> }>(200, 'GET', '/api/v1/partners?limit=100')).data;
    const org = Object.values(emulators.salesforce.state.orgs)[0]!;
    const companies = Object.values(emulators.hubspot.state.portals[String(DEMO_PORTAL.id)]!.records['0-2']!);
    const partner = partners.reverse().find((p) => companies.some((c) => c.properties.trellis_partner_id === p.id))!;
    const company = companies.find((c) => c.properties.trellis_partner_id === partner.id)!;
    const account = () => Object.values(org.records.Account ?? {}).find((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id);
    const renamed = `${partner.name} Renamed In HubSpot`;

    // Edited as a HubSpot user does: the portal sends Trellis a signed webhook, Trellis writes the change to Salesforce.
    const edit = await fetch(`${emulators.hubspot.url}/_admin/portals/${DEMO_PORTAL.id}/objects/companies/${company.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { name: renamed } }),
    });
    expect(edit.status).toBe(200);
    await eventually(() => (account()?.Name === renamed ? true : undefined));

    const byId = (id: string) => receiver.spans.find((s) => s.spanId === id);
    const chainOf = (span: ReceivedSpan): ReceivedSpan[] => {
      const parent = span.parentSpanId ? byId(span.parentSpanId) : undefined;
      return parent ? [span, ...chainOf(parent)] : [span];
    };
    // The write's whole ancestry is exported: from the CRM write up to a root.
    const chain = await eventually(() => {
      const write = receiver.spans.find((s) => s.name === 'crm.write' && s.attributes['trellis.crm'] === 'salesforce' && chainOf(s).some((a) => a.name === 'webhook.receive'));
      const ancestry = write && chainOf(write);
      return ancestry && !ancestry.at(-1)!.parentSpanId ? ancestry : undefined;
    });

    expect(chain.map((s) => s.name)).toEqual(['crm.write', 'job.sync-due', 'job.sync-due', 'webhook.receive']);
    expect(new Set(chain.map((s) => s.traceId)).size).toBe(1);
    expect(new Set(chain.map((s) => s.service))).toEqual(new Set(['trellis-under-test']));
    const [write, salesforceJob, hubspotJob, webhook] = chain as [ReceivedSpan, ReceivedSpan, ReceivedSpan, ReceivedSpan];
    expect(webhook.attributes).toEqual({ 'trellis.crm': 'hubspot', 'trellis.tenant_id': demo.tenantId, 'trellis.webhook.events': expect.any(Number), 'trellis.webhook.accepted': expect.any(Number) });
    expect(webhook.attributes['trellis.webhook.accepted']).toBeGreaterThanOrEqual(1);
    expect(hubspotJob.attributes['messaging.destination.name']).toMatch(/\.hubspot$/);
    expect(salesforceJob.attributes['messaging.destination.name']).toMatch(/\.salesforce$/);
    expect(salesforceJob.attributes['trellis.tenant_id']).toBe(demo.tenantId);
    expect(write.attributes).toMatchObject({
      'trellis.crm': 'salesforce',
      'trellis.tenant_id': demo.tenantId,
      'trellis.crm.object': 'Account',
      'trellis.crm.operation': 'upsert',
      'trellis.crm.outcome': 'ok',
    });
    expect(write.attributes['trellis.crm.records']).toBeGreaterThanOrEqual(1);
    // Ids and counts only: the record's values never leave in a span.
    expect(receiver.bodies.some((b) => b.includes(renamed))).toBe(false);
  });

  it('leaves nothing registered once Trellis has stopped', async () => {
    expect(await recording()).toBe(true);
    await sandbox!.close();
    sandbox = null;
    expect(await recording()).toBe(false);
  });
});
