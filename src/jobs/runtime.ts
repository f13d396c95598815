import type { Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Metrics } from '../api/metrics';
import type { Deps } from '../usecases/context';
import { expireDueRegistrations } from '../usecases/expireRegistrations';
import { recalculateAllTiers } from '../usecases/tierRules';
import type { QueueBackend } from './backend';
import { JOBS, QUEUES } from './catalog';

export interface JobRuntimeOptions {
  expiryIntervalMs: number;
  tierIntervalMs: number;
}

/** Starts the workers and registers the schedulers; a scheduler fires once however many processes run. */
export async function startJobs(backend: QueueBackend, deps: Deps, logger: Logger, metrics: Metrics, options: JobRuntimeOptions) {
  const maintenance = backend.queue(QUEUES.maintenance);
  const schedule = { removeOnComplete: 100, removeOnFail: 500 };
  await maintenance.upsertJobScheduler(JOBS.expireRegistrations.schedulerId, { every: options.expiryIntervalMs }, { name: JOBS.expireRegistrations.name, opts: schedule });
  await maintenance.upsertJobScheduler(JOBS.recalculateTiers.schedulerId, { every: options.tierIntervalMs }, { name: JOBS.recalculateTiers.name, opts: schedule });
  const handlers: Record<string, (job: Job) => Promise<unknown>> = {
    [JOBS.expireRegistrations.name]: async () => ({ expired: await expireDueRegistrations(deps) }),
    [JOBS.recalculateTiers.name]: () => recalculateAllTiers(deps),
  };
  const worker: Worker = backend.worker(QUEUES.maintenance, async (job) => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler(job);
  });
  worker.on('completed', (job, result) => {
    metrics.jobsProcessed.inc({ queue: QUEUES.maintenance, outcome: 'completed' });
    logger.debug({ job: job.name, id: job.id, result }, 'job completed');
  });
  worker.on('failed', (job, err) => {
    metrics.jobsProcessed.inc({ queue: QUEUES.maintenance, outcome: 'failed' });
    logger.warn({ job: job?.name, id: job?.id, err: err.message }, 'job failed');
  });
  worker.on('error', (err) => logger.error({ err: err.message }, 'worker error'));
  return { maintenance, worker };
}
