import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openQueueBackend } from '../../../src/jobs/backend';
import { QUEUE_KINDS, queueLocation } from '../../support/queues';

describe.each(QUEUE_KINDS)('closing the %s queue backend', (kind) => {
  it('gives the job in hand its grace, then cancels it instead of waiting behind it or leaving it running', async () => {
    const backend = await openQueueBackend(queueLocation(kind), { namespace: `close${randomBytes(4).toString('hex')}`, closeGraceMs: 300 });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let outcome: 'finished' | 'aborted' | null = null;
    backend.worker('paced', async (_job, _token, signal) => {
      started();
      try {
        // A job waiting its turn, as a Slack post waits for its channel.
        await sleep(30_000, undefined, { signal });
        outcome = 'finished';
      } catch (err) {
        outcome = (err as Error).name === 'AbortError' ? 'aborted' : null;
        throw err;
      }
    });
    await backend.queue('paced').add('wait', {});
    await running;
    const began = Date.now();
    await backend.close();
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(outcome).toBe('aborted');
  });
});
