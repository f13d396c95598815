import type { Logger } from 'pino';
import { sweepAllCrmDeals, type DealSweepDeps } from '../sync/deals/sweepDeals';
import type { QueueBackend } from './backend';
import { dispatch, schedule, QUEUES, type QueueHandlers } from './catalog';

export const crmDealHandlers = (deps: DealSweepDeps, logger: Logger): QueueHandlers<typeof QUEUES.crmDeals> => ({
  sweepCrmDeals: () => sweepAllCrmDeals(deps, (tenantId, crm, err) => logger.warn({ tenantId, crm, err: err.message }, 'CRM deal sweep failed')),
});

/** The deal sweep's scheduler and worker: one run walks every active CRM connection. */
export async function startCrmDealJobs(backend: QueueBackend, deps: DealSweepDeps, logger: Logger, options: { intervalMs: number }) {
  const queue = backend.queue(QUEUES.crmDeals);
  await schedule(queue, 'sweepCrmDeals', options.intervalMs);
  const worker = backend.worker(QUEUES.crmDeals, dispatch(crmDealHandlers(deps, logger), logger));
  worker.on('error', (err) => logger.error({ err: err.message }, 'CRM deal worker error'));
  return { queue, worker };
}
