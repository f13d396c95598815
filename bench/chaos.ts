/**
 * The full chaos run: 5,000 changes through Trellis, HubSpot and Salesforce while the
 * emulators duplicate, reorder, delay and drop webhooks and answer 5% 5xx and 429 bursts,
 * and a worker process is SIGKILLed and restarted. Prints the figures; exits 1 on any failure.
 *
 *   npm run chaos
 */
import os from 'node:os';
import { runChaos } from '../test/integration/sync/chaos/scenario';

async function main() {
  const options = { changes: 5_000, partners: 250, conflictPairs: 50, workers: 2, seed: 2026 };
  console.log(`Workload: ${options.changes} changes over ${options.partners} partners, ${options.conflictPairs} simultaneous same-field edits, ${options.workers} worker processes, seed ${options.seed}`);
  console.log(`Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`);
  const report = await runChaos(options);
  console.log(JSON.stringify(report, null, 2));
  const failed = report.duplicates.length + report.mismatches.length + report.lost.length + report.unrecordedConflicts.length;
  console.log(failed === 0 ? 'CONVERGED: equal values in all three stores, no duplicates, no lost updates, every simultaneous edit recorded' : `FAILED: ${failed} problem(s)`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
