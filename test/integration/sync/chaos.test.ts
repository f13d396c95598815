import { runChaos } from './chaos/scenario';

describe('CRM sync under chaos (CI size, seeded)', () => {
  it('converges: equal values in Trellis, HubSpot and Salesforce, no duplicates, no lost updates, conflicts recorded', async () => {
    const report = await runChaos({ changes: 300, partners: 30, conflictPairs: 6, workers: 2, seed: 7 });
    expect(report.kills).toBe(1);
    expect(report.duplicates).toEqual([]);
    expect(report.mismatches).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(report.unrecordedConflicts).toEqual([]);
    expect(report.conflictsExpected).toBeGreaterThan(0);
  }, 180_000);
});
