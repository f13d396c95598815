/**
 * Webhook ingest: signed HubSpot batches of 100 events through POST /webhooks/hubspot
 * (verify, parse, store with dedupe keys, mark records, wake the sync), for throughput
 * flat out and for acknowledgement latency at a steady 1,000 events/s — against raw BullMQ
 * addBulk of the same number of jobs on the same Redis, in the same run.
 *
 *   npm run bench:webhook-ingest
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { signV3 } from '../src/security/hubspotSignature';
import { REDIS_URL } from '../test/support/environment';
import { HUBSPOT_APP, startSyncWorld } from '../test/integration/sync/world';
import { summarize } from './support/latency';

const BATCH = 100;
const FLAT_OUT_SECONDS = 5;
const CONCURRENCY = 8;
const STEADY_RATE = 1_000;
const STEADY_SECONDS = 10;

async function main() {
  console.log(`Workload: signed batches of ${BATCH} company events; flat out for ${FLAT_OUT_SECONDS} s with ${CONCURRENCY} senders; then ${STEADY_RATE} events/s for ${STEADY_SECONDS} s`);
  console.log(`Machine: ${os.cpus().length} cores, Node ${process.version}; Postgres and Redis on the same machine`);
  const world = await startSyncWorld('redis', { salesforce: false, work: false });
  let eventId = 1;
  const url = `${world.url}/webhooks/hubspot`;
  const ingest = async () => {
    const body = JSON.stringify(
      Array.from({ length: BATCH }, () => ({
        eventId: eventId++, subscriptionId: 1, portalId: world.portalId, appId: world.appId, occurredAt: Date.now(), subscriptionType: 'company.propertyChange',
        attemptNumber: 0, objectId: 1 + (eventId % 5_000), propertyName: 'name', propertyValue: 'x', changeSource: 'CRM_UI', sourceId: 'userId:1',
      })),
    );
    const timestamp = String(Date.now());
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signV3(HUBSPOT_APP.clientSecret, 'POST', url, body, timestamp), 'x-hubspot-request-timestamp': timestamp } });
    if (res.status !== 200) throw new Error(`ingest answered ${res.status}`);
    await res.arrayBuffer();
  };
  const queue = new Queue(`bench-addbulk-${process.pid}`, { connection: { url: REDIS_URL } as never });
  let job = 0;
  const addBulk = async () => {
    await queue.addBulk(Array.from({ length: BATCH }, () => ({ name: 'event', data: { eventId: job++ }, opts: { jobId: `e${job}` } })));
  };

  const flatOut = async (send: () => Promise<void>) => {
    let sent = 0;
    const until = performance.now() + FLAT_OUT_SECONDS * 1000;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await send();
        sent += BATCH;
      }
    }));
    return sent / FLAT_OUT_SECONDS;
  };
  const steady = async (send: () => Promise<void>) => {
    const latencies: number[] = [];
    const interval = (BATCH / STEADY_RATE) * 1000;
    const inFlight: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < (STEADY_RATE / BATCH) * STEADY_SECONDS; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push((async () => {
        const t = performance.now();
        await send();
        latencies.push(performance.now() - t);
      })());
    }
    await Promise.all(inFlight);
    return summarize(latencies);
  };

  try {
    const ours = await flatOut(ingest);
    const raw = await flatOut(addBulk);
    const oursSteady = await steady(ingest);
    const rawSteady = await steady(addBulk);
    console.log(`Flat out:  webhook ingest ${ours.toFixed(0)} events/s; raw addBulk ${raw.toFixed(0)} jobs/s; ratio ${(ours / raw).toFixed(2)}`);
    console.log(`At ${STEADY_RATE}/s: webhook ack p50 ${oursSteady.p50.toFixed(1)} ms, p99 ${oursSteady.p99.toFixed(1)} ms (per ${BATCH}-event batch); addBulk p50 ${rawSteady.p50.toFixed(1)} ms, p99 ${rawSteady.p99.toFixed(1)} ms; p99 ratio ${(oursSteady.p99 / rawSteady.p99).toFixed(1)}`);
    const stored = await world.database.db.query<{ n: string }>('SELECT count(*) AS n FROM inbound_events');
    console.log(`Stored: ${stored.rows[0]!.n} inbound events (each exactly once)`);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await world.close();
  }
}

void main().then(() => process.exit(0));
