import type { RegistrationStatus } from '../domain/registration';
import type { Queryable } from './db';

/** What the sync engine compares and writes of a deal registration. */
export interface RegistrationSyncRow {
  id: string;
  partnerId: string;
  customerName: string;
  status: RegistrationStatus;
  decisionReason: string | null;
  amount: number;
  dealStage: string | null;
  crmDealRef: string | null;
  updatedAt: Date;
}

interface Row {
  id: string;
  partner_id: string;
  customer_name: string;
  status: RegistrationStatus;
  decision_reason: string | null;
  amount: string;
  deal_stage: string | null;
  crm_deal_ref: string | null;
  updated_at: Date;
}

export async function registrationsForSync(q: Queryable, tenantId: string, ids: string[]): Promise<RegistrationSyncRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<Row>(
    `SELECT id, partner_id, customer_name, status, decision_reason, amount, deal_stage, crm_deal_ref, updated_at
     FROM deal_registrations WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, ids],
  );
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partner_id,
    customerName: r.customer_name,
    status: r.status,
    decisionReason: r.decision_reason,
    amount: Number(r.amount),
    dealStage: r.deal_stage,
    crmDealRef: r.crm_deal_ref,
    updatedAt: r.updated_at,
  }));
}

/** The deal facts a CRM owns; only these flow from a CRM into a registration. */
export interface CrmDealFacts {
  amount?: number;
  dealStage?: string | null;
}

/**
 * Applies deal facts from a CRM, locking the registration; with `mergedAgainst`, only if it is
 * still the version they were merged against (false when it moved meanwhile, so the record is
 * merged again). Stamps compare at millisecond precision, which is what the merge saw.
 */
export async function applyDealFacts(q: Queryable, tenantId: string, id: string, facts: CrmDealFacts, mergedAgainst: Date | null): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE deal_registrations SET
       amount = CASE WHEN $4::boolean THEN $5::numeric ELSE amount END,
       deal_stage = CASE WHEN $6::boolean THEN $7::text ELSE deal_stage END,
       updated_at = now()
     WHERE tenant_id = $1 AND id = $2 AND ($3::timestamptz IS NULL OR date_trunc('milliseconds', updated_at) = $3)`,
    [tenantId, id, mergedAgainst, 'amount' in facts, facts.amount ?? null, 'dealStage' in facts, facts.dealStage ?? null],
  );
  return rowCount > 0;
}
