import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import type { RunningSandbox } from '../../../sandbox/demo/boot';
import { DEMO_SLACK } from '../../../sandbox/demo/seedCrms';
import { TrellisApi } from '../../../sandbox/demo/seedTrellis';
import { DEMO_SALES_REPS } from '../../../sandbox/demo/team';
import { getCrmConnection } from '../../../src/store/connections';
import { createKeyring } from '../../../src/security/secrets';
import { getSlackInstallation } from '../../../src/store/slackInstallations';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { bootTestSandbox } from '../../support/sandbox';

let database: TestDatabase;
let dataDir: string;
let sandbox: RunningSandbox | null = null;

const boot = () => bootTestSandbox(database.url, dataDir);

beforeAll(async () => {
  database = await createTestDatabase('postgres');
  dataDir = mkdtempSync(join(tmpdir(), 'trellis-sandbox-'));
  sandbox = await boot();
});
afterAll(async () => {
  await sandbox?.close();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sandbox demo', () => {
  it('installs the demo tenant into HubSpot, Salesforce and Slack through the OAuth flows', async () => {
    const { demo, emulators, config } = sandbox!;
    const keyring = createKeyring(config.encryptionKeys!);
    const hubspot = await getCrmConnection(database.db, keyring, demo.tenantId, 'hubspot');
    const salesforce = await getCrmConnection(database.db, keyring, demo.tenantId, 'salesforce');
    const slack = await getSlackInstallation(database.db, keyring, demo.tenantId);
    expect([hubspot?.status, salesforce?.status, slack?.status]).toEqual(['active', 'active', 'active']);
    expect(slack?.defaultChannelId).toBe(Object.values((emulators.slack.emulator.snapshot() as { channels: Record<string, { id: string; name: string }> }).channels).find((c) => c.name === 'partner-alerts')!.id);
    // Installed through the consent pages: the emulators issued the tokens Trellis holds.
    const companies = await new Client({ basePath: emulators.hubspot.url, accessToken: hubspot!.accessToken }).crm.companies.basicApi.getPage(100);
    expect(companies.results.length).toBe(100);
    const conn = new Connection({ instanceUrl: salesforce!.instanceUrl!, accessToken: salesforce!.accessToken, version: '62.0' });
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBeGreaterThanOrEqual(200);
    expect((await conn.query('SELECT COUNT() FROM Opportunity')).totalSize).toBeGreaterThanOrEqual(240);
    // The org has the managed package: its objects answer only to their namespaced names.
    expect((await conn.sobject('trellisprm__Trellis_Deal_Registration__c').describe()).fields.map((f) => f.name)).toContain('trellisprm__Trellis_Status__c');
    await expect(conn.sobject('Trellis_Deal_Registration__c').describe()).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('has about 40 partners over four regions and four tiers, and registrations with genuine conflicts', async () => {
    const api = new TrellisApi(sandbox!.config.publicUrl, sandbox!.demo.apiKey);
    const partners = await api.expect<{ data: Array<{ region: string; tier: string }> }>(200, 'GET', '/api/v1/partners?limit=100');
    expect(partners.data).toHaveLength(40);
    expect(new Set(partners.data.map((p) => p.region)).size).toBe(4);
    expect(new Set(partners.data.map((p) => p.tier)).size).toBe(4);
    const registrations = await api.expect<{ data: Array<{ status: string }> }>(200, 'GET', '/api/v1/deal-registrations?limit=100');
    expect(registrations.data.length).toBeGreaterThanOrEqual(40);
    expect(registrations.data.some((r) => r.status === 'approved')).toBe(true);
    const conflicts = await api.expect<{ data: Array<{ kind: string }> }>(200, 'GET', '/api/v1/conflicts?limit=100');
    expect(conflicts.data.map((c) => c.kind).sort()).toEqual(['cross_region', 'duplicate', 'duplicate']);
  });

  it('takes Salesforce edits in by Change Data Capture: the org selected Account and registrations at install, no Outbound Message is set up', async () => {
    const { emulators, demo } = sandbox!;
    const org = Object.values(emulators.salesforce.state.orgs)[0]!;
    await eventually(() => org.changeEventMembers.length >= 2);
    expect(org.changeEventMembers.map((m) => m.selectedEntity).sort()).toEqual(['AccountChangeEvent', 'trellisprm__Trellis_Deal_Registration__ChangeEvent']);
    expect(org.outboundMessages).toEqual([]);
    const api = new TrellisApi(sandbox!.config.publicUrl, demo.apiKey);
    const partner = (await api.expect<{ data: Array<{ id: string; name: string }> }>(200, 'GET', '/api/v1/partners?limit=1')).data[0]!;
    const account = await eventually(() => Object.values(org.records.Account ?? {}).find((a) => a.trellisprm__Trellis_Partner_Id__c === partner.id));
    emulators.salesforce.updateRecord(org.id, 'Account', account.Id as string, { Name: `${partner.name} (renamed in Salesforce)` });
    await eventually(async () => (await api.expect<{ name: string }>(200, 'GET', `/api/v1/partners/${partner.id}`)).name === `${partner.name} (renamed in Salesforce)` || undefined);
  });

  it('mails the sales rep who registered a demo deal when a manager presses "Ask for details…" on its Slack alert', async () => {
    const { emulators, mail } = sandbox!;
    const slack = emulators.slack;
    const asksDetails = (m: { blocks?: unknown[] }) =>
      ((m.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id: string }> }>).some((b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === 'registration.ask_details'));
    const alert = await eventually(() => slack.messages(DEMO_SLACK.channelId).find((m) => !m.deleted && !m.ephemeralTo && asksDetails(m)), 60_000);
    expect((await slack.click({ team: DEMO_SLACK.teamId, user: DEMO_SLACK.adminId, channel: DEMO_SLACK.channelId, ts: alert.ts, actionId: 'registration.ask_details' })).status).toBe(200);
    const view = await eventually(() => slack.views().find((v) => v.userId === DEMO_SLACK.adminId && !v.closed));
    await slack.submitView({ viewId: view.id, values: { question: { question_input: 'Which team at the customer signs the order?' } } });

    const question = await eventually(() => mail.messages().find((m) => m.text.includes('Which team at the customer signs the order?')));
    expect(question.to).toHaveLength(1);
    expect(DEMO_SALES_REPS).toContain(question.to[0]);
    expect(question.text).toContain('Dana Reyes has a question about the deal registration');
    expect(await (await fetch(`${mail.url}/mail`)).text()).toContain(question.to[0]);
  });

  it('keeps the demo on a restart with the same data directory, without seeding twice', async () => {
    const hubspotCompanies = Object.keys(sandbox!.emulators.hubspot.state.portals['24681357']!.records['0-2']!).length;
    const tenantId = sandbox!.demo.tenantId;
    await sandbox!.close();
    sandbox = null;
    sandbox = await boot();
    expect(sandbox.demo).toMatchObject({ tenantId, seeded: { crms: false, trellis: null } });
    expect(Object.keys(sandbox.emulators.hubspot.state.portals['24681357']!.records['0-2']!).length).toBeGreaterThanOrEqual(hubspotCompanies);
    const api = new TrellisApi(sandbox.config.publicUrl, sandbox.demo.apiKey);
    expect((await api.expect<{ data: unknown[] }>(200, 'GET', '/api/v1/partners?limit=100')).data).toHaveLength(40);
  });
});

/** Polls `check` until it gives something truthy (reconciliation runs every 5 minutes: anything sooner came by change event). */
async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
