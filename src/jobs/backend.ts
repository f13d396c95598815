import { Queue, Worker, createPostgresBackend, type Processor, type WorkerOptions } from 'bullmq';
import IORedis from 'ioredis';
import pg from 'pg';
import type { Config } from '../config';
import { startEmbeddedPostgres } from './embeddedPostgres';

/**
 * Where BullMQ keeps its jobs: Redis, PostgreSQL, or an embedded PGlite served over a
 * local socket (so a fresh machine needs neither). Queues and workers are built the same way on each.
 */
export interface QueueBackend {
  readonly kind: Config['queue']['kind'];
  queue(name: string): Queue;
  worker(name: string, processor: Processor, options?: Omit<WorkerOptions, 'connection'>): Worker;
  /** Throws when the backend cannot be reached. */
  probe(): Promise<void>;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Prefixes every queue name, so parallel test runs never share queues. */
  namespace?: string;
}

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

export async function openQueueBackend(config: Config['queue'], options: BackendOptions = {}): Promise<QueueBackend> {
  const named = (name: string) => (options.namespace ? `${options.namespace}.${name}` : name);
  const owned: { close(): Promise<unknown> }[] = [];
  const track = <T extends { close(): Promise<unknown> }>(x: T): T => {
    owned.push(x);
    return x;
  };
  const closeAll = async () => {
    for (const x of owned.reverse()) await x.close().catch(() => undefined);
  };

  if (config.kind === 'redis') {
    const connection = redisConnection(config.url);
    const pinger = new IORedis({ ...connection, maxRetriesPerRequest: 1, lazyConnect: true, enableOfflineQueue: false });
    pinger.on('error', () => undefined);
    return {
      kind: 'redis',
      queue: (name) => track(new Queue(named(name), { connection })),
      worker: (name, processor, opts) => track(new Worker(named(name), processor, { ...opts, connection })),
      async probe() {
        if (pinger.status === 'wait') await pinger.connect();
        await pinger.ping();
      },
      async close() {
        await closeAll();
        pinger.disconnect();
      },
    };
  }

  // PostgreSQL: the configured server, or the embedded one behind a local socket.
  let connection: { connectionString: string; migrate: true; schema: string; max: number };
  let stopEmbedded = async () => undefined as void;
  if (config.kind === 'postgres') {
    connection = { connectionString: config.url, migrate: true, schema: 'bullmq', max: 5 };
  } else {
    const embedded = await startEmbeddedPostgres(config.dataDir);
    // One PGlite is one session, so pinning a schema per connection is impossible; it gets the public schema to itself.
    connection = { connectionString: embedded.connectionString, migrate: true, schema: 'public', max: 4 };
    stopEmbedded = embedded.stop;
  }
  const pool = new pg.Pool({ connectionString: connection.connectionString, max: 1 });
  pool.on('error', () => undefined);
  return {
    kind: config.kind,
    queue: (name) => track(new Queue(named(name), { connection }, createPostgresBackend) as unknown as Queue),
    worker: (name, processor, opts) =>
      track(new Worker(named(name), processor, { ...opts, connection }, createPostgresBackend) as unknown as Worker),
    async probe() {
      await pool.query('SELECT 1');
    },
    async close() {
      await closeAll();
      await pool.end();
      await stopEmbedded();
    },
  };
}
