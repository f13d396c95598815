import type { Logger } from 'pino';
import type { Db, Queryable } from '../store/db';
import { claimUnpublishedEvents, markPublished, type OutboxEvent } from '../store/outbox';

/**
 * A consumer of domain events (the sync engine, Slack alerts). `deliver` must be
 * idempotent per event — typically a BullMQ add with a jobId derived from the event id —
 * because an event is delivered again if the relay dies before marking it published.
 * It reads and writes the store only through `tx`, the relay's own transaction: on the
 * embedded store a second connection would wait for that transaction forever. Work that
 * must see those writes committed (waking a worker) goes in the returned callback, which
 * runs after the commit.
 */
export interface OutboxSubscriber {
  name: string;
  accepts(topic: string): boolean;
  deliver(events: OutboxEvent[], tx: Queryable): Promise<void | AfterCommit>;
}

export type AfterCommit = () => Promise<void>;

export interface OutboxRelay {
  /** Relays one batch; returns how many events it published. */
  relayOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Moves committed outbox events to their subscribers, in commit order, at least once.
 * Events leave the outbox only after every interested subscriber accepted them.
 */
export function startOutboxRelay(
  db: Db,
  subscribers: OutboxSubscriber[],
  logger: Logger,
  options: { intervalMs?: number; batchSize?: number; autoStart?: boolean } = {},
): OutboxRelay {
  const { intervalMs = 200, batchSize = 500, autoStart = true } = options;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const relayOnce = async () => {
    const afterCommit: AfterCommit[] = [];
    const published = await db.transaction(async (tx) => {
      const events = await claimUnpublishedEvents(tx, batchSize);
      for (const subscriber of subscribers) {
        const mine = events.filter((e) => subscriber.accepts(e.topic));
        const then = mine.length > 0 ? await subscriber.deliver(mine, tx) : undefined;
        if (then) afterCommit.push(then);
      }
      await markPublished(
        tx,
        events.map((e) => e.id),
      );
      return events.length;
    });
    for (const then of afterCommit) await then();
    return published;
  };

  const loop = async () => {
    while (!stopped) {
      let published = 0;
      try {
        published = await relayOnce();
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'outbox relay failed; retrying');
      }
      // A full batch means more are waiting: go again at once.
      if (published < batchSize && !stopped) await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
  if (autoStart) running = loop();

  return {
    relayOnce,
    async stop() {
      stopped = true;
      await running;
    },
  };
}
