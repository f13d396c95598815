import type { Queryable } from './db';

const DEAL_COLUMNS = 'd.amount, d.currency, d.is_closed, d.is_won, d.crm_created_at, d.close_date, d.account_id';

/**
 * Rebuilds touchpoints from what partners did, in set-based statements: for every deal of the
 * tenant ('all') or only the given ones. A registration of the deal's customer (submitted;
 * approved, unless rejected) and co-sell engagements on the deal (named by its CRM reference) or,
 * when they name no deal, on its customer (requested or referred; active). Rebuilding rather than
 * appending drops the touchpoints of registrations rejected or engagements declined since, and
 * refreshes the deal figures each touchpoint carries. Only counted deals get touchpoints: an
 * engagement naming the other CRM's copy of a deal touches the copy that is counted.
 */
export async function rebuildTouchpoints(q: Queryable, tenantId: string, deals: readonly string[] | 'all'): Promise<number> {
  const all = deals === 'all';
  const params = [tenantId, all, all ? [] : deals];
  const dealIn = (id: string) => `($2::boolean OR ${id} = ANY($3::uuid[]))`;
  await q.query(`DELETE FROM touchpoints WHERE tenant_id = $1 AND ${dealIn('deal_id')}`, params);
  const { rowCount } = await q.query(
    `INSERT INTO touchpoints (tenant_id, deal_id, partner_id, kind, source_id, at,
       deal_amount, deal_currency, deal_is_closed, deal_is_won, deal_created_at, deal_close_date, deal_account_id)
     SELECT d.tenant_id, d.id, r.partner_id, k.kind, r.id, k.at, ${DEAL_COLUMNS}
     FROM crm_deals d
     JOIN deal_registrations r ON r.tenant_id = d.tenant_id AND r.account_id = d.account_id AND r.status <> 'rejected'
     CROSS JOIN LATERAL (VALUES
       ('registration_submitted', r.submitted_at),
       ('registration_approved', CASE WHEN r.status IN ('approved', 'won', 'lost', 'expired') THEN r.decided_at END)
     ) AS k (kind, at)
     WHERE d.tenant_id = $1 AND d.duplicate_of IS NULL AND ${dealIn('d.id')} AND k.at IS NOT NULL
     UNION ALL
     SELECT d.tenant_id, d.id, e.partner_id, k.kind, e.id, k.at, ${DEAL_COLUMNS}
     FROM co_sell_engagements e
     LEFT JOIN crm_deals named ON named.tenant_id = e.tenant_id AND named.ref = e.crm_deal_ref
     JOIN crm_deals d ON d.tenant_id = e.tenant_id
       AND (CASE WHEN e.crm_deal_ref IS NULL THEN d.account_id = e.account_id ELSE d.id = coalesce(named.duplicate_of, named.id) END)
     CROSS JOIN LATERAL (VALUES
       (CASE WHEN e.role = 'referral' THEN 'referral' ELSE 'co_sell_requested' END, e.created_at),
       ('co_sell_active', CASE WHEN e.status = 'active' AND e.role <> 'referral' THEN e.updated_at END)
     ) AS k (kind, at)
     WHERE e.tenant_id = $1 AND e.status <> 'declined' AND d.duplicate_of IS NULL AND ${dealIn('d.id')} AND k.at IS NOT NULL`,
    params,
  );
  return rowCount;
}
