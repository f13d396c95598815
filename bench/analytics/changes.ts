import type { CrmDeal } from '../../src/domain/crmDeal';
import { upsertCrmDeals } from '../../src/store/crmDeals';
import type { Db } from '../../src/store/db';

/**
 * What a sweep interval brings: `deals` open deals won today in the CRM (their close date moves
 * from the expected one to today), stored as the deal sweep stores them, and `approvals` pending
 * registrations approved (touching every deal of their customers, whatever their close months).
 */
export async function changeSomeDeals(db: Db, tenantId: string, counts: { deals: number; approvals: number }, today: string): Promise<void> {
  const { rows } = await db.query<{ crm_id: string; name: string; amount: string; currency: string | null; crm_created_at: Date; company_crm_id: string; company_name: string }>(
    `SELECT crm_id, name, amount, currency, crm_created_at, company_crm_id, company_name
     FROM crm_deals WHERE tenant_id = $1 AND crm = 'hubspot' AND NOT is_closed ORDER BY crm_id LIMIT $2`,
    [tenantId, counts.deals],
  );
  const won: CrmDeal[] = rows.map((r) => ({
    crm: 'hubspot',
    crmId: r.crm_id,
    name: r.name,
    amount: Number(r.amount),
    currency: r.currency,
    stage: 'closedwon',
    isClosed: true,
    isWon: true,
    createdAt: r.crm_created_at,
    closeDate: today,
    company: { crmId: r.company_crm_id, name: r.company_name, domain: null },
    // The CRM's stamp, later than those of the seeded copies.
    modifiedAt: new Date(),
  }));
  await upsertCrmDeals(db, tenantId, won);
  await db.query(
    `UPDATE deal_registrations SET status = 'approved', decided_at = submitted_at + interval '1 day', updated_at = now()
     WHERE id IN (SELECT id FROM deal_registrations WHERE tenant_id = $1 AND status = 'pending' ORDER BY id LIMIT $2)`,
    [tenantId, counts.approvals],
  );
}
