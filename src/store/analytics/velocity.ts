import type { DurationSummary } from '../../domain/partnerMetrics';
import type { Queryable } from '../db';
import { FIRST_OWN_PARAM, SCOPE_CTES, TOUCHES_CTE, num, scopeParams, type AnalyticsScope } from './scope';

export interface RegistrationVelocity {
  /** From submission to approval, for registrations of the scope's partners submitted in the period. */
  approval: DurationSummary;
  /** From submission to the close date of the won deal it touched. */
  registrationToWin: DurationSummary;
  /** Registrations submitted and approved per week (weeks start on Monday, UTC). */
  weekly: Array<{ week: string; submitted: number; approved: number }>;
}

/** Registrations of the scope's partners submitted in the period. */
const SUBMITTED_CTE = `
    submitted AS (
      SELECT r.id, r.partner_id, r.submitted_at, r.decided_at, r.status FROM deal_registrations r JOIN in_scope p ON p.id = r.partner_id
      WHERE r.tenant_id = $1
        AND ($2::date IS NULL OR r.submitted_at >= $2::date::timestamp AT TIME ZONE 'UTC')
        AND ($3::date IS NULL OR r.submitted_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC')
    )`;

type SummaryRow = { count: string; median: number | null; p90: number | null };
const summary = (r: SummaryRow): DurationSummary => ({ count: num(r.count), medianDays: r.median, p90Days: r.p90 });

/** Submissions of the period, as `percentile_cont` summaries (the domain's `percentile`) and a weekly series. */
export async function registrationVelocity(q: Queryable, scope: AnalyticsScope): Promise<RegistrationVelocity> {
  const params = scopeParams(scope);
  const submitted = SUBMITTED_CTE;
  const approval = await q.query<SummaryRow>(
    `WITH ${SCOPE_CTES}, ${submitted},
     days AS (
       SELECT extract(epoch FROM decided_at - submitted_at)::float8 / 86400 AS d FROM submitted
       WHERE status IN ('approved', 'won', 'lost', 'expired') AND decided_at IS NOT NULL
     )
     SELECT count(*) AS count, percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY d) AS p90 FROM days`,
    params,
  );
  const toWin = await q.query<SummaryRow>(
    `WITH ${SCOPE_CTES}, ${TOUCHES_CTE},
     days AS (
       SELECT (t.close_date - (t.at AT TIME ZONE 'UTC')::date)::float8 AS d
       FROM touches t JOIN in_scope p ON p.id = t.partner_id
       WHERE t.is_won AND t.kind = 'registration_submitted' AND t.close_date IS NOT NULL
     )
     SELECT count(*) AS count, percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY d) AS p90 FROM days`,
    params,
  );
  const weekly = await q.query<{ week: string; submitted: string; approved: string }>(
    `WITH ${SCOPE_CTES}, ${submitted}
     SELECT to_char(date_trunc('week', submitted_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, count(*) AS submitted,
       count(*) FILTER (WHERE status IN ('approved', 'won', 'lost', 'expired')) AS approved
     FROM submitted GROUP BY 1 ORDER BY 1`,
    params,
  );
  return {
    approval: summary(approval.rows[0]!),
    registrationToWin: summary(toWin.rows[0]!),
    weekly: weekly.rows.map((r) => ({ week: r.week, submitted: num(r.submitted), approved: num(r.approved) })),
  };
}

export interface SubmittedRegistration {
  id: string;
  customer: string;
  amount: number;
  currency: string;
  status: string;
  submittedAt: Date;
  partner: { id: string; name: string };
}

/** The registrations behind the weekly series: those of the scope's partners submitted in the period, the latest first. */
export async function submittedRegistrations(q: Queryable, scope: AnalyticsScope, limit: number): Promise<SubmittedRegistration[]> {
  const { rows } = await q.query<{ id: string; customer_name: string; amount: string; currency: string; status: string; submitted_at: Date; partner_id: string; partner_name: string }>(
    `WITH ${SCOPE_CTES}, ${SUBMITTED_CTE}
     SELECT r.id, r.customer_name, r.amount, r.currency, s.status, s.submitted_at, p.id AS partner_id, p.name AS partner_name
     FROM submitted s JOIN deal_registrations r ON r.tenant_id = $1 AND r.id = s.id JOIN in_scope p ON p.id = s.partner_id
     ORDER BY s.submitted_at DESC, r.id LIMIT $${FIRST_OWN_PARAM}`,
    [...scopeParams(scope), limit],
  );
  return rows.map((r) => ({
    id: r.id,
    customer: r.customer_name,
    amount: num(r.amount),
    currency: r.currency,
    status: r.status,
    submittedAt: r.submitted_at,
    partner: { id: r.partner_id, name: r.partner_name },
  }));
}
