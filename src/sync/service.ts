import IORedis from 'ioredis';
import type { Logger } from 'pino';
import type { QueueBackend } from '../jobs/backend';
import { dispatch, enqueue, schedule, QUEUES, type QueueHandlers } from '../jobs/catalog';
import type { OutboxSubscriber } from '../jobs/outboxRelay';
import type { Crm } from '../domain/crm';
import { allActiveConnections, updateSyncState } from '../store/syncState';
import type { Deps } from '../usecases/context';
import { operatorAlarm } from './credentialAlarm';
import { crmAdapters, type CrmAppSettings } from './engine/adapters';
import type { SyncMetrics } from './engine/metrics';
import { syncOutboxSubscriber } from './engine/outboxSubscriber';
import { memorySlots, redisSlots } from './engine/pacing';
import { backfillStep, reconcileOnce } from './engine/reconcile';
import { startSyncRuntime, type SyncRuntime } from './engine/runtime';
import type { AdapterFactory, SyncEngineDeps } from './engine/syncBatch';
import { loadMapping } from './mapping/load';
import { startChangeDataCapture } from './salesforce/cdc/supervisor';
import { salesforceRefresher } from './salesforce/refresh';
import { AccessTokens } from './tokens';
import type { ProvisionReport } from './port';
import { provisionHubSpotPortal } from './hubspot/registrationStorage';
import { provisionPlan } from './provision';
import type { InboundDeps } from './inbound';

export interface SyncSettings {
  crmApps: CrmAppSettings;
  /** How often waiting records whose wake-up was lost are picked up. */
  sweepIntervalMs: number;
  /** How often each connection is reconciled against the CRM's last-modified stamps. */
  reconcileIntervalMs: number;
  /** Redis for the shared rate-limit budget; without it (embedded setup) the budget is per process. */
  redisUrl: string | null;
  /** Whether this process runs the sync workers. */
  work: boolean;
  /** Salesforce changes by Change Data Capture over the Pub/Sub API (without it, Outbound Messages and reconciliation only). */
  salesforceChanges?: { pubSubEndpoint: string; rejectUnauthorizedSsl: boolean; rescanIntervalMs?: number; retryDelaysMs?: number[] };
}

/** What the API and the webhook receivers use of the sync engine. */
export interface SyncControl {
  runtime: SyncRuntime;
  /** What the webhook receivers hand CRM changes to, as the change event subscribers do. */
  inbound: InboundDeps;
  adapters: AdapterFactory;
  startBackfill(tenantId: string, crm: Crm): Promise<void>;
  provision(tenantId: string, crm: Crm): Promise<ProvisionReport>;
}

export interface SyncService extends SyncControl {
  subscriber: OutboxSubscriber;
  close(): Promise<void>;
}

/** Sweeps, reconciliations and backfills of every connection. */
export function syncMaintenanceHandlers(
  engine: SyncEngineDeps,
  runtime: SyncRuntime,
  provision: (tenantId: string, crm: Crm) => Promise<ProvisionReport>,
): QueueHandlers<typeof QUEUES.syncMaintenance> {
  return {
    syncSweep: () => runtime.sweep(),
    syncReconcile: async ({ tenantId, crm }) => {
      const marked = await reconcileOnce(engine, tenantId, crm);
      if (marked > 0) await runtime.wake(tenantId, crm);
      return { marked };
    },
    syncBackfill: async ({ tenantId, crm }) => {
      // A fresh install first gets what the mapping needs; what cannot be created is reported on the status page.
      const report = await provision(tenantId, crm);
      if (report.missing.length > 0) {
        await updateSyncState(engine.db, tenantId, crm, { lastError: `Missing in ${crm === 'hubspot' ? 'HubSpot' : 'Salesforce'} (install the Trellis package): ${report.missing.join(', ')}`, lastErrorAt: engine.clock.now() });
      }
      for (let done = false; !done; ) {
        done = await backfillStep(engine, tenantId, crm);
        await runtime.wake(tenantId, crm);
      }
    },
  };
}

export async function startSync(options: { backend: QueueBackend; deps: Deps; logger: Logger; metrics?: SyncMetrics; settings: SyncSettings; adapters?: AdapterFactory }): Promise<SyncService> {
  const { backend, deps, logger, settings } = options;
  const redis = settings.redisUrl ? new IORedis(settings.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true }) : null;
  redis?.on('error', () => undefined);
  const slots = redis ? redisSlots(redis, 'trellis:sync-budget') : memorySlots();
  const adapters = options.adapters ?? crmAdapters({ ...deps, alarm: operatorAlarm(logger, options.metrics) }, settings.crmApps, slots);
  const engine: SyncEngineDeps = { ...deps, adapters, metrics: options.metrics };
  const runtime = startSyncRuntime({ backend, deps: engine, logger, work: settings.work });
  const maintenance = backend.queue(QUEUES.syncMaintenance);
  const inbound: InboundDeps = { db: deps.db, runtime, logger, metrics: options.metrics };

  const scheduleReconcile = (tenantId: string, crm: Crm) =>
    schedule(maintenance, 'syncReconcile', settings.reconcileIntervalMs, { schedulerId: `reconcile.${tenantId}.${crm}`, payload: { tenantId, crm } });

  const startBackfill = async (tenantId: string, crm: Crm) => {
    await enqueue(maintenance, 'syncBackfill', { tenantId, crm }, { jobId: `backfill.${tenantId}.${crm}` });
  };

  /** Gives the CRM what the mapping needs; from then on its waiting records may be written (see syncDueRecords). */
  const provision = async (tenantId: string, crm: Crm) => {
    const mapping = await loadMapping(deps.db, tenantId);
    const adapter = adapters(tenantId, crm);
    const report = crm === 'hubspot' ? await provisionHubSpotPortal(deps, adapter, tenantId, mapping) : await adapter.provision(provisionPlan(mapping, crm));
    await updateSyncState(deps.db, tenantId, crm, { provisionedAt: deps.clock.now() });
    return report;
  };

  if (settings.work) {
    await schedule(maintenance, 'syncSweep', settings.sweepIntervalMs);
    for (const { tenantId, crm } of await allActiveConnections(deps.db)) await scheduleReconcile(tenantId, crm);
    const worker = backend.worker(QUEUES.syncMaintenance, dispatch(syncMaintenanceHandlers(engine, runtime, provision), logger));
    worker.on('failed', (job, err) => logger.warn({ job: job?.name, err: err.message }, 'sync maintenance job failed'));
    worker.on('error', (err) => logger.error({ err: err.message }, 'sync maintenance worker error'));
  }

  // The workers' process subscribes to each connected org's change events; they land as webhook deliveries do.
  const changeDataCapture =
    settings.work && settings.salesforceChanges
      ? startChangeDataCapture({
          inbound,
          logger,
          settings: { ...settings.salesforceChanges, trellisClientId: settings.crmApps.salesforce.clientId },
          tokensFor: (tenantId) => new AccessTokens(deps, tenantId, 'salesforce', salesforceRefresher(settings.crmApps.salesforce)),
          onChangesMissed: (tenantId) =>
            void enqueue(maintenance, 'syncReconcile', { tenantId, crm: 'salesforce' }).catch((err: Error) => logger.warn({ tenantId, err: err.message }, 'queueing a reconciliation failed')),
        })
      : null;

  const subscriber = syncOutboxSubscriber(runtime, async (event) => {
    const { crm } = event.payload;
    await scheduleReconcile(event.tenantId, crm);
    await startBackfill(event.tenantId, crm);
    if (crm === 'salesforce') await changeDataCapture?.refresh();
  });

  return {
    runtime,
    inbound,
    adapters,
    subscriber,
    startBackfill,
    provision,
    async close() {
      await changeDataCapture?.close();
      await runtime.close();
      redis?.disconnect();
    },
  };
}
