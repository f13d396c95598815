import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../../sandbox/demo/boot';
import { TrellisApi } from '../../../sandbox/demo/seedTrellis';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { bootTestSandbox } from '../../support/sandbox';

let database: TestDatabase;
let dataDir: string;
let sandbox: RunningSandbox;
let api: TrellisApi;

beforeAll(async () => {
  database = await createTestDatabase('postgres');
  dataDir = mkdtempSync(join(tmpdir(), 'trellis-history-'));
  sandbox = await bootTestSandbox(database.url, dataDir);
  api = new TrellisApi(sandbox.config.publicUrl, sandbox.demo.apiKey);
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const rows = async <T>(sql: string) => (await database.db.query<T>(sql)).rows;
const row = async <T>(sql: string) => (await rows<T>(sql))[0]!;

describe('the demo company has a year of history', () => {
  it('has registrations in at least ten months, decided within hours to days, won and lost', async () => {
    const { months } = await row<{ months: string }>("SELECT count(DISTINCT date_trunc('month', submitted_at)) AS months FROM deal_registrations");
    expect(Number(months)).toBeGreaterThanOrEqual(10);
    const statuses = (await rows<{ status: string }>('SELECT DISTINCT status FROM deal_registrations')).map((r) => r.status);
    expect(statuses).toEqual(expect.arrayContaining(['pending', 'approved', 'rejected', 'won', 'lost', 'expired']));
    const velocity = await api.expect<{ approval: { count: number; medianDays: number }; weekly: unknown[] }>(200, 'GET', '/api/v1/analytics/registration-velocity');
    expect(velocity.approval.medianDays).toBeGreaterThan(1 / 24);
    expect(velocity.approval.medianDays).toBeLessThan(7);
    expect(velocity.weekly.length).toBeGreaterThanOrEqual(40);
    // Every registration was made under the rules of engagement: none claimed a deal whose close date had passed.
    const late = await row<{ late: string }>("SELECT count(*) AS late FROM deal_registrations WHERE expected_close_date < (submitted_at AT TIME ZONE 'UTC')::date");
    expect(Number(late.late)).toBe(0);
  });

  it('scores partners across the range, with three to five at risk for stated reasons', async () => {
    const health = await api.expect<{ data: Array<{ name: string; score: number; atRisk: boolean; reasons: string[] }> }>(200, 'GET', '/api/v1/health/partners?limit=100');
    const scores = health.data.map((h) => h.score);
    expect(new Set(scores.map((s) => Math.min(4, Math.floor(s / 20)))).size).toBeGreaterThanOrEqual(4);
    const atRisk = health.data.filter((h) => h.atRisk);
    expect(atRisk.length).toBeGreaterThanOrEqual(3);
    expect(atRisk.length).toBeLessThanOrEqual(5);
    for (const partner of atRisk) expect(partner.reasons.length).toBeGreaterThan(0);
    // Partners still onboarding have little data, and are not at risk for it.
    const onboarding = await api.expect<{ data: Array<{ id: string; name: string }> }>(200, 'GET', '/api/v1/partners?status=onboarding&limit=100');
    expect(onboarding.data.length).toBeGreaterThan(0);
    const newcomers = new Set(onboarding.data.map((p) => p.name));
    expect(atRisk.filter((h) => newcomers.has(h.name))).toEqual([]);
  });

  it('keeps monthly health snapshots, so the dashboard shows movers', async () => {
    const { evaluations } = await row<{ evaluations: string }>('SELECT count(DISTINCT evaluated_at) AS evaluations FROM health_snapshots');
    expect(Number(evaluations)).toBeGreaterThanOrEqual(12);
    const overview = await api.expect<{ movers: { up: unknown[]; down: unknown[] }; distribution: Array<{ partners: number }> }>(200, 'GET', '/api/v1/analytics/health');
    expect(overview.movers.up.length + overview.movers.down.length).toBeGreaterThan(0);
    expect(overview.distribution.filter((b) => b.partners > 0).length).toBeGreaterThanOrEqual(4);
  });

  it('has certifications expiring within 30 days, PSAT answers, support cases and portal and API activity', async () => {
    const signals = await row<Record<string, string>>(`SELECT
      (SELECT count(*) FROM certifications WHERE expires_at > now() AND expires_at < now() + interval '30 days') AS expiring,
      (SELECT count(*) FROM certifications WHERE expires_at < now()) AS lapsed,
      (SELECT count(*) FROM satisfaction_responses) AS psat,
      (SELECT count(*) FROM support_cases WHERE closed_at IS NULL) AS open_cases,
      (SELECT count(DISTINCT kind) FROM partner_activity) AS activity_kinds,
      (SELECT count(DISTINCT role) FROM co_sell_engagements) AS co_sell_roles,
      (SELECT count(*) FROM referrals WHERE status = 'converted') AS converted`);
    expect(Object.fromEntries(Object.entries(signals).map(([k, v]) => [k, Number(v) > 0]))).toEqual({
      expiring: true, lapsed: true, psat: true, open_cases: true, activity_kinds: true, co_sell_roles: true, converted: true,
    });
  });

  it('gives every dashboard chart a shape: CRM deals won and lost over the year, partner-sourced and influenced revenue', async () => {
    const { months } = await row<{ months: string }>("SELECT count(DISTINCT date_trunc('month', close_date)) AS months FROM crm_deals WHERE is_closed");
    expect(Number(months)).toBeGreaterThanOrEqual(10);
    const attribution = await api.expect<{ partnerSourced: number; partnerInfluenced: number; partners: unknown[] }>(200, 'GET', '/api/v1/analytics/attribution');
    expect(attribution.partnerSourced).toBeGreaterThan(0);
    expect(attribution.partnerInfluenced).toBeGreaterThan(0);
    const winRates = await api.expect<Record<string, unknown>>(200, 'GET', '/api/v1/analytics/win-rates');
    expect(JSON.stringify(winRates)).toMatch(/"won":[1-9]/);
    const pipeline = await api.expect<{ groups: unknown[] }>(200, 'GET', '/api/v1/analytics/pipeline?groupBy=region');
    expect(pipeline.groups.length).toBe(4);
  });
});
