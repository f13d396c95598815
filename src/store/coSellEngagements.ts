import { randomUUID } from 'node:crypto';
import type { CoSellRole, CoSellStatus } from '../domain/coSell';
import type { Queryable } from './db';

export interface CoSellEngagement {
  id: string;
  partnerId: string;
  accountId: string;
  crmDealRef: string | null;
  role: CoSellRole;
  status: CoSellStatus;
  note: string | null;
  requestedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface EngagementRow {
  id: string;
  partner_id: string;
  account_id: string;
  crm_deal_ref: string | null;
  role: CoSellRole;
  status: CoSellStatus;
  note: string | null;
  requested_by: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, partner_id, account_id, crm_deal_ref, role, status, note, requested_by, created_at, updated_at';

const toEngagement = (r: EngagementRow): CoSellEngagement => ({
  id: r.id,
  partnerId: r.partner_id,
  accountId: r.account_id,
  crmDealRef: r.crm_deal_ref,
  role: r.role,
  status: r.status,
  note: r.note,
  requestedBy: r.requested_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Null when the partner already has an open engagement in this role for the account. */
export async function insertCoSellEngagement(
  q: Queryable,
  tenantId: string,
  e: { partnerId: string; accountId: string; crmDealRef: string | null; role: CoSellRole; note: string | null; requestedBy: string; at: Date },
): Promise<CoSellEngagement | null> {
  const { rows } = await q.query<EngagementRow>(
    `INSERT INTO co_sell_engagements (id, tenant_id, partner_id, account_id, crm_deal_ref, role, note, requested_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     ON CONFLICT (tenant_id, partner_id, account_id, role) WHERE status IN ('requested', 'accepted', 'active') DO NOTHING
     RETURNING ${COLUMNS}`,
    [randomUUID(), tenantId, e.partnerId, e.accountId, e.crmDealRef, e.role, e.note, e.requestedBy, e.at],
  );
  return rows[0] ? toEngagement(rows[0]) : null;
}

/** Engagements on the account with this normalized domain (or exact normalized name when there is no domain), newest first. */
export async function listCoSellEngagementsOfCustomer(
  q: Queryable,
  tenantId: string,
  customer: { normalizedName: string; normalizedDomain: string | null },
): Promise<CoSellEngagement[]> {
  const { rows } = await q.query<EngagementRow>(
    `SELECT ${COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')} FROM co_sell_engagements e
     JOIN accounts a ON a.tenant_id = e.tenant_id AND a.id = e.account_id
     WHERE e.tenant_id = $1 AND (CASE WHEN $2::text IS NULL THEN a.normalized_name = $3 ELSE a.normalized_domain = $2 END)
     ORDER BY e.created_at DESC, e.id DESC LIMIT 50`,
    [tenantId, customer.normalizedDomain, customer.normalizedName],
  );
  return rows.map(toEngagement);
}
