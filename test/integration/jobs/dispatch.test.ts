import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { openQueueBackend, type QueueBackend } from '../../../src/jobs/backend';
import { JOBS, QUEUES, dispatch, enqueue, type QueueHandlers } from '../../../src/jobs/catalog';
import { QUEUE_KINDS, queueLocation } from '../../support/queues';

describe.each(QUEUE_KINDS)('job dispatch on the %s queue', (kind) => {
  let backend: QueueBackend;
  beforeAll(async () => {
    backend = await openQueueBackend(queueLocation(kind), { namespace: `dispatch${randomBytes(4).toString('hex')}` });
  });
  afterAll(() => backend.close());

  it('fails a job with a malformed payload or no handler at once, logs it, and goes on with the next job', async () => {
    const reconciled: string[] = [];
    const handlers: QueueHandlers<typeof QUEUES.syncMaintenance> = {
      syncSweep: async () => 0,
      syncReconcile: async ({ tenantId, crm }) => void reconciled.push(`${tenantId}/${crm}`),
      syncBackfill: async () => undefined,
    };
    const logged: { msg: string; job: string }[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const worker = backend.worker(QUEUES.syncMaintenance, dispatch(handlers, logger));
    const queue = backend.queue(QUEUES.syncMaintenance);

    // Written by hand as an older or broken producer would: retries allowed, payload wrong.
    const malformed = await queue.add(JOBS.syncBackfill.name, { tenantId: 'not a tenant', crm: 'pipedrive' }, JOBS.syncBackfill.options);
    const unknown = await queue.add('sync-everything', {});
    const tenantId = randomUUID();
    await enqueue(queue, 'syncReconcile', { tenantId, crm: 'hubspot' });

    const deadline = Date.now() + 15_000;
    while (reconciled.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(reconciled).toEqual([`${tenantId}/hubspot`]);
    for (const job of [malformed, unknown]) {
      const stored = (await queue.getJob(job.id!))!;
      expect(await stored.getState()).toBe('failed');
      expect(stored.attemptsMade).toBe(1);
    }
    expect(logged.map((l) => [l.job, l.msg])).toEqual([
      ['sync-backfill', 'job payload does not fit the job catalog'],
      ['sync-everything', 'job has no handler'],
    ]);
    expect(worker.isRunning()).toBe(true);
  });
});
