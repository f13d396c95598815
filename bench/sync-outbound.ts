/**
 * Outbound throughput against the HubSpot emulator enforcing the published limit for public
 * apps (110 requests per rolling 10 s per portal): new partners pushed by the sync engine
 * (batches of 100, paced in Redis), as a share of the ceiling (requests allowed × batch size),
 * against a baseline of one request per record under the same pacing, in the same run.
 *
 *   npm run bench:sync-outbound
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from '@hubspot/api-client';
import IORedis from 'ioredis';
import { insertPartner } from '../src/store/partners';
import { entityKey, markPending } from '../src/store/syncPending';
import { getCrmConnection } from '../src/store/connections';
import { publishedLimits, redisSlots, windowPacer } from '../src/sync/engine/pacing';
import { REDIS_URL } from '../test/support/environment';
import { startSyncWorld } from '../test/integration/sync/world';

// Enough windows of the limit that the first batch's start-up is a small part of the run.
const RECORDS = 20_000;
const BASELINE_SECONDS = 20;
const LIMIT = { requests: 110, windowSeconds: 10, batch: 100 };
const NETWORK_LATENCY_MS = { min: 120, max: 200 };
const CEILING_PER_SECOND = (LIMIT.requests / LIMIT.windowSeconds) * LIMIT.batch;

async function main() {
  console.log(`Workload: ${RECORDS} new partners pushed to HubSpot; baseline: one request per record for ${BASELINE_SECONDS} s`);
  console.log(`Limit enforced by the emulator: ${LIMIT.requests} requests / ${LIMIT.windowSeconds} s per portal; ceiling ${CEILING_PER_SECOND} records/s at ${LIMIT.batch} per batch`);
  console.log(`Emulator latency per API call: ${NETWORK_LATENCY_MS.min}–${NETWORK_LATENCY_MS.max} ms; HubSpot's webhooks for these writes are not subscribed (the ingest benchmark's load)`);
  console.log(`Machine: ${os.cpus().length} cores, Node ${process.version}`);
  // Writes only: the webhooks HubSpot would send back for them are the ingest benchmark's load, and here
  // they would share this process (and its two cores) with the engine and the emulator.
  const world = await startSyncWorld('redis', { salesforce: false, hubspotWebhooks: false });
  // HubSpot's batch calls take a while over the internet; the emulator answers as slowly.
  world.hubspot.configureFaults({ latencyMs: NETWORK_LATENCY_MS });
  await world.relay.stop();
  try {
    const ids: string[] = [];
    for (let i = 0; i < RECORDS; i++) ids.push((await insertPartner(world.database.db, world.tenantId, { name: `Bench ${i}`, region: 'NA', country: 'US', tier: 'gold', status: 'active', specialties: [] })).id);
    await markPending(world.database.db, world.tenantId, 'hubspot', 'partner', ids.map(entityKey));
    const count = () => world.companies().length;
    const started = performance.now();
    await world.sync.runtime.wake(world.tenantId, 'hubspot');
    while (count() < RECORDS) await new Promise((r) => setTimeout(r, 50));
    const total = (performance.now() - started) / 1000;
    // The engine spreads requests evenly (no opening burst), so its rate is the sustained rate.
    const sustained = RECORDS / total;
    const allowedRequests = LIMIT.requests * Math.ceil(total / LIMIT.windowSeconds);
    console.log(`Engine: ${RECORDS} records in ${total.toFixed(1)} s; sustained ${sustained.toFixed(0)} records/s = ${((sustained / CEILING_PER_SECOND) * 100).toFixed(1)}% of the ${CEILING_PER_SECOND}/s ceiling`);
    console.log(`        overall ${RECORDS} of ${allowedRequests * LIMIT.batch} allowed in ${Math.ceil(total / LIMIT.windowSeconds)} windows = ${((RECORDS / (allowedRequests * LIMIT.batch)) * 100).toFixed(1)}%; HubSpot 429s: ${(await world.metrics.errors.get()).values.filter((v) => v.labels.kind === 'rate_limited').reduce((n, v) => n + v.value, 0)}`);

    // Baseline: one create per record, same pacing, on a fresh window.
    await new Promise((r) => setTimeout(r, LIMIT.windowSeconds * 1000));
    const connection = (await getCrmConnection(world.database.db, world.engine.keyring, world.tenantId, 'hubspot'))!;
    const client = new Client({ basePath: world.hubspot.url, accessToken: connection.accessToken });
    const redis = new IORedis(REDIS_URL);
    const pace = windowPacer(redisSlots(redis, 'bench-baseline'), `${world.tenantId}.baseline`, publishedLimits('hubspot', 0));
    let baseline = 0;
    const until = performance.now() + BASELINE_SECONDS * 1000;
    while (performance.now() < until) {
      await pace('api').catch(async (err: { retryAfterMs?: number }) => new Promise((r) => setTimeout(r, Math.min(err.retryAfterMs ?? 100, until - performance.now()))));
      if (performance.now() >= until) break;
      await client.crm.companies.basicApi.create({ properties: { name: `Baseline ${baseline}` }, associations: [] });
      baseline += 1;
    }
    redis.disconnect();
    const baselineRate = baseline / BASELINE_SECONDS;
    console.log(`Baseline: ${baseline} records in ${BASELINE_SECONDS} s = ${baselineRate.toFixed(1)} records/s = ${((baselineRate / CEILING_PER_SECOND) * 100).toFixed(1)}% of the ceiling`);
    console.log(`Ratio engine / baseline: ${(sustained / baselineRate).toFixed(1)}x`);
  } finally {
    await world.close();
  }
}

void main().then(() => process.exit(0));
