import type { Server } from 'node:http';
import IORedis from 'ioredis';
import type { Config } from './config';
import { crmRecordUrlFrom } from './alerts/crmRecordUrl';
import { createSlackApp } from './alerts/slack/app';
import { createApp } from './api/app';
import { createMetrics } from './api/metrics';
import { createRateLimits } from './api/rateLimits';
import { systemClock, type Clock } from './domain/clock';
import { crmWebOf } from './domain/crmRecordUrl';
import { startAlertJobs } from './jobs/alerts';
import { startCrmDealJobs } from './jobs/crmDeals';
import { openQueueBackend, type BackendOptions } from './jobs/backend';
import { startOutboxRelay, type OutboxSubscriber } from './jobs/outboxRelay';
import { startJobs } from './jobs/runtime';
import type { Logger } from './logger';
import type { Db } from './store/db';
import { startEmbeddedServer, type EmbeddedServer } from './store/embeddedServer';
import { openDb } from './store/openDb';
import { createKeyring } from './security/secrets';
import { sweepAllCrmDeals } from './sync/deals/sweepDeals';
import { setPackageNamespace } from './sync/salesforce/apiNames';
import { applyConflictChoice } from './sync/engine/conflictChoice';
import { startSyncFromConfig } from './sync/fromConfig';
import { crmWebhooksFromConfig } from '../webhooks/fromConfig';
import { startTracing } from './telemetry/tracing';
import { evaluatePartnerHealth } from './usecases/evaluatePartnerHealth';

export interface RunningTrellis {
  db: Db;
  url: string;
  /** Where the store and the queue live, for people: "embedded PostgreSQL 18.4 in ./.trellis/postgres", "redis". */
  storage: { store: string; queue: string };
  /** Reads CRM deals and scores partner health now, rather than at the schedulers' next run (the sandbox does at boot). */
  refreshPartnerIntelligence(): Promise<void>;
  close(): Promise<void>;
}

/** Everything one process runs by default: store, queue backend, workers and schedulers, and the HTTP app. */
export async function startTrellis(
  config: Config,
  logger: Logger,
  options: {
    clock?: Clock;
    queue?: BackendOptions;
    /** The embedded store starts empty (its database is recreated); a store at DATABASE_URL is never emptied. */
    freshStore?: boolean;
  } = {},
): Promise<RunningTrellis> {
  const clock = options.clock ?? systemClock;
  setPackageNamespace(config.salesforce.packageNamespace);
  if (!config.encryptionKeys) throw new Error('TRELLIS_ENCRYPTION_KEYS is required outside the sandbox');
  // Before anything that makes spans; off (nothing registered) without an OTLP endpoint.
  const tracing = startTracing(config.traces);
  // The embedded store is a PostgreSQL server of our own; the embedded queue is BullMQ's PostgreSQL backend on it.
  const embedded: EmbeddedServer | null = config.database.kind === 'embedded' ? await startEmbeddedServer(config.database.dataDir) : null;
  const storeUrl = embedded ? await embedded.database('trellis', { recreate: options.freshStore }) : (config.database as { url: string }).url;
  const db = await openDb(storeUrl).catch(async (err) => {
    await embedded?.stop();
    throw err;
  });
  const backend = await openQueueBackend(config.queue.kind === 'embedded' ? { kind: 'embedded', url: storeUrl } : config.queue, options.queue);
  const keyring = createKeyring(config.encryptionKeys);
  const deps = { db, clock, keyring };
  const metrics = createMetrics();
  // Limits are counted where the queue lives (Redis) or in the store, so every process counts against the same limit.
  const limitsRedis = config.queue.kind === 'redis' ? new IORedis(config.queue.url, { maxRetriesPerRequest: 1 }) : null;
  const rateLimits = createRateLimits(limitsRedis ? { kind: 'redis', client: limitsRedis } : { kind: 'postgres', db }, config.rateLimits);
  await startJobs(backend, deps, logger, metrics.registry, { expiryIntervalMs: config.registrationExpiryIntervalMs, tierIntervalMs: config.tierRecalculationIntervalMs });
  const alerts = await startAlertJobs(backend, deps, logger, {
    settings: config.alerts,
    slackApiUrl: config.slack.apiUrl,
    publicUrl: config.publicUrl,
    crmRecordUrl: crmRecordUrlFrom(db, crmWebOf(config.hubspot)),
  });
  // Consumers of domain events register here (the sync engine, Slack alerts).
  const subscribers: OutboxSubscriber[] = [alerts.subscriber];
  const sync = await startSyncFromConfig(config, backend, deps, logger, metrics.registry);
  subscribers.push(sync.subscriber);
  const dealSweepDeps = { ...deps, adapters: sync.adapters };
  await startCrmDealJobs(backend, dealSweepDeps, logger, { intervalMs: config.dealSweepIntervalMs });
  const relay = startOutboxRelay(db, subscribers, logger);
  // Without a signing secret no Slack request can be trusted, so the Slack endpoints are not served.
  const slack = config.slack.signingSecret
    ? createSlackApp(deps, {
        signingSecret: config.slack.signingSecret,
        slackApiUrl: config.slack.apiUrl,
        logger,
        syncConflicts: applyConflictChoice,
        requestSync: alerts.requestSync,
      }).router
    : undefined;
  const app = createApp({
    ...deps,
    logger,
    adminToken: config.adminToken,
    metricsToken: config.metricsToken,
    publicUrl: config.publicUrl,
    rateLimits,
    // Card requests are signed with the HubSpot app's client secret; without one, HubSpot cards are refused.
    cards: { clientSecrets: config.hubspot.clientSecret ? [config.hubspot.clientSecret] : [], publicUrl: config.publicUrl },
    // The sandbox shows the cards on a record page of its emulated portal, signing their requests as HubSpot would.
    ...(config.sandbox && config.hubspot.clientSecret
      ? {
          preview: {
            publicUrl: config.publicUrl,
            hubspot: { apiUrl: config.hubspot.apiUrl, clientId: config.hubspot.clientId, clientSecret: config.hubspot.clientSecret, appId: config.hubspot.appId },
            links: [
              { label: 'HubSpot sandbox', url: `${config.hubspot.apiUrl}/` },
              { label: 'Salesforce sandbox', url: `${config.salesforce.loginUrl}/` },
            ],
          },
        }
      : {}),
    ...(slack ? { slack } : {}),
    ...(config.signingSecret
      ? {
          install: { publicUrl: config.publicUrl, signingSecret: config.signingSecret, hubspot: config.hubspot, salesforce: config.salesforce, slack: config.slack },
          // The sandbox, a local demo, signs in as any of its users in one click; nothing else does.
          signIn: { oidc: config.oidc, demoUsers: config.sandbox },
        }
      : {}),
    metrics,
    sync: { control: sync, ...crmWebhooksFromConfig(config, { ...sync.inbound, rateLimit: rateLimits.webhookTenant }) },
    probes: [{ name: 'queue', check: () => backend.probe() }],
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  let closing = false;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    db,
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    storage: {
      store: embedded ? `embedded PostgreSQL ${embedded.version} in ${embedded.dir}` : 'PostgreSQL (DATABASE_URL)',
      queue: config.queue.kind === 'redis' ? 'Redis' : config.queue.kind === 'postgres' ? 'PostgreSQL' : 'the embedded PostgreSQL',
    },
    async refreshPartnerIntelligence() {
      // A refresh still running when Trellis closes stops quietly: its work is the schedulers' again at the next start.
      await sweepAllCrmDeals(dealSweepDeps, (tenantId, crm, err) => closing || logger.warn({ tenantId, crm, err: err.message }, 'CRM deal sweep failed'));
      if (!closing) await evaluatePartnerHealth(deps);
    },
    async close() {
      closing = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await relay.stop();
      await sync.close();
      await backend.close();
      limitsRedis?.disconnect();
      await db.close();
      await embedded?.stop();
      // Last, so the spans of everything that stopped before are exported.
      await tracing.shutdown();
    },
  };
}
