/**
 * Conflict-check benchmark: 1,000,000 deal registrations over 200,000 customers in a fresh
 * Postgres database, then the latency of the dry-run conflict check through the code path
 * the API uses, against a sequential-similarity baseline measured in the same run, and a
 * check that both find exactly the same conflicts.
 *
 *   npm run bench:conflict-check
 *   CONFLICT_BENCH_REGISTRATIONS=100000 npm run bench:conflict-check   (a smaller run, customers and partners scaled alike)
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fixedClock } from '../src/domain/clock';
import type { ChannelConflict } from '../src/domain/conflicts';
import { createKeyring, parseKeyring, generateKeyringSpec } from '../src/security/secrets';
import type { Actor, Deps } from '../src/usecases/context';
import { checkDealRegistration } from '../src/usecases/submitDealRegistration';
import { createTenant } from '../src/usecases/tenants';
import { createTestDatabase } from '../test/support/databases';
import { naiveConflicts } from './conflict-check/naive';
import { buildQueries, QUERY_KINDS, type CheckQuery, type QueryPool } from './conflict-check/queries';
import { seedAccounts, seedPartners, seedRegistrations } from './conflict-check/seed';
import { summarize, timeEach, type LatencySummary } from './support/latency';
import { seededRandom } from './support/random';
import { principalFor } from '../src/domain/access';

const REGISTRATIONS = Number(process.env.CONFLICT_BENCH_REGISTRATIONS ?? 1_000_000);
const WORKLOAD = {
  registrations: REGISTRATIONS,
  accounts: Math.round(REGISTRATIONS / 5),
  partners: Math.max(10, Math.round(REGISTRATIONS / 500)),
  warmupChecks: 300,
  indexedChecks: 2_000,
  // The baseline reads every open registration per check: a sample is enough to compare.
  baselineChecks: 30,
};
const TARGET_P99_MS = 10;

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const ms = (v: number) => v.toFixed(2);

/** What a conflict check reports, reduced to what must agree between the two paths. */
const fingerprint = (conflicts: readonly ChannelConflict[]) =>
  conflicts.map((c) => `${c.registrationId}:${c.kind}:${c.score}:${c.evidence.matchedOn}`).sort().join('|');

async function main(): Promise<void> {
  const database = await createTestDatabase('postgres');
  try {
    const { db } = database;
    const clock = fixedClock(new Date());
    const deps: Deps = { db, clock, keyring: createKeyring(parseKeyring(generateKeyringSpec())) };
    const { tenant } = await createTenant(deps, 'Benchmark Tenant');
    const actor: Actor = { tenantId: tenant.id, settings: tenant.settings, name: 'bench', principal: principalFor('admin') };
    const random = seededRandom(20240601);

    const seedStart = performance.now();
    let step = performance.now();
    const partners = await seedPartners(db, tenant.id, WORKLOAD.partners);
    const accounts = await seedAccounts(db, tenant.id, WORKLOAD.accounts, random);
    console.log(`seeded ${partners.length} partners and ${accounts.length} accounts in ${seconds(step)}`);
    step = performance.now();
    await seedRegistrations(db, tenant.id, WORKLOAD.registrations, (done) => console.log(`  … ${done} registrations (${seconds(step)})`));
    console.log(`seeded ${WORKLOAD.registrations} registrations in ${seconds(step)}`);
    step = performance.now();
    // Set-based seeding bypasses the store, so mark the claimed customers as the store does on every write.
    await db.query(
      `UPDATE accounts a SET has_open_registrations = EXISTS (
         SELECT 1 FROM deal_registrations r WHERE r.tenant_id = a.tenant_id AND r.account_id = a.id AND r.status IN ('pending', 'approved'))
       WHERE a.tenant_id = $1`,
      [tenant.id],
    );
    await db.query('VACUUM (ANALYZE) accounts');
    await db.query('VACUUM (ANALYZE) deal_registrations');
    console.log(`vacuum + analyze in ${seconds(step)}; seeding total ${seconds(seedStart)}`);

    const { rows: statusRows } = await db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM deal_registrations WHERE tenant_id = $1 GROUP BY status ORDER BY status',
      [tenant.id],
    );
    const { rows: openRows } = await db.query<{ account_id: string }>(
      `SELECT account_id FROM deal_registrations
       WHERE tenant_id = $1 AND (status = 'pending' OR (status = 'approved' AND protection_expires_at > $2)) GROUP BY account_id`,
      [tenant.id, clock.now()],
    );
    const openIds = new Set(openRows.map((r) => r.account_id));
    const pool: QueryPool = {
      accounts,
      openAccounts: accounts.filter((a) => openIds.has(a.id)),
      partners,
      knownNames: new Set(accounts.map((a) => a.normalizedName)),
      knownDomains: new Set(accounts.flatMap((a) => (a.normalizedDomain ? [a.normalizedDomain] : []))),
    };
    const warmup = buildQueries(WORKLOAD.warmupChecks, pool, random);
    const queries = buildQueries(WORKLOAD.indexedChecks, pool, random);
    const check = (q: CheckQuery) => checkDealRegistration(deps, actor, q.input);

    await timeEach(warmup, check);
    const indexed = await timeEach(queries, check);
    const sample = queries.slice(0, WORKLOAD.baselineChecks);
    await timeEach(sample.slice(0, 10), (q) => naiveConflicts(db, tenant.id, tenant.settings, q, clock.now()));
    const naive = await timeEach(sample, (q) => naiveConflicts(db, tenant.id, tenant.settings, q, clock.now()));

    let mismatches = 0;
    const found = Object.fromEntries(QUERY_KINDS.map((k) => [k, { checks: 0, withConflicts: 0 }]));
    sample.forEach((q, i) => {
      const mine = indexed.results[i]!;
      if (fingerprint(mine) !== fingerprint(naive.results[i]!)) mismatches++;
      found[q.kind]!.checks++;
      if (mine.length > 0) found[q.kind]!.withConflicts++;
    });

    const indexedStats = summarize(indexed.ms);
    const indexedOnSample = summarize(indexed.ms.slice(0, sample.length));
    const naiveStats = summarize(naive.ms);
    const indexedByKind = QUERY_KINDS.map((kind) => ({
      kind,
      stats: summarize(indexed.ms.filter((_, i) => queries[i]!.kind === kind)),
    }));
    const { rows: versionRows } = await db.query<{ version: string; shared_buffers: string }>(
      "SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers",
    );
    const cpus = os.cpus();

    console.log('\n== conflict-check benchmark ==');
    console.log(
      `workload: ${WORKLOAD.registrations.toLocaleString('en-US')} registrations, ${WORKLOAD.accounts.toLocaleString('en-US')} accounts, ` +
        `${WORKLOAD.partners.toLocaleString('en-US')} partners, one tenant; open registrations on ${openIds.size.toLocaleString('en-US')} accounts`,
    );
    console.log(`statuses: ${statusRows.map((r) => `${r.status} ${r.n}`).join(', ')}`);
    console.log(
      `checks: ${WORKLOAD.indexedChecks} timed after ${WORKLOAD.warmupChecks} warm-up, mix 30% exact / 30% misspelled / 20% look-alike / 20% unknown; ` +
        `baseline on the first ${WORKLOAD.baselineChecks}`,
    );
    console.log(
      `machine: ${cpus[0]?.model ?? 'unknown cpu'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ` +
        `load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} (the machine is shared)`,
    );
    console.log(`postgres: ${versionRows[0]?.version} (shared_buffers ${versionRows[0]?.shared_buffers}) on 127.0.0.1, same machine`);
    const row = (label: string, s: LatencySummary) =>
      `| ${label.padEnd(58)} | ${String(s.count).padStart(5)} | ${ms(s.p50).padStart(8)} | ${ms(s.p99).padStart(8)} | ${ms(s.mean).padStart(8)} | ${ms(s.max).padStart(8)} |`;
    console.log(`\n| ${'path'.padEnd(58)} |     n | p50 (ms) | p99 (ms) | mean(ms) |  max(ms) |`);
    console.log(`|${'-'.repeat(60)}|-------|----------|----------|----------|----------|`);
    console.log(row('indexed: checkDealRegistration (API dry-run path)', indexedStats));
    for (const { kind, stats } of indexedByKind) console.log(row(`  of which ${kind}`, stats));
    console.log(row(`indexed, the ${sample.length} checks the baseline also ran`, indexedOnSample));
    console.log(row('naive: every open registration through the domain rule', naiveStats));
    console.log(
      `\nratio naive / indexed on the same ${sample.length} checks: ` +
        `p50 ${(naiveStats.p50 / indexedOnSample.p50).toFixed(1)}×, p99 ${(naiveStats.p99 / indexedOnSample.p99).toFixed(1)}×`,
    );
    console.log(
      `correctness: ${mismatches} mismatches in ${sample.length} checks; checks with conflicts: ` +
        QUERY_KINDS.map((k) => `${k} ${found[k]!.withConflicts}/${found[k]!.checks}`).join(', '),
    );
    console.log(`target p99 < ${TARGET_P99_MS} ms: ${indexedStats.p99 < TARGET_P99_MS ? 'met' : 'MISSED'} (p99 ${ms(indexedStats.p99)} ms)`);
    if (mismatches > 0) process.exitCode = 1;
  } finally {
    await database.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
