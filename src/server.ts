import type { Server } from 'node:http';
import IORedis from 'ioredis';
import type { Config } from './config';
import { crmRecordUrlFrom } from './alerts/crmRecordUrl';
import { createSlackApp } from './alerts/slack/app';
import { createApp, type AppOptions } from './api/app';
import { gracefulClose } from './api/gracefulClose';
import { createHealthApp } from './api/healthApp';
import { createMetrics } from './api/metrics';
import { createRateLimits } from './api/rateLimits';
import { systemClock, type Clock } from './domain/clock';
import { crmWebOf } from './domain/crmRecordUrl';
import { startAlertJobs } from './jobs/alerts';
import { startCrmDealJobs } from './jobs/crmDeals';
import { openQueueBackend, type BackendOptions } from './jobs/backend';
import { startOutboxRelay, type OutboxSubscriber } from './jobs/outboxRelay';
import { startJobs } from './jobs/runtime';
import { startMailJobs } from './jobs/mail';
import { smtpMailer } from './mail/smtp';
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
import type { Deps } from './usecases/context';
import { evaluatePartnerHealth } from './usecases/evaluatePartnerHealth';

export interface RunningTrellis {
  db: Db;
  url: string;
  role: Config['role'];
  /** Where the store and the queue live, for people: "embedded PostgreSQL 18.4 in ./.trellis/postgres", "redis". */
  storage: { store: string; queue: string };
  /** Reads CRM deals and scores partner health now, rather than at the schedulers' next run (the sandbox does at boot). */
  refreshPartnerIntelligence(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What one process runs: the store and the queue backend always; for the `web` role the HTTP app
 * (its requests only enqueue jobs); for the `worker` role the workers, the schedulers, the outbox
 * relay and the Change Data Capture subscriptions, with HTTP for health only; `all` (the default,
 * and the sandbox) both.
 */
export async function startTrellis(
  config: Config,
  logger: Logger,
  options: {
    clock?: Clock;
    queue?: BackendOptions;
    /** The embedded store starts empty (its database is recreated); a store at DATABASE_URL is never emptied. */
    freshStore?: boolean;
    /** The sandbox's card preview, built by the sandbox itself so that a production start never loads it. */
    preview?: (deps: Deps) => NonNullable<AppOptions['preview']>;
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
  const db = await openDb(storeUrl, { migrate: config.migrateOnStart }).catch(async (err) => {
    await embedded?.stop();
    throw err;
  });
  const backend = await openQueueBackend(config.queue.kind === 'embedded' ? { kind: 'embedded', url: storeUrl } : config.queue, {
    namespace: config.queueNamespace,
    closeGraceMs: config.shutdownGraceMs,
    ...options.queue,
  });
  /**
   * Workers, schedulers and the outbox relay run where jobs are worked. The relay belongs there
   * rather than in web processes: its sync subscriber refreshes the Change Data Capture
   * subscriptions, which live in the worker, when an org connects; and web processes, scaled for
   * requests, then do no background work at all. A web process's requests only enqueue.
   */
  const works = config.role !== 'web';
  const keyring = createKeyring(config.encryptionKeys);
  const deps = { db, clock, keyring };
  const metrics = createMetrics();
  // Limits are counted where the queue lives (Redis) or in the store, so every process counts against the same limit.
  const limitsRedis = config.queue.kind === 'redis' ? new IORedis(config.queue.url, { maxRetriesPerRequest: 1 }) : null;
  const rateLimits = createRateLimits(limitsRedis ? { kind: 'redis', client: limitsRedis } : { kind: 'postgres', db }, config.rateLimits);
  if (works) await startJobs(backend, deps, logger, metrics.registry, { expiryIntervalMs: config.registrationExpiryIntervalMs, tierIntervalMs: config.tierRecalculationIntervalMs });
  const alerts = await startAlertJobs(backend, deps, logger, {
    work: works,
    settings: config.alerts,
    slackApiUrl: config.slack.apiUrl,
    publicUrl: config.publicUrl,
    crmRecordUrl: crmRecordUrlFrom(db, crmWebOf(config.hubspot)),
  });
  // Consumers of domain events register here (the sync engine, Slack alerts).
  const subscribers: OutboxSubscriber[] = [alerts.subscriber];
  // Questions are mailed with a signed link to answer: that takes a mail server and the signing secret.
  const mailer = config.mail && config.signingSecret ? smtpMailer(config.mail) : null;
  if (mailer) {
    subscribers.push(startMailJobs(backend, logger, { deps, mailer, publicUrl: config.publicUrl, signingSecret: config.signingSecret! }, { work: works }));
  } else {
    logger.warn('SMTP_URL is not set: nothing is mailed; "Ask for details" questions are recorded and shown in Slack only');
  }
  const sync = await startSyncFromConfig(config, backend, deps, logger, metrics.registry);
  subscribers.push(sync.subscriber);
  const dealSweepDeps = { ...deps, adapters: sync.adapters };
  if (works) await startCrmDealJobs(backend, dealSweepDeps, logger, { intervalMs: config.dealSweepIntervalMs });
  const relay = works ? startOutboxRelay(db, subscribers, logger) : null;
  const probes = [{ name: 'queue', check: () => backend.probe() }];
  // Without a signing secret no Slack request can be trusted, so the Slack endpoints are not served.
  const slack = config.slack.signingSecret
    ? createSlackApp(deps, {
        signingSecret: config.slack.signingSecret,
        slackApiUrl: config.slack.apiUrl,
        logger,
        syncConflicts: applyConflictChoice,
        requestSync: alerts.requestSync,
        mail: mailer !== null,
      }).router
    : undefined;
  const app = config.role === 'worker' ? createHealthApp(db, probes, metrics, config.metricsToken) : createApp({
    ...deps,
    logger,
    adminToken: config.adminToken,
    metricsToken: config.metricsToken,
    publicUrl: config.publicUrl,
    rateLimits,
    // Card requests are signed with the HubSpot app's client secret; without one, HubSpot cards are refused.
    cards: { clientSecrets: config.hubspot.clientSecret ? [config.hubspot.clientSecret] : [], publicUrl: config.publicUrl },
    ...(options.preview ? { preview: options.preview(deps) } : {}),
    ...(slack ? { slack } : {}),
    ...(config.signingSecret ? { answers: { signingSecret: config.signingSecret } } : {}),
    mail: mailer !== null,
    ...(config.signingSecret
      ? {
          install: { publicUrl: config.publicUrl, signingSecret: config.signingSecret, hubspot: config.hubspot, salesforce: config.salesforce, slack: config.slack },
          // The sandbox, a local demo, signs in as any of its users in one click; nothing else does.
          signIn: { oidc: config.oidc, demoUsers: config.sandbox },
        }
      : {}),
    metrics,
    sync: { control: sync, ...crmWebhooksFromConfig(config, { ...sync.inbound, rateLimit: rateLimits.webhookTenant }) },
    probes,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const closeHttp = gracefulClose(server);
  let closing = false;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    db,
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    role: config.role,
    storage: {
      store: embedded ? `embedded PostgreSQL ${embedded.version} in ${embedded.dir}` : 'PostgreSQL (DATABASE_URL)',
      queue: config.queue.kind === 'redis' ? 'Redis' : config.queue.kind === 'postgres' ? 'PostgreSQL' : 'the embedded PostgreSQL',
    },
    async refreshPartnerIntelligence() {
      // A refresh still running when Trellis closes stops quietly: its work is the schedulers' again at the next start.
      await sweepAllCrmDeals(dealSweepDeps, (tenantId, crm, err) => closing || logger.warn({ tenantId, crm, err: err.message }, 'CRM deal sweep failed'));
      if (!closing) await evaluatePartnerHealth(deps);
    },
    /** Requests in flight and jobs in hand get the grace side by side; the queues close after both, the store last. */
    async close() {
      closing = true;
      await Promise.all([closeHttp(config.shutdownGraceMs), relay?.stop(), sync.close(), backend.stopWorkers()]);
      await backend.close();
      limitsRedis?.disconnect();
      mailer?.close();
      await db.close();
      await embedded?.stop();
      // Last, so the spans of everything that stopped before are exported.
      await tracing.shutdown();
    },
  };
}
