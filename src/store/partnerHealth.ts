import { HEALTH_COMPONENTS } from '../domain/healthModel';
import type { HealthHistory } from '../domain/healthRisk';
import type { ScoredComponent } from '../domain/healthScore';
import { IN_BUSINESS_STATUSES } from '../domain/partner';
import type { Queryable } from './db';
import { selectPage, type Page } from './pagination';

/** The last snapshot of each partner, its highest score within the window before `now`, and when it was first evaluated. */
export async function loadHealthHistory(q: Queryable, tenantId: string, partnerIds: readonly string[], now: Date, windowDays: number): Promise<Map<string, HealthHistory>> {
  const { rows } = await q.query<{ partner_id: string; score: number; at_risk: boolean; highest: number | null; first: Date }>(
    `SELECT DISTINCT ON (partner_id) partner_id, score, at_risk,
       max(score) FILTER (WHERE evaluated_at > $4) OVER (PARTITION BY partner_id) AS highest,
       min(evaluated_at) OVER (PARTITION BY partner_id) AS first
     FROM health_snapshots
     WHERE tenant_id = $1 AND partner_id = ANY($2::uuid[]) AND evaluated_at <= $3
     ORDER BY partner_id, evaluated_at DESC`,
    [tenantId, [...partnerIds], now, new Date(now.getTime() - windowDays * 86_400_000)],
  );
  const history = new Map<string, HealthHistory>(partnerIds.map((id) => [id, { previous: null, highestInWindow: null, firstEvaluatedAt: null }]));
  for (const r of rows) history.set(r.partner_id, { previous: { score: r.score, atRisk: r.at_risk }, highestInWindow: r.highest, firstEvaluatedAt: r.first });
  return history;
}

export interface HealthSnapshot {
  evaluatedAt: Date;
  score: number;
  atRisk: boolean;
  components: ScoredComponent[];
  reasons: string[];
}

/** `factors` keeps the scored components, keyed by component. */
export async function insertHealthSnapshot(q: Queryable, tenantId: string, partnerId: string, snapshot: HealthSnapshot): Promise<void> {
  const factors = Object.fromEntries(snapshot.components.map(({ component, ...rest }) => [component, rest]));
  await q.query(
    `INSERT INTO health_snapshots (tenant_id, partner_id, evaluated_at, score, at_risk, factors, reasons) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)
     ON CONFLICT (tenant_id, partner_id, evaluated_at) DO NOTHING`,
    [tenantId, partnerId, snapshot.evaluatedAt, snapshot.score, snapshot.atRisk, JSON.stringify(factors), JSON.stringify(snapshot.reasons)],
  );
}

/** A partner's latest evaluation as it was kept, and the score of the one before it. */
export async function getLatestHealthEvaluation(q: Queryable, tenantId: string, partnerId: string): Promise<{ latest: HealthSnapshot; previousScore: number | null } | null> {
  const { rows } = await q.query<{ evaluated_at: Date; score: number; at_risk: boolean; factors: Record<string, Omit<ScoredComponent, 'component'>>; reasons: string[] }>(
    'SELECT evaluated_at, score, at_risk, factors, reasons FROM health_snapshots WHERE tenant_id = $1 AND partner_id = $2 ORDER BY evaluated_at DESC LIMIT 2',
    [tenantId, partnerId],
  );
  const [latest, previous] = rows;
  if (!latest) return null;
  const components = HEALTH_COMPONENTS.filter((c) => latest.factors[c]).map((component): ScoredComponent => ({ component, ...latest.factors[component]! }));
  return {
    latest: { evaluatedAt: latest.evaluated_at, score: latest.score, atRisk: latest.at_risk, components, reasons: latest.reasons },
    previousScore: previous?.score ?? null,
  };
}

export interface HealthTrendPoint {
  evaluatedAt: Date;
  score: number;
  atRisk: boolean;
}

/** A partner's latest snapshots, oldest first, for drawing its trend. */
export async function listHealthTrend(q: Queryable, tenantId: string, partnerId: string, limit: number): Promise<HealthTrendPoint[]> {
  const { rows } = await q.query<{ evaluated_at: Date; score: number; at_risk: boolean }>(
    `SELECT evaluated_at, score, at_risk FROM health_snapshots WHERE tenant_id = $1 AND partner_id = $2 ORDER BY evaluated_at DESC LIMIT $3`,
    [tenantId, partnerId, limit],
  );
  return rows.reverse().map((r) => ({ evaluatedAt: r.evaluated_at, score: r.score, atRisk: r.at_risk }));
}

export interface LatestPartnerHealth {
  partnerId: string;
  name: string;
  evaluatedAt: Date;
  score: number;
  atRisk: boolean;
  reasons: string[];
}

interface LatestRow {
  id: string;
  name: string;
  evaluated_at: Date;
  score: number;
  at_risk: boolean;
  reasons: string[];
}

// The latest snapshot of each partner still scored; `tenant_id` is a DISTINCT ON key, so the page's tenant filter is pushed inside.
const LATEST = `(SELECT DISTINCT ON (h.tenant_id, h.partner_id) h.tenant_id, h.partner_id AS id, p.name, h.evaluated_at, h.score, h.at_risk, h.reasons
  FROM health_snapshots h JOIN partners p ON p.tenant_id = h.tenant_id AND p.id = h.partner_id
  WHERE p.status IN (${IN_BUSINESS_STATUSES.map((s) => `'${s}'`).join(', ')})
  ORDER BY h.tenant_id, h.partner_id, h.evaluated_at DESC) latest`;

/** Partners by their latest evaluation, most recently evaluated first; null when the cursor is not ours. */
export function listLatestPartnerHealth(
  q: Queryable,
  tenantId: string,
  f: { atRisk?: boolean | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<LatestPartnerHealth> | null> {
  const query = { columns: 'id, name, evaluated_at, score, at_risk, reasons', table: LATEST, orderedBy: 'evaluated_at', tenantId, filters: [['at_risk = ?', f.atRisk]] as [string, unknown][], limit: f.limit, cursor: f.cursor };
  return selectPage(
    q,
    query,
    (r: LatestRow): LatestPartnerHealth => ({ partnerId: r.id, name: r.name, evaluatedAt: r.evaluated_at, score: r.score, atRisk: r.at_risk, reasons: r.reasons }),
    (h) => ({ at: h.evaluatedAt, id: h.partnerId }),
  );
}
