import { SATISFACTION_WINDOW_DAYS, type HealthSignals } from '../domain/healthScore';
import { emptyPerformance } from '../domain/performance';
import type { Queryable } from './db';
import { loadPartnerPerformance } from './partnerPerformance';
import { countCurrentCertifications } from './partnerSignals';

const DAY_MS = 86_400_000;
type Count = string | number;

/** The health signals of the given partners as of `now`; nothing recorded after `now` counts. */
export async function loadHealthSignals(q: Queryable, tenantId: string, partnerIds: readonly string[], now: Date): Promise<Map<string, HealthSignals>> {
  if (partnerIds.length === 0) return new Map();
  const ids = [...partnerIds];
  const since = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const [performance, engagement, tracked, certifications, satisfaction, support] = await Promise.all([
    loadPartnerPerformance(q, tenantId, ids, now),
    // Registration submissions count as activity next to portal and API events.
    q.query<{ partner_id: string; last_at: Date | null; active_days: Count }>(
      `SELECT partner_id, max(at) AS last_at, count(DISTINCT (at AT TIME ZONE 'UTC')::date) FILTER (WHERE at > $4) AS active_days
       FROM (
         SELECT partner_id, occurred_at AS at FROM partner_activity WHERE tenant_id = $1 AND partner_id = ANY($2::uuid[]) AND occurred_at <= $3
         UNION ALL
         SELECT partner_id, submitted_at FROM deal_registrations WHERE tenant_id = $1 AND partner_id = ANY($2::uuid[]) AND submitted_at <= $3
       ) activity GROUP BY partner_id`,
      [tenantId, ids, now, since(30)],
    ),
    // Whether the tenant feeds certifications and support cases at all: if not, those components have no data.
    q.query<{ certifications: boolean; support_cases: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM certifications WHERE tenant_id = $1) AS certifications,
              EXISTS (SELECT 1 FROM support_cases WHERE tenant_id = $1) AS support_cases`,
      [tenantId],
    ),
    countCurrentCertifications(q, tenantId, ids, now),
    q.query<{ partner_id: string; responses: Count; average: string | number }>(
      `SELECT partner_id, count(*) AS responses, avg(score) AS average FROM satisfaction_responses
       WHERE tenant_id = $1 AND partner_id = ANY($2::uuid[]) AND responded_at <= $3 AND responded_at > $4
       GROUP BY partner_id`,
      [tenantId, ids, now, since(SATISFACTION_WINDOW_DAYS)],
    ),
    q.query<{ partner_id: string; open: Count; closed_recently: Count }>(
      `SELECT partner_id,
         count(*) FILTER (WHERE closed_at IS NULL OR closed_at > $3) AS open,
         count(*) FILTER (WHERE closed_at <= $3 AND closed_at > $4) AS closed_recently
       FROM support_cases WHERE tenant_id = $1 AND partner_id = ANY($2::uuid[]) AND opened_at <= $3
       GROUP BY partner_id`,
      [tenantId, ids, now, since(90)],
    ),
  ]);
  const byPartner = <R extends { partner_id: string }>(rows: R[]) => new Map(rows.map((r) => [r.partner_id, r]));
  const activity = byPartner(engagement.rows);
  const psat = byPartner(satisfaction.rows);
  const cases = byPartner(support.rows);
  const flags = tracked.rows[0]!;
  const result = new Map<string, HealthSignals>();
  for (const id of ids) {
    const a = activity.get(id);
    const s = psat.get(id);
    const c = cases.get(id);
    result.set(id, {
      engagement: {
        daysSinceLastActivity: a?.last_at ? Math.max(0, Math.floor((now.getTime() - a.last_at.getTime()) / DAY_MS)) : null,
        activeDaysLast30: Number(a?.active_days ?? 0),
      },
      pipeline: performance.get(id) ?? emptyPerformance(id),
      enablement: flags.certifications ? { currentCertifications: certifications.get(id) ?? 0 } : null,
      satisfaction: s ? { responses: Number(s.responses), averageScore: Number(s.average) } : null,
      support: flags.support_cases ? { openCases: Number(c?.open ?? 0), closedLast90: Number(c?.closed_recently ?? 0) } : null,
    });
  }
  return result;
}
