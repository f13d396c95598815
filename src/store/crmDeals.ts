import { customerKey } from '../domain/customer';
import { crmDealRef, type CrmDeal } from '../domain/crmDeal';
import type { Queryable } from './db';

/**
 * Inserts or updates deals by their CRM id in one statement; an older copy never overwrites a
 * newer one, and a deal whose company changed is matched to a customer again. Stamps the change
 * for the incremental touchpoint rebuild, remembering the close month a deal moved out of.
 */
export async function upsertCrmDeals(q: Queryable, tenantId: string, deals: readonly CrmDeal[]): Promise<void> {
  if (deals.length === 0) return;
  const keys = deals.map((d) => (d.company?.name || d.company?.domain ? customerKey({ name: d.company.name ?? '', domain: d.company.domain }) : null));
  await q.query(
    `INSERT INTO crm_deals (tenant_id, crm, crm_id, ref, name, amount, currency, stage, is_closed, is_won, crm_created_at, close_date,
       company_crm_id, company_name, company_normalized_name, company_normalized_domain, crm_modified_at)
     SELECT $1, u.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::boolean[], $10::boolean[],
       $11::timestamptz[], $12::date[], $13::text[], $14::text[], $15::text[], $16::text[], $17::timestamptz[]) AS u
     ON CONFLICT (tenant_id, crm, crm_id) DO UPDATE SET
       name = EXCLUDED.name, amount = EXCLUDED.amount, currency = EXCLUDED.currency, stage = EXCLUDED.stage,
       is_closed = EXCLUDED.is_closed, is_won = EXCLUDED.is_won, crm_created_at = EXCLUDED.crm_created_at, close_date = EXCLUDED.close_date,
       company_crm_id = EXCLUDED.company_crm_id, company_name = EXCLUDED.company_name,
       company_normalized_name = EXCLUDED.company_normalized_name, company_normalized_domain = EXCLUDED.company_normalized_domain,
       account_id = CASE WHEN crm_deals.company_normalized_name IS NOT DISTINCT FROM EXCLUDED.company_normalized_name
         AND crm_deals.company_normalized_domain IS NOT DISTINCT FROM EXCLUDED.company_normalized_domain THEN crm_deals.account_id END,
       crm_modified_at = EXCLUDED.crm_modified_at,
       moved_from_month = CASE WHEN date_trunc('month', crm_deals.close_date) IS DISTINCT FROM date_trunc('month', EXCLUDED.close_date)
         THEN coalesce(crm_deals.moved_from_month, date_trunc('month', crm_deals.close_date)::date) ELSE crm_deals.moved_from_month END,
       changed_at = now()
     WHERE crm_deals.crm_modified_at <= EXCLUDED.crm_modified_at`,
    [
      tenantId,
      deals.map((d) => d.crm),
      deals.map((d) => d.crmId),
      deals.map(crmDealRef),
      deals.map((d) => d.name),
      deals.map((d) => d.amount),
      deals.map((d) => d.currency),
      deals.map((d) => d.stage),
      deals.map((d) => d.isClosed),
      deals.map((d) => d.isWon),
      deals.map((d) => d.createdAt),
      deals.map((d) => d.closeDate),
      deals.map((d) => d.company?.crmId ?? null),
      deals.map((d) => d.company?.name ?? null),
      keys.map((k) => k?.normalizedName || null),
      keys.map((k) => k?.normalizedDomain ?? null),
      deals.map((d) => d.modifiedAt),
    ],
  );
}

/**
 * Matches deals without a customer to Trellis's customer accounts: by normalized web domain,
 * else by exact normalized name. Accounts appear when partners register, so this runs every sweep.
 */
export async function matchDealsToAccounts(q: Queryable, tenantId: string): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE crm_deals d SET account_id = m.account_id, changed_at = now()
     FROM (
       SELECT u.id, COALESCE(
         (SELECT a.id FROM accounts a WHERE a.tenant_id = u.tenant_id AND a.normalized_domain = u.company_normalized_domain),
         (SELECT a.id FROM accounts a WHERE a.tenant_id = u.tenant_id AND a.normalized_name = u.company_normalized_name ORDER BY a.created_at, a.id LIMIT 1)
       ) AS account_id
       FROM crm_deals u WHERE u.tenant_id = $1 AND u.account_id IS NULL
     ) m
     WHERE d.id = m.id AND m.account_id IS NOT NULL`,
    [tenantId],
  );
  return rowCount;
}

/** Where a synced CRM deal stands, by its reference; null when Trellis has not synced it. */
export async function getCrmDealState(q: Queryable, tenantId: string, ref: string): Promise<Pick<CrmDeal, 'crm' | 'isClosed' | 'isWon' | 'closeDate'> | null> {
  const { rows } = await q.query<{ crm: CrmDeal['crm']; is_closed: boolean; is_won: boolean; close_date: string | null }>(
    "SELECT crm, is_closed, is_won, to_char(close_date, 'YYYY-MM-DD') AS close_date FROM crm_deals WHERE tenant_id = $1 AND ref = $2",
    [tenantId, ref],
  );
  const r = rows[0];
  return r ? { crm: r.crm, isClosed: r.is_closed, isWon: r.is_won, closeDate: r.close_date } : null;
}
