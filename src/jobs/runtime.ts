import type { Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { Metrics } from '../api/metrics';
import type { Deps } from '../usecases/context';
import { expireDueRegistrations } from '../usecases/expireRegistrations';
import { describeRotation, rotateSecrets, rotationPending } from '../usecases/rotateSecrets';
import { recalculateAllTiers } from '../usecases/tierRules';
import type { QueueBackend } from './backend';
import { JOBS, QUEUES } from './catalog';

/** A daily pass catches tokens an older process wrote under a retired key during a rolling restart. */
const SECRET_ROTATION_INTERVAL_MS = 24 * 60 * 60 * 1000;

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
  await maintenance.upsertJobScheduler(JOBS.rotateSecrets.schedulerId, { every: SECRET_ROTATION_INTERVAL_MS }, { name: JOBS.rotateSecrets.name, opts: schedule });
  // A keyring with a new active key rotates at once rather than within the day; two processes starting together both run it, harmlessly.
  if (await rotationPending(deps)) await maintenance.add(JOBS.rotateSecrets.name, {}, schedule);
  const handlers: Record<string, (job: Job) => Promise<unknown>> = {
    [JOBS.expireRegistrations.name]: async () => ({ expired: await expireDueRegistrations(deps) }),
    [JOBS.recalculateTiers.name]: () => recalculateAllTiers(deps),
    [JOBS.rotateSecrets.name]: async () => {
      const report = await rotateSecrets(deps);
      const level = report.unreadable.length > 0 ? 'warn' : 'info';
      logger[level]({ report: describeRotation(report) }, 'stored secrets rotated');
      return { rewritten: report.rewritten, changedMeanwhile: report.changedMeanwhile, unreadable: report.unreadable.length };
    },
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
