import { request } from 'node:http';
import { syncQueueName } from '../../../src/sync/engine/runtime';
import { startCluster, type Cluster } from './cluster';

/**
 * SIGTERM, as an orchestrator stops a process during a deploy: a web process finishes the
 * request in flight and refuses new ones; a worker finishes the job in hand before it exits.
 */
describe('stopping production processes with SIGTERM', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ web: 1, workers: 1 }, { SHUTDOWN_GRACE_MS: '15000' });
  });
  afterAll(() => cluster?.close());

  it('a worker finishes the sync job in hand, then exits cleanly', async () => {
    const [worker] = cluster.workers;
    // Each HubSpot call takes a while, so the job is surely in hand when the signal comes.
    cluster.hubspot.configureFaults({ latencyMs: { min: 2500, max: 2500 } });
    const created = await cluster.api.post('/api/v1/partners', { name: 'Drained Partner', region: 'NA', country: 'US', tier: 'gold', status: 'active' });
    expect(created.status).toBe(201);
    const queue = cluster.queues.queue(syncQueueName(cluster.tenantId, 'hubspot'));
    for (const deadline = Date.now() + 60_000; (await queue.getActiveCount()) === 0; ) {
      if (Date.now() > deadline) throw new Error('no sync job started');
      await new Promise((r) => setTimeout(r, 20));
    }
    worker!.child.kill('SIGTERM');
    expect(await worker!.exited).toBe(0);
    // Finished before the exit, not left for another worker: the company is in HubSpot, no job is still active.
    expect(cluster.companies().filter((c) => c.properties.trellis_partner_id === created.body.id)).toHaveLength(1);
    expect(await queue.getActiveCount()).toBe(0);
  });

  it('a web process answers the request in flight, refuses new connections, then exits cleanly', async () => {
    const [web] = cluster.web;
    const url = new URL(`${web!.url}/api/v1/partners`);
    const body = JSON.stringify({ name: 'In Flight Partner', region: 'EMEA', country: 'DE', tier: 'silver', status: 'active' });
    let afterSignal: string | undefined;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${cluster.apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      // Half the body now; the rest once the process is stopping and a new connection has been refused.
      req.write(body.slice(0, 20));
      setTimeout(() => {
        web!.child.kill('SIGTERM');
        setTimeout(async () => {
          afterSignal = await fetch(`${web!.url}/healthz`).then(() => 'answered', (err: Error & { cause?: { code?: string } }) => err.cause?.code);
          req.end(body.slice(20));
        }, 500);
      }, 300);
    });
    const reply = await answer;
    expect(afterSignal).toBe('ECONNREFUSED');
    expect(reply.status).toBe(201);
    expect(JSON.parse(reply.body)).toMatchObject({ name: 'In Flight Partner' });
    expect(await web!.exited).toBe(0);
    const { rows } = await cluster.database.db.query("SELECT count(*)::int AS n FROM partners WHERE name = 'In Flight Partner'");
    expect(rows[0]).toEqual({ n: 1 });
  });
});
