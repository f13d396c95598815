import { runChaos } from '../sync/chaos/scenario';
import { startCluster, type Cluster } from './cluster';

/**
 * Trellis as a service: two web and two worker processes of the production start on one
 * PostgreSQL and one Redis, the chaos scenario's writes through Trellis, HubSpot and Salesforce,
 * deal registrations submitted among them, and one web and one worker process SIGKILLed halfway.
 * The survivors converge: every partner and registration in both CRMs exactly once, every last
 * write kept, nothing duplicated.
 */
describe('two web and two worker processes on one PostgreSQL and Redis', () => {
  let cluster: Cluster | null = null;

  it('migrate as their own command, and converge under chaos with a web and a worker process killed', async () => {
    const report = await runChaos({ changes: 160, partners: 16, conflictPairs: 4, registrations: 12, workers: 2, seed: 11 }, async () => {
      cluster = await startCluster({ web: 2, workers: 2 });
      return cluster;
    }).catch((err: Error) => {
      // What the processes logged (warnings and errors) says why.
      for (const p of [...(cluster?.web ?? []), ...(cluster?.workers ?? [])]) console.log(`${p.role} ${p.url}:\n${p.output.slice(-4000)}`);
      throw err;
    });
    const { web, workers, migrated, runningAtClose } = cluster!;
    expect(migrated).toMatch(/Applied \d+ migration\(s\): 0001_/);
    expect(report.kills).toBe(2);
    expect(report.registrations).toBe(12);
    // The killed processes died of the signal; the other two ran to the end.
    expect([web[0]!.child.signalCode, workers[0]!.child.signalCode]).toEqual(['SIGKILL', 'SIGKILL']);
    expect(runningAtClose).toBe(2);
    expect(report.duplicates).toEqual([]);
    expect(report.mismatches).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(report.unrecordedConflicts).toEqual([]);
    console.log(`multi-process chaos: ${report.changes} changes (${report.registrations} registrations) over ${report.partners} partners in ${report.seconds} s`);
  }, 300_000);
});
