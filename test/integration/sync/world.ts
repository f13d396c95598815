import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { OAuth2 } from 'jsforce';
import { Registry } from 'prom-client';
import { startHubSpotEmulator, type RunningHubSpotEmulator } from '../../../sandbox/hubspot';
import type { PortalTier } from '../../../sandbox/hubspot/state';
import { startSalesforceEmulator, type RunningSalesforceEmulator, type SalesforceEmulatorOptions } from '../../../sandbox/salesforce';
import { emulatorViews } from './emulatorViews';
import { retryUntilPasses } from '../../support/retry';
import { readPackage, TRELLIS_PACKAGE_PROJECT } from '../../../sandbox/salesforce/packageMetadata';
import { createApp } from '../../../src/api/app';
import type { RateLimiter } from '../../../src/api/rateLimits';
import { systemClock } from '../../../src/domain/clock';
import { openQueueBackend, type QueueBackend } from '../../../src/jobs/backend';
import { startOutboxRelay, type OutboxRelay } from '../../../src/jobs/outboxRelay';
import { createLogger, type Logger } from '../../../src/logger';
import { saveCrmConnection } from '../../../src/store/connections';
import type { Db } from '../../../src/store/db';
import { createKeyring, generateKeyringSpec, parseKeyring, type Keyring } from '../../../src/security/secrets';
import { signV3 } from '../../../src/security/hubspotSignature';
import { createSyncMetrics, type SyncMetrics } from '../../../src/sync/engine/metrics';
import type { SyncEngineDeps } from '../../../src/sync/engine/syncBatch';
import { DEFAULT_MAPPING } from '../../../src/sync/mapping/defaults';
import { startSync, type SyncService } from '../../../src/sync/service';
import { createTenant } from '../../../src/usecases/tenants';
import { hubspotWebhookRouter } from '../../../webhooks/hubspot';
import { salesforceEndpointSecret, salesforceWebhookRouter } from '../../../webhooks/salesforce';
import { ApiClient } from '../../support/api';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { REDIS_URL } from '../../support/environment';
import { queueBeside, storeKindFor, type QueueKind } from '../../support/queues';

export const SALESFORCE_APP = { clientId: 'TrellisSyncConsumerKey', clientSecret: 'TrellisSyncConsumerSecret' };
export const HUBSPOT_APP = { clientId: 'trellis-sync-test', clientSecret: 'hubspot-secret-0123456789' };
export const PREVIOUS_SECRET = 'hubspot-secret-before-rotation';

/** Posts a HubSpot webhook body to the world, signed (v3) as HubSpot signs it, or tampered with after signing. */
export function postHubSpotWebhook(w: Pick<SyncWorld, 'url'>, body: string, options: { secret?: string; timestamp?: number; tamper?: boolean } = {}) {
  const timestamp = String(options.timestamp ?? Date.now());
  const url = `${w.url}/webhooks/hubspot`;
  const signature = signV3(options.secret ?? HUBSPOT_APP.clientSecret, 'POST', url, body, timestamp);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
    body: options.tamper ? body.replace('"objectId":', '"objectId":1') : body,
  });
}
export const SF_APP = { ...SALESFORCE_APP, redirectUri: 'http://localhost/oauth/salesforce/callback' };
const SIGNING_SECRET = 'sync-test-signing-secret-0123456789abcdef';
export const HUBSPOT_SCOPES = ['crm.objects.companies.read', 'crm.objects.companies.write', 'crm.objects.custom.read', 'crm.objects.custom.write', 'crm.schemas.custom.read', 'crm.schemas.custom.write', 'crm.schemas.companies.write', 'crm.objects.deals.read', 'crm.objects.deals.write', 'crm.schemas.deals.write'];
/** What a portal grants Trellis: custom objects only on Enterprise. */
export const hubspotScopesOn = (tier: PortalTier): string[] => (tier === 'enterprise' ? HUBSPOT_SCOPES : HUBSPOT_SCOPES.filter((s) => !s.includes('.custom.')));
const PARTNER_SF_FIELDS = DEFAULT_MAPPING.partner.salesforce.fields.map((f) => f.crmField);

/** Trellis with the sync engine, both CRM emulators installed for one tenant, webhooks flowing. */
export interface SyncWorld {
  url: string;
  database: TestDatabase;
  api: ApiClient;
  tenantId: string;
  hubspot: RunningHubSpotEmulator;
  portalId: number;
  appId: number;
  salesforce: RunningSalesforceEmulator;
  orgId: string;
  sync: SyncService;
  /** The engine's own dependencies, for driving reconciliation or a batch directly. */
  engine: SyncEngineDeps;
  metrics: SyncMetrics;
  backend: QueueBackend;
  relay: OutboxRelay;
  salesforceEndpoint: string;
  /** What a separate worker process needs to join this world (a world on Redis: the chaos run's workers open a Redis backend). */
  workerEnv: Record<string, string>;
  /** Waits until `check` passes (polling), failing with its last error after `timeoutMs`. */
  eventually<T>(check: () => Promise<T>, timeoutMs?: number): Promise<T>;
  /** Waits for webhooks in flight and the sync to go quiet. */
  settle(): Promise<void>;
  /** The HubSpot companies and Salesforce Accounts as the emulators hold them. */
  companies(): Array<{ id: string; properties: Record<string, string> }>;
  accounts(): Array<Record<string, unknown> & { Id: string }>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Connect Salesforce too (default true). */
  salesforce?: boolean;
  sweepIntervalMs?: number;
  /** Run the sync workers in this process (default true); false leaves them to worker processes. */
  work?: boolean;
  /** Subscribe the HubSpot app to company webhooks (default true). */
  hubspotWebhooks?: boolean;
  /** The HubSpot portal's subscription tier (default enterprise). */
  hubspotTier?: PortalTier;
  /** How Salesforce changes reach Trellis: an Outbound Message on Account (default), Change Data Capture, or neither (the test subscribes itself). */
  salesforceChanges?: 'outbound' | 'cdc' | 'none';
  /** Emulator options: its clock, its Pub/Sub keepalive. */
  salesforceEmulator?: Pick<SalesforceEmulatorOptions, 'now' | 'pubSub'>;
  /** Where Trellis logs (default: nowhere), for tests that read what reaches the logs. */
  logger?: Logger;
  /** Webhook deliveries per tenant, HubSpot and Salesforce (default: unlimited). */
  webhookRateLimit?: RateLimiter;
}

/** The world on the `queue` backend; on the embedded queue the store is on the embedded server too, as `npm start` runs them. */
export async function startSyncWorld(queue: QueueKind, options: WorldOptions = {}): Promise<SyncWorld> {
  const database = await createTestDatabase(storeKindFor(queue));
  const db = database.db;
  const keyringSpec = generateKeyringSpec();
  const keyring = createKeyring(parseKeyring(keyringSpec));
  const logger = options.logger ?? createLogger('silent');
  const deps = { db, clock: systemClock, keyring };
  const { tenant, apiKey } = await createTenant(deps, 'Sync Co');

  // Listen first: the webhook receivers must know the URL the CRMs call.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const hubspot = await startHubSpotEmulator({ webhooks: { batchWindowMs: 30, retryDelaysMs: [100, 200, 400, 800, 1600] } });
  const hsApp = hubspot.registerApp({
    name: 'Trellis',
    ...HUBSPOT_APP,
    redirectUrls: ['https://trellis.example.com/oauth/hubspot/callback'],
    scopes: HUBSPOT_SCOPES,
    webhooks: {
      targetUrl: `${url}/webhooks/hubspot`,
      subscriptions: options.hubspotWebhooks === false ? [] : ['company.creation', 'company.propertyChange', 'company.deletion', 'company.merge'].map((subscriptionType) => ({ subscriptionType })),
    },
  });
  const portal = await connectHubSpotPortal(hubspot, { db, keyring }, tenant.id, options.hubspotTier);

  const salesforce = await startSalesforceEmulator({
    apps: [{ name: 'Trellis', consumerKey: SF_APP.clientId, consumerSecret: SF_APP.clientSecret, callbackUrls: [SF_APP.redirectUri] }],
    outbound: { retryDelaysMs: [100, 200, 400, 800, 1600], batchWindowMs: 20 },
    ...options.salesforceEmulator,
  });
  const changes = options.salesforceChanges ?? 'outbound';
  const org = salesforce.createOrg({ name: 'Sync Org' });
  const salesforceEndpoint = `${url}/webhooks/salesforce/${salesforceEndpointSecret(SIGNING_SECRET, tenant.id)}`;
  if (options.salesforce !== false) {
    await connectSalesforceOrg(salesforce, org.id, { db, keyring }, tenant.id);
    if (changes === 'outbound') salesforce.configureOutboundMessage(org.id, { object: 'Account', fields: PARTNER_SF_FIELDS, endpointUrl: salesforceEndpoint });
  }

  const namespace = `sync-test-${randomBytes(4).toString('hex')}`;
  const backend = await openQueueBackend(queueBeside(queue, database.url), { namespace, closeGraceMs: 500 });
  // As Trellis configures it: the CRM budget is shared through Redis when the queue is there, per process otherwise.
  const redisUrl = queue === 'redis' ? REDIS_URL : null;
  const metrics = createSyncMetrics(new Registry());
  const sync = await startSync({
    backend,
    deps,
    logger,
    metrics,
    settings: {
      crmApps: {
        hubspot: { apiUrl: hubspot.url, ...HUBSPOT_APP },
        salesforce: { loginUrl: salesforce.url, clientId: SF_APP.clientId, clientSecret: SF_APP.clientSecret, dailyBudget: 100_000 },
      },
      sweepIntervalMs: options.sweepIntervalMs ?? 250,
      reconcileIntervalMs: 3_600_000,
      redisUrl,
      work: options.work ?? true,
      ...(changes === 'cdc' ? { salesforceChanges: { pubSubEndpoint: salesforce.pubSubEndpoint!, rejectUnauthorizedSsl: false, retryDelaysMs: [100, 200, 400] } } : {}),
    },
  });
  await sync.provision(tenant.id, 'hubspot');
  if (options.salesforce !== false) await sync.provision(tenant.id, 'salesforce');
  const inbound = { ...sync.inbound, rateLimit: options.webhookRateLimit };
  const webhooks = Router();
  webhooks.use(
    hubspotWebhookRouter(inbound, { publicUrl: url, clientSecrets: [HUBSPOT_APP.clientSecret, PREVIOUS_SECRET], appId: hsApp.id, allowLegacySignatures: false }),
    salesforceWebhookRouter(inbound, { signingSecret: SIGNING_SECRET }),
  );
  const app = createApp({ ...deps, logger, adminToken: undefined, sync: { control: sync, webhooks } });
  server.on('request', app);
  const relay = startOutboxRelay(db, [sync.subscriber], logger, { intervalMs: 30 });

  const eventually = <T>(check: () => Promise<T>, timeoutMs = 15_000) => retryUntilPasses(check, timeoutMs);

  return {
    url,
    database,
    api: new ApiClient(url, apiKey),
    tenantId: tenant.id,
    hubspot,
    portalId: portal.id,
    appId: hsApp.id,
    salesforce,
    orgId: org.id,
    sync,
    engine: { ...deps, adapters: sync.adapters, metrics },
    metrics,
    backend,
    relay,
    salesforceEndpoint,
    workerEnv: {
      SYNC_DATABASE_URL: database.url,
      SYNC_REDIS_URL: REDIS_URL,
      SYNC_NAMESPACE: namespace,
      SYNC_KEYRING: keyringSpec,
      SYNC_HUBSPOT_URL: hubspot.url,
      SYNC_SALESFORCE_URL: salesforce.url,
    },
    eventually,
    ...emulatorViews({ db, hubspot, salesforce, portalId: portal.id, orgId: org.id, eventually, settleWithinMs: 30_000 }),
    async close() {
      await relay.stop();
      await sync.close();
      await backend.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hubspot.close();
      await salesforce.close();
      await database.drop();
    },
  };
}

/** A new HubSpot portal with the Trellis app (registered by the caller) installed for the tenant. */
export async function connectHubSpotPortal(hubspot: RunningHubSpotEmulator, deps: { db: Db; keyring: Keyring }, tenantId: string, tier: PortalTier = 'enterprise') {
  const portal = hubspot.createPortal({ domain: 'sync.example.com', tier });
  await installHubSpotApp(hubspot, deps, tenantId, portal.id, hubspotScopesOn(tier));
  return portal;
}

/** Installs (or reinstalls) the Trellis app in a portal with these scopes and saves the connection. */
export async function installHubSpotApp(hubspot: RunningHubSpotEmulator, deps: { db: Db; keyring: Keyring }, tenantId: string, portalId: number, scopes: string[]): Promise<void> {
  const tokens = hubspot.installApp(HUBSPOT_APP.clientId, portalId, scopes);
  await saveCrmConnection(deps.db, deps.keyring, tenantId, 'hubspot', {
    externalAccountId: String(portalId),
    scopes,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
  });
}

/** The Trellis package installed in an org and the org connected to the tenant through the web-server flow. */
export async function connectSalesforceOrg(salesforce: RunningSalesforceEmulator, orgId: string, deps: { db: Db; keyring: Keyring }, tenantId: string): Promise<void> {
  installSalesforcePackage(salesforce, orgId);
  const tokens = await authorizeSalesforce(salesforce, orgId);
  await saveCrmConnection(deps.db, deps.keyring, tenantId, 'salesforce', {
    externalAccountId: orgId,
    instanceUrl: tokens.instance_url,
    scopes: ['api', 'refresh_token'],
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
  });
}

/** What installing the Trellis package does in an org: its objects and fields, read from the package source, under its namespace. */
export function installSalesforcePackage(salesforce: RunningSalesforceEmulator, orgId: string): void {
  salesforce.installPackage(orgId, readPackage(TRELLIS_PACKAGE_PROJECT));
}

/** The web-server flow an admin goes through: consent page, Allow, code for tokens. */
async function authorizeSalesforce(salesforce: RunningSalesforceEmulator, orgId: string) {
  const oauth2 = new OAuth2({ loginUrl: salesforce.url, ...SF_APP });
  const authorizationUrl = oauth2.getAuthorizationUrl({ scope: 'api refresh_token' });
  await fetch(authorizationUrl);
  const form = new URLSearchParams([...new URL(authorizationUrl).searchParams.entries(), ['org_id', orgId], ['action', 'allow']]);
  const res = await fetch(`${salesforce.url}/services/oauth2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
  return (await oauth2.requestToken(code)) as { access_token: string; refresh_token?: string; instance_url: string };
}
