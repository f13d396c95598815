import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { findCrmConnectionByAccount } from '../../src/store/connections';
import type { Db } from '../../src/store/db';
import type { Keyring } from '../../src/security/secrets';
import { findSlackInstallationByTeam } from '../../src/store/slackInstallations';
import { systemClock } from '../../src/domain/clock';
import { TenantSettings } from '../../src/domain/settings';
import { issueApiKey } from '../../src/usecases/apiKeys';
import type { Emulators } from './apps';
import { ScriptedBrowser, type LoadedPage } from './browser';
import { consentHubSpot, consentSalesforce, consentSlack, settingsTenant } from './consent';
import type { DemoData } from './data';
import { progressHubSpotDeals } from './progressDeals';
import { DEMO_ORG_NAME, DEMO_PORTAL, DEMO_SLACK, seedHubSpot, seedSalesforce, seedSlack } from './seedCrms';
import { seedTrellis, TrellisApi, type SeededTrellis } from './seedTrellis';
import { principalFor } from '../../src/domain/access';
import { DEMO_TEAM } from './team';

export interface DemoTenant {
  tenantId: string;
  apiKey: string;
  /** What was seeded in this start; null when a persisted sandbox already had it all. */
  seeded: { crms: boolean; trellis: SeededTrellis | null };
}

interface DemoContext {
  emulators: Emulators;
  trellisUrl: string;
  db: Db;
  keyring: Keyring;
  dataDir: string;
  logger: Logger;
  /** How Salesforce changes reach Trellis: Change Data Capture, or the Outbound Message fallback when Trellis has it switched off. */
  salesforceChanges: 'cdc' | 'outbound';
}

export interface DemoCrms {
  /** Whether this start created them (a fresh sandbox) rather than finding them persisted. */
  seeded: boolean;
  orgId: string;
}

/** The demo's CRM accounts and Slack workspace, created and filled where they do not exist yet. */
export async function ensureDemoCrms(emulators: Emulators, data: DemoData): Promise<DemoCrms> {
  const { hubspot, salesforce, slack } = emulators;
  let seeded = false;
  if (!hubspot.state.portals[String(DEMO_PORTAL.id)]) {
    await seedHubSpot(emulators, data);
    seeded = true;
  }
  let orgId = Object.values(salesforce.state.orgs).find((o) => o.name === DEMO_ORG_NAME)?.id;
  if (!orgId) {
    orgId = seedSalesforce(emulators, data);
    seeded = true;
  }
  const { workspaces } = slack.emulator.snapshot() as { workspaces: Record<string, unknown> };
  if (!workspaces[DEMO_SLACK.teamId]) {
    seedSlack(emulators);
    seeded = true;
  }
  return { seeded, orgId };
}

/** Whether Trellis already holds live connections to the demo accounts (a restart of a persisted sandbox). */
async function connectedTenant(ctx: DemoContext, orgId: string): Promise<string | null> {
  const [hubspot, salesforce, slack] = await Promise.all([
    findCrmConnectionByAccount(ctx.db, ctx.keyring, 'hubspot', String(DEMO_PORTAL.id)),
    findCrmConnectionByAccount(ctx.db, ctx.keyring, 'salesforce', orgId),
    findSlackInstallationByTeam(ctx.db, ctx.keyring, DEMO_SLACK.teamId),
  ]);
  const all = [hubspot, salesforce, slack];
  const tenantId = hubspot?.tenantId;
  return all.every((c) => c?.status === 'active' && c.tenantId === tenantId) ? tenantId! : null;
}

/** The admin installs Trellis into HubSpot, then adds Salesforce and Slack from the settings session. */
async function installEverywhere(ctx: DemoContext, browser: ScriptedBrowser, orgId: string): Promise<{ tenantId: string; settings: LoadedPage }> {
  const tenantId = settingsTenant(await consentHubSpot(browser, ctx.trellisUrl, DEMO_PORTAL.id));
  settingsTenant(await consentSalesforce(browser, ctx.trellisUrl, orgId, tenantId));
  const settings = await consentSlack(browser, ctx.trellisUrl, tenantId, { teamId: DEMO_SLACK.teamId, userId: DEMO_SLACK.adminId, channelId: DEMO_SLACK.channelId });
  settingsTenant(settings);
  return { tenantId, settings };
}

/**
 * The demo API key: the remembered one while it still works, else a new one from the settings page
 * of this start's install. A restarted sandbox has no admin session (installing again no longer
 * signs anyone in to a connected tenant), so the sandbox, which owns the database, issues it.
 */
async function demoApiKey(ctx: DemoContext, tenantId: string, settingsPage: LoadedPage | null, browser: ScriptedBrowser): Promise<string> {
  const file = join(ctx.dataDir, 'demo-api-key');
  const known = existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  if (known && (await new TrellisApi(ctx.trellisUrl, known).call('GET', '/api/v1/settings')).status === 200) return known;
  const sandbox = { tenantId, name: 'sandbox:demo', settings: TenantSettings.parse({}), principal: principalFor('admin') };
  const key = settingsPage
    ? await keyFromSettingsPage(browser, settingsPage)
    : (await issueApiKey({ db: ctx.db, clock: systemClock }, sandbox, { name: 'sandbox demo', role: 'admin', expiresAt: null })).secret;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * Northwind's people as Trellis users, the same emails as in their Slack and Salesforce: Dana is an
 * admin, the regional partner managers decide for their region's partners, and Sam is a sales rep.
 * Already added ones answer 409 on a restart.
 */
async function addDemoTeam(api: TrellisApi): Promise<void> {
  for (const person of DEMO_TEAM) {
    const reply = await api.call('POST', '/api/v1/users', person);
    if (reply.status !== 201 && reply.status !== 409) throw new Error(`adding ${person.email} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
}

async function keyFromSettingsPage(browser: ScriptedBrowser, settings: LoadedPage): Promise<string> {
  const page = await browser.submit(settings, { name: 'demo', role: 'admin' }, '/settings/api-keys?');
  const key = /<code class="secret">([^<]+)<\/code>/.exec(page.html)?.[1];
  if (!key) throw new Error(`the settings page did not show a new API key (${page.status})`);
  return key;
}

/**
 * The fallback for a Trellis with Change Data Capture switched off: Salesforce tells Trellis about
 * Account and Opportunity changes by Outbound Message, to the tenant's URL, as an admin would set it up.
 */
async function configureOutboundMessages(ctx: DemoContext, api: TrellisApi, orgId: string): Promise<void> {
  const status = await api.call<{ crms?: Array<{ crm: string; outboundMessageUrl?: string }> }>('GET', '/api/v1/sync/status');
  const endpointUrl = status.body?.crms?.find((c) => c.crm === 'salesforce')?.outboundMessageUrl;
  if (!endpointUrl) {
    ctx.logger.warn('this Trellis does not report a Salesforce outbound message URL; Salesforce changes reach it by reconciliation only');
    return;
  }
  const org = ctx.emulators.salesforce.state.orgs[orgId]!;
  for (const [object, fields] of [['Account', ['Id', 'Name', 'Website']], ['Opportunity', ['Id', 'Name', 'StageName', 'Amount']]] as const) {
    if (org.outboundMessages.some((m) => m.object === object && m.endpointUrl === endpointUrl)) continue;
    ctx.emulators.salesforce.configureOutboundMessage(orgId, { name: `Trellis_${object}_Changes`, object, fields: [...fields], endpointUrl });
  }
}

async function provisionAgain(ctx: DemoContext, api: TrellisApi): Promise<void> {
  const reply = await api.call('POST', '/api/v1/sync/provision');
  if (reply.status !== 200) ctx.logger.warn({ status: reply.status }, 'provisioning the CRMs again failed; Salesforce changes may reach Trellis by reconciliation only');
}

/**
 * The demo company in Trellis, over its CRM accounts (`ensureDemoCrms`): installed through the
 * real OAuth flows, and a year of partners, registrations and signals replayed through the
 * product's use cases. Each part is skipped when a persisted sandbox already has it, so a
 * restart never seeds twice.
 */
export async function ensureDemoTenant(ctx: DemoContext, crm: DemoCrms, data: DemoData, today: Date): Promise<DemoTenant> {
  const browser = new ScriptedBrowser();
  let tenantId = crm.seeded ? null : await connectedTenant(ctx, crm.orgId);
  let settingsPage: LoadedPage | null = null;
  if (!tenantId) ({ tenantId, settings: settingsPage } = await installEverywhere(ctx, browser, crm.orgId));
  const apiKey = await demoApiKey(ctx, tenantId, settingsPage, browser);
  const api = new TrellisApi(ctx.trellisUrl, apiKey);
  // With Change Data Capture, Trellis selects the objects itself when it provisions the org (at
  // install); a persisted sandbox connected before Trellis did so is provisioned again.
  if (ctx.salesforceChanges === 'outbound') await configureOutboundMessages(ctx, api, crm.orgId);
  else if (!settingsPage && ctx.emulators.salesforce.state.orgs[crm.orgId]?.changeEventMembers.length === 0) await provisionAgain(ctx, api);
  await addDemoTeam(api);
  const existing = await api.expect<{ data: unknown[] }>(200, 'GET', '/api/v1/partners?limit=1');
  const trellis = existing.data.length === 0 ? await seedTrellis({ db: ctx.db, keyring: ctx.keyring }, tenantId, data, today) : null;
  if (trellis) await progressHubSpotDeals(ctx.emulators, data, today);
  return { tenantId, apiKey, seeded: { crms: crm.seeded, trellis } };
}
