/**
 * Partner analytics benchmark: 500 partners and 1,000,000 CRM deals (with their customers,
 * registrations, touchpoints and health snapshots) in a fresh Postgres database; a full rebuild
 * of touchpoints and rollups, then an incremental one after a sweep's worth of changes; every metric
 * the dashboard shows computed by the set-based queries the API runs, against a naive
 * per-partner baseline (the same definitions, one round of queries per partner, computed in
 * memory with the domain functions) in the same run; then a check that both agree.
 *
 *   npm run bench:analytics
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ATTRIBUTION_MODELS } from '../src/domain/attribution';
import { fixedClock } from '../src/domain/clock';
import { partnerCredits } from '../src/store/analytics/attribution';
import { PIPELINE_GROUPS } from '../src/store/analytics/pipeline';
import { refreshPartnerAnalytics } from '../src/store/analytics/refresh';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../src/security/secrets';
import {
  attributionReport,
  healthReport,
  lifetimeValueReport,
  partnerReturnReport,
  pipelineReport,
  registrationVelocityReport,
  winRateReport,
} from '../src/usecases/analytics';
import type { Actor, Deps } from '../src/usecases/context';
import { createTenant } from '../src/usecases/tenants';
import { createTestDatabase } from '../test/support/databases';
import { changeSomeDeals } from './analytics/changes';
import { naivePartnerMetrics } from './analytics/naive';
import { seedAnalytics, type AnalyticsWorkload } from './analytics/seed';
import { principalFor } from '../src/domain/access';

const WORKLOAD: AnalyticsWorkload = { partners: 500, accounts: 200_000, registrations: 200_000, deals: 1_000_000, snapshotsPerPartner: 12 };
const CHANGES = { deals: 1_000, approvals: 100 };
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function time<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const database = await createTestDatabase('postgres');
  try {
    const { db } = database;
    const clock = fixedClock('2026-12-01T00:00:00Z');
    const deps: Deps = { db, clock, keyring: createKeyring(parseKeyring(generateKeyringSpec())) };
    const { tenant } = await createTenant(deps, 'Benchmark Tenant');
    const actor: Actor = { tenantId: tenant.id, settings: tenant.settings, name: 'bench', principal: principalFor('admin') };

    const seeding = await time(() => seedAnalytics(db, tenant.id, WORKLOAD));
    const analyze = async () => {
      for (const table of ['partners', 'accounts', 'deal_registrations', 'crm_deals', 'touchpoints', 'health_snapshots']) await db.query(`VACUUM (ANALYZE) ${table}`);
    };
    // Statistics as a database that grew to this size has them.
    await analyze();
    const rebuild = await time(() => db.transaction((tx) => refreshPartnerAnalytics(tx, tenant.id)));
    await changeSomeDeals(db, tenant.id, CHANGES, clock.now().toISOString().slice(0, 10));
    const incremental = await time(() => db.transaction((tx) => refreshPartnerAnalytics(tx, tenant.id)));
    await analyze();
    const { rows: version } = await db.query<{ server_version: string }>('SHOW server_version');

    const cpus = os.cpus();
    console.log('Partner analytics benchmark');
    console.log(`  workload   ${WORKLOAD.partners} partners, ${WORKLOAD.deals.toLocaleString('en')} CRM deals (1/3 open, 1/3 won, 1/3 lost), ${WORKLOAD.accounts.toLocaleString('en')} customers,`);
    console.log(`             ${WORKLOAD.registrations.toLocaleString('en')} registrations, ${rebuild.result.touchpoints.toLocaleString('en')} touchpoints, ${WORKLOAD.partners * WORKLOAD.snapshotsPerPartner} health snapshots; one tenant`);
    console.log(`  machine    ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}, PostgreSQL ${version[0]!.server_version}`);
    console.log(`  seeding    ${seconds(seeding.ms)}; touchpoints and rollups rebuilt in full in ${seconds(rebuild.ms)}`);
    console.log(
      `  changes    ${CHANGES.deals} deals won today and ${CHANGES.approvals} registrations approved: ${incremental.result.deals} deals' touchpoints and their months' rollups rebuilt in ${seconds(incremental.ms)}`,
    );

    // Everything the dashboard and the API report, unfiltered (the largest scope), set-based.
    const f = {};
    const everyMetric = async () => {
      for (const groupBy of PIPELINE_GROUPS) await pipelineReport(deps, actor, f, groupBy);
      for (const model of ATTRIBUTION_MODELS) await attributionReport(deps, actor, f, { model, halfLifeDays: 7 });
      await winRateReport(deps, actor, f);
      await registrationVelocityReport(deps, actor, f);
      await lifetimeValueReport(deps, actor, f);
      await partnerReturnReport(deps, actor, f, { model: 'linear', halfLifeDays: 7 });
      await healthReport(deps, actor, f);
    };
    await everyMetric(); // warm the caches the baseline will also find warm
    const setBased = await time(everyMetric);
    console.log(`  set-based  every metric (pipeline ×3 groupings, attribution ×4 models, win rates, velocity, CLTV, ROI, health): ${seconds(setBased.ms)}`);

    const { rows: partners } = await db.query<{ id: string }>('SELECT id FROM partners WHERE tenant_id = $1 ORDER BY name', [tenant.id]);
    const naive = await time(async () => {
      const out = new Map<string, Awaited<ReturnType<typeof naivePartnerMetrics>>>();
      for (const p of partners) out.set(p.id, await naivePartnerMetrics(db, tenant.id, p.id));
      return out;
    });
    console.log(`  baseline   per-partner queries + in-memory domain functions, ${partners.length} partners: ${seconds(naive.ms)}`);
    console.log(`  ratio      baseline / set-based = ${(naive.ms / setBased.ms).toFixed(1)}×`);

    // Both must report the same figures.
    let worst = 0;
    for (const model of ATTRIBUTION_MODELS) {
      const scope = { tenantId: tenant.id, from: null, to: null, currency: null, region: null, tier: null, now: clock.now() };
      for (const c of await partnerCredits(db, scope, model, 7)) worst = Math.max(worst, Math.abs(c.revenue - naive.result.get(c.partnerId)!.revenue[model]));
    }
    const wins = await winRateReport(deps, actor, f);
    const winMismatches = wins.partners.filter((p) => naive.result.get(p.partnerId)!.won !== p.won || naive.result.get(p.partnerId)!.lost !== p.lost).length;
    console.log(`  agreement  largest per-partner attribution difference over 4 models: ${worst.toFixed(4)}; partners whose won/lost counts differ: ${winMismatches}`);
    if (worst > 0.01 || winMismatches > 0) process.exitCode = 1;
  } finally {
    await database.drop();
  }
}

void main();
