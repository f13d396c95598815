import { Worker, type Job, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { QueueBackend } from '../../jobs/backend';
import { dispatch, enqueue, type QueueHandlers, type QUEUES } from '../../jobs/catalog';
import type { Crm } from '../../domain/crm';
import { connectionsWithDueRecords, pendingSummary } from '../../store/syncPending';
import { getSyncState } from '../../store/syncState';
import { CrmError } from '../errors';
import { BatchClaims } from './batchClaims';
import { syncDueRecords, type SyncEngineDeps } from './syncBatch';

/** A queue per tenant and CRM, so a 429 from one portal pauses only that tenant's sync. BullMQ names cannot hold `:`. */
export const syncQueueName = (tenantId: string, crm: Crm) => `sync.${tenantId}.${crm}`;

/** A job keeps taking batches for this long before handing the queue to the next job. */
const JOB_BUDGET_MS = 5_000;
/** Batches a job runs side by side on disjoint records, so one batch's CRM round trip overlaps another's work. */
const LANES = 3;
/**
 * A worker that dies mid-batch holds its queue until its lock lapses (waking it meanwhile only
 * queues one more job), so locks are short: the batch is found stalled and rerun within seconds.
 */
const LOCKS = { lockDuration: 10_000, stalledInterval: 3_000, maxStalledCount: 3 };

/** The per-connection queue's one job: its queue already names the connection. */
export const syncHandlers = (syncDue: (job: Job) => Promise<void>): QueueHandlers<typeof QUEUES.sync> => ({ syncDue: (_connection, job) => syncDue(job) });

export interface SyncRuntime {
  /** Wakes the sync of one tenant's CRM (idempotent: coalesces with a waiting wake-up). */
  wake(tenantId: string, crm: Crm): Promise<void>;
  /** Wakes every connection with records due: repairs lost wake-ups (a crash between storing and enqueueing). */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

export function startSyncRuntime(options: {
  backend: QueueBackend;
  deps: SyncEngineDeps;
  logger: Logger;
  /** Whether this process works the queues (a web-only process only enqueues). */
  work: boolean;
}): SyncRuntime {
  const { backend, deps, logger } = options;
  const queues = new Map<string, Promise<Queue>>();
  const workers = new Map<string, Worker>();
  // Set on close: a running job ends after the batch in hand, and its remaining records wait, marked, for the next start.
  let closing = false;

  /**
   * One job at a time per queue, across every worker process: a failed job's retry and the
   * wake-up queued behind it could otherwise run side by side and write one record twice.
   */
  const queueFor = (tenantId: string, crm: Crm) => {
    const name = syncQueueName(tenantId, crm);
    let queue = queues.get(name);
    if (!queue) {
      const created = backend.queue(name);
      queue = created.setGlobalConcurrency(1).then(() => created);
      queues.set(name, queue);
    }
    return queue;
  };

  const ensureWorker = (tenantId: string, crm: Crm) => {
    const name = syncQueueName(tenantId, crm);
    // Once closing, a wake-up only queues the job for the next start: a worker opened now would outlive close().
    if (!options.work || closing || workers.has(name)) return;
    const syncDue = async (job: Job) => {
      // Until the install's provisioning has run, writes would only be refused: the records wait for it.
      if (!(await getSyncState(deps.db, tenantId, crm))?.provisionedAt) return;
      const started = Date.now();
      const claims = new BatchClaims();
      let outOfBudget = false;
      const lane = async () => {
        for (;;) {
          const outcome = await syncDueRecords(deps, tenantId, crm, claims);
          if (!outcome.more || closing) return;
          if (Date.now() - started > JOB_BUDGET_MS) {
            outOfBudget = true;
            return;
          }
        }
      };
      try {
        // Every lane finishes its batch before a failure is handled, so no batch outlives its job.
        const lanes = await Promise.allSettled(Array.from({ length: LANES }, lane));
        const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
        if (failed) throw failed.reason;
        if (outOfBudget) await runtime.wake(tenantId, crm);
      } catch (err) {
        if (err instanceof CrmError && err.kind === 'rate_limited') {
          // The CRM (or our own pacing) said wait: pause this tenant's queue, keep the job.
          await worker.rateLimit(err.retryAfterMs ?? 1_000);
          throw Worker.RateLimitError();
        }
        logger.warn({ tenantId, crm, job: job.id, err: (err as Error).message }, 'sync batch failed');
        throw err;
      }
    };
    const worker: Worker = backend.worker(name, dispatch(syncHandlers(syncDue), logger), LOCKS);
    worker.on('error', (err) => logger.error({ tenantId, crm, err: err.message }, 'sync worker error'));
    workers.set(name, worker);
  };

  const runtime: SyncRuntime = {
    async wake(tenantId, crm) {
      ensureWorker(tenantId, crm);
      await enqueue(await queueFor(tenantId, crm), 'syncDue', { tenantId, crm });
    },
    async sweep() {
      const due = await connectionsWithDueRecords(deps.db, deps.clock.now());
      for (const { tenantId, crm } of due) await runtime.wake(tenantId, crm);
      if (deps.metrics) {
        for (const tenantId of new Set(due.map((d) => d.tenantId))) {
          for (const s of await pendingSummary(deps.db, tenantId)) {
            deps.metrics.pending.set({ tenant: tenantId, crm: s.crm }, s.waiting);
            deps.metrics.lagSeconds.set({ tenant: tenantId, crm: s.crm }, s.oldest ? (Date.now() - s.oldest.getTime()) / 1000 : 0);
          }
        }
      }
      return due.length;
    },
    async close() {
      closing = true;
      await Promise.all([...workers.values()].map((w) => w.close()));
    },
  };
  return runtime;
}
