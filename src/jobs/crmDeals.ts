import type { Logger } from 'pino';
import { sweepAllCrmDeals, type DealSweepDeps } from '../sync/deals/sweepDeals';
import type { QueueBackend } from './backend';
import { JOBS } from './catalog';

/** The deal sweep's scheduler and worker: one run walks every active CRM connection. */
export async function startCrmDealJobs(backend: QueueBackend, deps: DealSweepDeps, logger: Logger, options: { intervalMs: number }) {
  const job = JOBS.sweepCrmDeals;
  const queue = backend.queue(job.queue);
  await queue.upsertJobScheduler(job.schedulerId, { every: options.intervalMs }, { name: job.name, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  const worker = backend.worker(job.queue, async (run) => {
    if (run.name !== job.name) throw new Error(`no handler for job ${run.name}`);
    return sweepAllCrmDeals(deps, (tenantId, crm, err) => logger.warn({ tenantId, crm, err: err.message }, 'CRM deal sweep failed'));
  });
  worker.on('error', (err) => logger.error({ err: err.message }, 'CRM deal worker error'));
  return { queue, worker };
}
