import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Deps } from '../usecases/context';
import { expireDueRegistrations } from '../usecases/expireRegistrations';
import { describeRotation, rotateSecrets, rotationPending } from '../usecases/rotateSecrets';
import { recalculateAllTiers } from '../usecases/tierRules';
import type { QueueBackend } from './backend';
import { dispatch, enqueue, schedule, QUEUES, type QueueHandlers } from './catalog';
import { createJobMetrics } from './metrics';

/** A daily pass catches tokens an older process wrote under a retired key during a rolling restart. */
const SECRET_ROTATION_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface JobRuntimeOptions {
  expiryIntervalMs: number;
  tierIntervalMs: number;
}

export function maintenanceHandlers(deps: Deps, logger: Logger): QueueHandlers<typeof QUEUES.maintenance> {
  return {
    expireRegistrations: async () => ({ expired: await expireDueRegistrations(deps) }),
    recalculateTiers: () => recalculateAllTiers(deps),
    rotateSecrets: async () => {
      const report = await rotateSecrets(deps);
      const level = report.unreadable.length > 0 ? 'warn' : 'info';
      logger[level]({ report: describeRotation(report) }, 'stored secrets rotated');
      return { rewritten: report.rewritten, changedMeanwhile: report.changedMeanwhile, unreadable: report.unreadable.length };
    },
  };
}

/** Starts the workers and registers the schedulers; a scheduler fires once however many processes run. */
export async function startJobs(backend: QueueBackend, deps: Deps, logger: Logger, registry: Registry, options: JobRuntimeOptions) {
  const metrics = createJobMetrics(registry);
  const maintenance = backend.queue(QUEUES.maintenance);
  await schedule(maintenance, 'expireRegistrations', options.expiryIntervalMs);
  await schedule(maintenance, 'recalculateTiers', options.tierIntervalMs);
  await schedule(maintenance, 'rotateSecrets', SECRET_ROTATION_INTERVAL_MS);
  // A keyring with a new active key rotates at once rather than within the day; two processes starting together both run it, harmlessly.
  if (await rotationPending(deps)) await enqueue(maintenance, 'rotateSecrets', {});
  const worker: Worker = backend.worker(QUEUES.maintenance, dispatch(maintenanceHandlers(deps, logger), logger));
  worker.on('completed', (job, result) => {
    metrics.processed.inc({ queue: QUEUES.maintenance, outcome: 'completed' });
    logger.debug({ job: job.name, id: job.id, result }, 'job completed');
  });
  worker.on('failed', (job, err) => {
    metrics.processed.inc({ queue: QUEUES.maintenance, outcome: 'failed' });
    logger.warn({ job: job?.name, id: job?.id, err: err.message }, 'job failed');
  });
  worker.on('error', (err) => logger.error({ err: err.message }, 'worker error'));
  return { maintenance, worker };
}
