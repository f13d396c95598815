import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config';
import type { QueueBackend } from '../jobs/backend';
import type { Deps } from '../usecases/context';
import { createSyncMetrics } from './engine/metrics';
import { startSync, type SyncService } from './service';

/** The sync engine, configured from the environment. */
export async function startSyncFromConfig(config: Config, backend: QueueBackend, deps: Deps, logger: Logger, registry: Registry): Promise<SyncService> {
  return startSync({
    backend,
    deps,
    logger,
    metrics: createSyncMetrics(registry),
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
}
