import { randomUUID } from 'node:crypto';
import type { Placement } from '../domain/routing';
import type { RoutingReason } from '../domain/routingScore';
import type { Queryable } from './db';

export type AssignmentOutcome = 'pending' | 'accepted' | 'declined';

/** One hand-over of a referral to a partner, with why routing chose that partner and what the partner said. */
export interface ReferralAssignment {
  id: string;
  referralId: string;
  partnerId: string;
  rule: string | null;
  score: number;
  reasons: RoutingReason[];
  placement: Placement;
  assignedAt: Date;
  outcome: AssignmentOutcome;
  decidedBy: string | null;
  decidedAt: Date | null;
  declineReason: string | null;
}

interface AssignmentRow {
  id: string;
  referral_id: string;
  partner_id: string;
  rule_name: string | null;
  score: number;
  reasons: RoutingReason[];
  placement: Placement;
  assigned_at: Date;
  outcome: AssignmentOutcome;
  decided_by: string | null;
  decided_at: Date | null;
  decline_reason: string | null;
}

const COLUMNS = 'id, referral_id, partner_id, rule_name, score, reasons, placement, assigned_at, outcome, decided_by, decided_at, decline_reason';

const toAssignment = (r: AssignmentRow): ReferralAssignment => ({
  id: r.id,
  referralId: r.referral_id,
  partnerId: r.partner_id,
  rule: r.rule_name,
  score: r.score,
  reasons: r.reasons,
  placement: r.placement,
  assignedAt: r.assigned_at,
  outcome: r.outcome,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  declineReason: r.decline_reason,
});

export async function insertAssignment(
  q: Queryable,
  tenantId: string,
  a: Pick<ReferralAssignment, 'referralId' | 'partnerId' | 'rule' | 'score' | 'reasons' | 'placement' | 'assignedAt'>,
): Promise<ReferralAssignment> {
  const { rows } = await q.query<AssignmentRow>(
    `INSERT INTO referral_assignments (id, tenant_id, referral_id, position, partner_id, rule_name, score, reasons, placement, assigned_at)
     VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM referral_assignments WHERE tenant_id = $2 AND referral_id = $3),
       $4, $5, $6, $7::jsonb, $8, $9)
     RETURNING ${COLUMNS}`,
    [randomUUID(), tenantId, a.referralId, a.partnerId, a.rule, a.score, JSON.stringify(a.reasons), a.placement, a.assignedAt],
  );
  return toAssignment(rows[0]!);
}

/** Oldest first: the referral's path from partner to partner. */
export async function listAssignmentsOfReferral(q: Queryable, tenantId: string, referralId: string): Promise<ReferralAssignment[]> {
  const { rows } = await q.query<AssignmentRow>(
    `SELECT ${COLUMNS} FROM referral_assignments WHERE tenant_id = $1 AND referral_id = $2 ORDER BY position`,
    [tenantId, referralId],
  );
  return rows.map(toAssignment);
}

/** Records the partner's answer on the referral's pending assignment. */
export async function decidePendingAssignment(
  q: Queryable,
  tenantId: string,
  referralId: string,
  d: { outcome: 'accepted' | 'declined'; by: string; at: Date; reason: string | null },
): Promise<void> {
  await q.query(
    `UPDATE referral_assignments SET outcome = $3, decided_by = $4, decided_at = $5, decline_reason = $6
     WHERE tenant_id = $1 AND referral_id = $2 AND outcome = 'pending'`,
    [tenantId, referralId, d.outcome, d.by, d.at, d.reason],
  );
}
