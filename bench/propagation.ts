/**
 * Propagation latency HubSpot → Trellis → Salesforce at a steady 50 changes/s: company
 * names edited in the HubSpot emulator, timed until the Salesforce Account carries them.
 * Baseline in the same run: the first hop alone (HubSpot → Trellis).
 *
 *   npm run bench:propagation
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startSyncWorld } from '../test/integration/sync/world';
import { summarize } from './support/latency';

const PARTNERS = 200;
const RATE = 50;
const SECONDS = 20;

async function main() {
  console.log(`Workload: ${PARTNERS} synced partners; ${RATE} HubSpot name edits/s for ${SECONDS} s, each timed until it is in Trellis and in Salesforce`);
  console.log(`Machine: ${os.cpus().length} cores, Node ${process.version}; emulators' webhook batching: HubSpot 30 ms, Salesforce 20 ms`);
  const world = await startSyncWorld('redis', { sweepIntervalMs: 1_000 });
  try {
    for (let i = 0; i < PARTNERS; i++) await world.api.post('/api/v1/partners', { name: `Prop ${i}`, region: 'NA', country: 'US' });
    await world.settle();
    const companies = world.companies();
    const pending = new Map<string, { value: string; partnerName: string; sent: number; trellis?: number; salesforce?: number }>();
    const toTrellis: number[] = [];
    const toSalesforce: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling || pending.size > 0) {
        const names = new Set(world.accounts().map((a) => String(a.Name)));
        const { rows } = await world.database.db.query<{ name: string }>('SELECT name FROM partners WHERE tenant_id = $1', [world.tenantId]);
        const inTrellis = new Set(rows.map((r) => r.name));
        const now = performance.now();
        for (const [key, change] of pending) {
          if (change.trellis === undefined && inTrellis.has(change.value)) change.trellis = now;
          if (names.has(change.value)) {
            toSalesforce.push(now - change.sent);
            toTrellis.push((change.trellis ?? now) - change.sent);
            pending.delete(key);
          }
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const start = performance.now();
    for (let i = 0; i < RATE * SECONDS; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const company = companies[i % companies.length]!;
      const value = `Prop edit ${i}`;
      pending.set(String(i), { value, partnerName: company.properties.name ?? '', sent: performance.now() });
      void fetch(`${world.hubspot.url}/_admin/portals/${world.portalId}/objects/companies/${company.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ properties: { name: value } }) });
    }
    const deadline = performance.now() + 60_000;
    while (pending.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    polling = false;
    pending.clear();
    await poller;
    // A name overwritten by a later edit of the same company before it propagated never appears: those are not counted.
    const first = summarize(toTrellis);
    const full = summarize(toSalesforce);
    console.log(`Measured ${full.count} of ${RATE * SECONDS} edits (others were overtaken by a newer edit of the same company)`);
    console.log(`HubSpot → Trellis (baseline): p50 ${first.p50.toFixed(0)} ms, p99 ${first.p99.toFixed(0)} ms`);
    console.log(`HubSpot → Trellis → Salesforce: p50 ${full.p50.toFixed(0)} ms, p99 ${full.p99.toFixed(0)} ms; p50 ratio ${(full.p50 / first.p50).toFixed(2)}`);
  } finally {
    await world.close();
  }
}

void main().then(() => process.exit(0));
