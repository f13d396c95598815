import pg from 'pg';
import { Queue, Worker, createPostgresBackend } from 'bullmq';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../src/jobs/embeddedPostgres';

describe('embedded PostgreSQL over TCP', () => {
  let embedded: EmbeddedPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres('memory://');
    pool = new pg.Pool({ connectionString: embedded.connectionString, max: 8 });
    await pool.query('CREATE TABLE items (id int PRIMARY KEY, label text)');
  });
  afterAll(async () => {
    await pool.end();
    await embedded.stop();
  });

  it('keeps concurrent prepared statements from different connections apart', async () => {
    const replies = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        i % 3 === 0
          ? pool.query('INSERT INTO items (id, label) VALUES ($1, $2) RETURNING id', [i, `item ${i}`])
          : pool.query('SELECT $1::int AS a, $2::text AS b, $3::bool AS c', [i, String(i), i % 2 === 0]),
      ),
    );
    replies.forEach((r, i) => expect(r.rows[0]).toEqual(i % 3 === 0 ? { id: i } : { a: i, b: String(i), c: i % 2 === 0 }));
  });

  it('gives a connection with an open transaction the session until it commits', async () => {
    const a = await pool.connect();
    try {
      await a.query('BEGIN');
      await a.query("INSERT INTO items (id, label) VALUES (10001, 'in a transaction')");
      const outside = pool.query('SELECT count(*)::int AS n FROM items WHERE id = 10001');
      await new Promise((r) => setTimeout(r, 100));
      await a.query('COMMIT');
      expect((await outside).rows[0]).toEqual({ n: 1 });
    } finally {
      a.release();
    }
  });

  it('rolls back the transaction of a connection that disappears', async () => {
    const client = new pg.Client({ connectionString: embedded.connectionString });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('BEGIN');
    await client.query("INSERT INTO items (id, label) VALUES (10002, 'abandoned')");
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM items WHERE id = 10002');
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('runs BullMQ queues, workers and schedulers side by side', async () => {
    const connection = { connectionString: embedded.connectionString, migrate: true, schema: 'public', max: 4 };
    const names = ['alpha', 'beta', 'gamma'];
    const queues = names.map((n) => new Queue(n, { connection }, createPostgresBackend));
    await Promise.all(queues.map((q, i) => q.upsertJobScheduler(`tick-${i}`, { every: 60_000 }, { name: 'tick' })));
    let done = 0;
    const workers = names.map((n) => new Worker(n, async (job) => (job.name === 'work' ? (done += 1) : 0), { connection, concurrency: 4 }, createPostgresBackend));
    await Promise.all(queues.map((q) => q.addBulk(Array.from({ length: 50 }, (_, i) => ({ name: 'work', data: { i } })))));
    const deadline = Date.now() + 30_000;
    while (done < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(done).toBe(150);
    await Promise.all([...workers, ...queues].map((x) => x.close()));
  });
});
