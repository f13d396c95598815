import { Queue, Worker, createPostgresBackend, type Processor, type WorkerOptions } from 'bullmq';
import IORedis from 'ioredis';
import pg from 'pg';

/**
 * Where BullMQ keeps its jobs: Redis, or PostgreSQL (a configured server, or the embedded
 * store's own, so a fresh machine needs neither). Queues and workers are built the same way on each.
 */
export type QueueLocation = { kind: 'redis'; url: string } | { kind: 'postgres' | 'embedded'; url: string };

export interface QueueBackend {
  readonly kind: QueueLocation['kind'];
  queue(name: string): Queue;
  worker(name: string, processor: Processor, options?: Omit<WorkerOptions, 'connection'>): Worker;
  /** Throws when the backend cannot be reached. */
  probe(): Promise<void>;
  /** Stops every worker, each job in hand given the grace first; the queues stay open, so requests still in flight can enqueue. */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Prefixes every queue name, so parallel test runs never share queues. */
  namespace?: string;
  /** How long closing waits for the jobs in hand before leaving them to be retried. */
  closeGraceMs?: number;
}

const CLOSE_GRACE_MS = 2_000;

function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires commands to wait rather than fail while reconnecting.
    maxRetriesPerRequest: null,
  };
}

export async function openQueueBackend(config: QueueLocation, options: BackendOptions = {}): Promise<QueueBackend> {
  const named = (name: string) => (options.namespace ? `${options.namespace}.${name}` : name);
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  const track = <T extends Queue | Worker>(list: T[], x: T): T => {
    list.push(x);
    return x;
  };
  /**
   * A queue's connection errors need a listener: without one BullMQ prints each as an unhandled
   * error. They need no action either: a dropped idle connection (the PostgreSQL server ending
   * it, or ending every connection as the embedded store stops after the queues closed) is
   * replaced on the next call, and a call that cannot reach the backend fails to its caller
   * (and the readiness probe) on its own.
   */
  const queueOf = (q: Queue): Queue => {
    q.on('error', () => undefined);
    return track(queues, q);
  };
  /**
   * Each worker is given a moment to finish the job in hand, then its jobs are cancelled and the
   * worker closed without waiting longer (a job still running runs again, on another worker once
   * its lock lapses or after a restart; every job is safe to run again), so a Ctrl-C never waits
   * behind a paced sync or Slack backlog. Closing stops the workers first, then the queues.
   */
  const stopWorkers = async () => {
    await Promise.all(
      workers.splice(0).map(async (w) => {
        const grace = new Promise((r) => setTimeout(r, options.closeGraceMs ?? CLOSE_GRACE_MS).unref());
        await Promise.race([w.pause().catch(() => undefined), grace]);
        // Jobs still waiting (a Slack channel's turn, say) are told to stop rather than left to run on against closed services.
        w.cancelAllJobs('Trellis is stopping');
        await w.close(true).catch(() => undefined);
      }),
    );
  };
  const closeAll = async () => {
    await stopWorkers();
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
  };

  if (config.kind === 'redis') {
    const connection = redisConnection(config.url);
    const pinger = new IORedis({ ...connection, maxRetriesPerRequest: 1, lazyConnect: true, enableOfflineQueue: false });
    pinger.on('error', () => undefined);
    return {
      kind: 'redis',
      queue: (name) => queueOf(new Queue(named(name), { connection })),
      worker: (name, processor, opts) => track(workers, new Worker(named(name), processor, { ...opts, connection })),
      async probe() {
        if (pinger.status === 'wait') await pinger.connect();
        await pinger.ping();
      },
      stopWorkers,
      async close() {
        await closeAll();
        pinger.disconnect();
      },
    };
  }

  // Its own schema beside the store's tables, on whichever server.
  const connection = { connectionString: config.url, migrate: true, schema: 'bullmq', max: 5 };
  const pool = new pg.Pool({ connectionString: connection.connectionString, max: 1 });
  pool.on('error', () => undefined);
  return {
    kind: config.kind,
    queue: (name) => queueOf(new Queue(named(name), { connection }, createPostgresBackend) as unknown as Queue),
    worker: (name, processor, opts) =>
      track(workers, new Worker(named(name), processor, { ...opts, connection }, createPostgresBackend) as unknown as Worker),
    async probe() {
      await pool.query('SELECT 1');
    },
    stopWorkers,
    async close() {
      await closeAll();
      await pool.end();
    },
  };
}
