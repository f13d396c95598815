import { alertHandlers } from '../../../src/jobs/alerts';
import { JOBS, QUEUES, type QueueName } from '../../../src/jobs/catalog';
import { crmDealHandlers } from '../../../src/jobs/crmDeals';
import { mailHandlers } from '../../../src/jobs/mail';
import { maintenanceHandlers } from '../../../src/jobs/runtime';
import { createLogger } from '../../../src/logger';
import { syncHandlers } from '../../../src/sync/engine/runtime';
import { syncMaintenanceHandlers } from '../../../src/sync/service';

const logger = createLogger('silent');
const unused = {} as never;

/** The handler tables each worker is started with; built only to read their keys, never run. */
const HANDLED: Record<QueueName, object> = {
  [QUEUES.maintenance]: maintenanceHandlers(unused, logger),
  [QUEUES.alerts]: alertHandlers({ deps: unused, settings: unused, requestSync: unused } as never),
  [QUEUES.crmDeals]: crmDealHandlers(unused, logger),
  [QUEUES.mail]: mailHandlers(unused),
  [QUEUES.syncMaintenance]: syncMaintenanceHandlers(unused, unused, unused),
  [QUEUES.sync]: syncHandlers(unused),
};

describe('the job catalog', () => {
  it('has a handler on its queue for every job, and no handler for a job it does not list', () => {
    for (const queue of Object.values(QUEUES)) {
      const catalogued = Object.entries(JOBS)
        .filter(([, job]) => job.queue === queue)
        .map(([key]) => key)
        .sort();
      expect([queue, Object.keys(HANDLED[queue]).sort()]).toEqual([queue, catalogued]);
    }
  });

  it('names every job and scheduler once', () => {
    const names = Object.values(JOBS).map((j) => j.name);
    const schedulers = Object.values(JOBS).flatMap((j) => ('schedulerId' in j ? [j.schedulerId] : []));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(schedulers).size).toBe(schedulers.length);
  });
});
