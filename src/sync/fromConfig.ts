import { Router } from 'express';
import type { Logger } from 'pino';
import type { RateLimiter } from '../api/rateLimits';
import type { Config } from '../config';
import type { QueueBackend } from '../jobs/backend';
import type { Deps } from '../usecases/context';
import { hubspotWebhookRouter } from '../../webhooks/hubspot';
import { salesforceEndpointSecret, salesforceWebhookRouter } from '../../webhooks/salesforce';
import { createSyncMetrics } from './engine/metrics';
import { startSync, type SyncControl, type SyncService } from './service';
import type { Registry } from 'prom-client';

/** What the HTTP app mounts for sync: the admin routes' engine handle, the webhook receivers, the Outbound Message URL. */
export interface SyncAppOptions {
  control: SyncControl;
  webhooks: Router;
  salesforceOutboundUrl?: (tenantId: string) => string;
}

/** The sync engine and its receivers, configured from the environment. */
export async function startSyncFromConfig(
  config: Config,
  backend: QueueBackend,
  deps: Deps,
  logger: Logger,
  registry: Registry,
  /** Webhook deliveries per tenant, counted once the sender is authenticated. */
  webhookRateLimit?: RateLimiter,
): Promise<{ service: SyncService; app: SyncAppOptions }> {
  const metrics = createSyncMetrics(registry);
  const service = await startSync({
    backend,
    deps,
    logger,
    metrics,
    settings: {
      crmApps: {
        hubspot: {
          apiUrl: config.hubspot.apiUrl,
          clientId: config.hubspot.clientId,
          clientSecret: config.hubspot.clientSecret ?? '',
          searchLagMs: config.sync.hubspotSearchLagMs,
        },
        salesforce: { loginUrl: config.salesforce.loginUrl, clientId: config.salesforce.clientId, clientSecret: config.salesforce.clientSecret ?? '', dailyBudget: config.sync.salesforceDailyBudget },
      },
      sweepIntervalMs: config.sync.sweepIntervalMs,
      reconcileIntervalMs: config.sync.reconcileIntervalMs,
      redisUrl: config.queue.kind === 'redis' ? config.queue.url : null,
      // A web process wakes the sync (it enqueues); the workers run it.
      work: config.role !== 'web',
      ...(config.sync.salesforcePubSub ? { salesforceChanges: config.sync.salesforcePubSub } : {}),
    },
  });
  const inbound = { db: deps.db, runtime: service.runtime, logger, metrics, rateLimit: webhookRateLimit };
  const webhooks = Router();
  webhooks.use(
    hubspotWebhookRouter(inbound, {
      publicUrl: config.publicUrl,
      clientSecrets: [config.hubspot.clientSecret, ...config.sync.hubspotPreviousSecrets].filter((s): s is string => Boolean(s)),
      appId: config.hubspot.appId,
      allowLegacySignatures: config.sync.hubspotAllowLegacySignatures,
    }),
  );
  const signingSecret = config.signingSecret;
  if (signingSecret) webhooks.use(salesforceWebhookRouter(inbound, { signingSecret }));
  return {
    service,
    app: {
      control: service,
      webhooks,
      ...(signingSecret ? { salesforceOutboundUrl: (tenantId: string) => `${config.publicUrl}/webhooks/salesforce/${salesforceEndpointSecret(signingSecret, tenantId)}` } : {}),
    },
  };
}
