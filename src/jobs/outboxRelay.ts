import type { Logger } from 'pino';
import { readEvent, type DomainEvent } from '../domain/events';
import type { Db, Queryable } from '../store/db';
import { claimUnpublishedEvents, markPublished } from '../store/outbox';

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
  accepts(event: DomainEvent): boolean;
  deliver(events: DomainEvent[], tx: Queryable): Promise<void | AfterCommit>;
}

export type AfterCommit = () => Promise<void>;

export interface OutboxRelay {
  /** Relays one batch; returns how many events it published. */
  relayOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Moves committed outbox events to their subscribers, in commit order, at least once.
 * Events leave the outbox only after every interested subscriber accepted them. An event the
 * catalog cannot read (a topic no longer known, a payload that does not fit) is logged and
 * published to nobody: it would fail the same way on every pass and hold up the events behind it.
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
      const claimed = await claimUnpublishedEvents(tx, batchSize);
      const events: DomainEvent[] = [];
      for (const stored of claimed) {
        const read = readEvent(stored);
        if (read.ok) events.push(read.event);
        else logger.error({ eventId: stored.id, tenantId: stored.tenantId, topic: stored.topic, reason: read.reason }, 'outbox event skipped: it does not fit the event catalog');
      }
      for (const subscriber of subscribers) {
        const mine = events.filter((e) => subscriber.accepts(e));
        const then = mine.length > 0 ? await subscriber.deliver(mine, tx) : undefined;
        if (then) afterCommit.push(then);
      }
      await markPublished(
        tx,
        claimed.map((e) => e.id),
      );
      return claimed.length;
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
