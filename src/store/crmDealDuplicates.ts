import type { Queryable } from './db';

/**
 * Counts a deal kept in both CRMs once. A HubSpot deal and a Salesforce opportunity are the same
 * deal when they are for the same customer and have the same name (case and spacing aside):
 * amount, stage and close date are left out because they drift while the sales team works the
 * deal in one CRM and the other copy stays as first entered. Same-named deals of one customer
 * pair up in the order the CRMs created them. Of a pair, the copy modified most recently in its
 * CRM is counted (HubSpot's on a tie): it is the one the team is working in. The other points to
 * it through `duplicate_of` and gets no touchpoints.
 *
 * Only deals changed since `since` (and the copies they were paired with) are looked at; every
 * deal when null. A tenant with deals from one CRM has nothing to pair.
 */
export async function markCrossCrmDuplicates(q: Queryable, tenantId: string, since: Date | null): Promise<number> {
  const { rows } = await q.query<{ both: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM crm_deals WHERE tenant_id = $1 AND crm = 'hubspot') AND EXISTS (SELECT 1 FROM crm_deals WHERE tenant_id = $1 AND crm = 'salesforce') AS both",
    [tenantId],
  );
  if (!rows[0]!.both) return 0;
  const { rowCount } = await q.query(
    `WITH changed AS (
       SELECT id, duplicate_key, duplicate_of FROM crm_deals
       WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR changed_at >= $2)
     ),
     keys AS (
       SELECT duplicate_key FROM changed
       UNION SELECT d.duplicate_key FROM crm_deals d JOIN changed c ON d.id = c.duplicate_of OR d.duplicate_of = c.id WHERE d.tenant_id = $1
     ),
     ranked AS (
       SELECT d.id, d.crm, d.duplicate_key, d.crm_modified_at,
         row_number() OVER (PARTITION BY d.duplicate_key, d.crm ORDER BY d.crm_created_at, d.id) AS nth
       FROM crm_deals d JOIN keys k ON k.duplicate_key = d.duplicate_key
       WHERE d.tenant_id = $1
     ),
     decided AS (
       SELECT id, CASE WHEN count(*) OVER pair = 2 THEN first_value(id) OVER (pair ORDER BY crm_modified_at DESC, crm) END AS counted
       FROM ranked WINDOW pair AS (PARTITION BY duplicate_key, nth)
       UNION ALL
       -- A deal whose customer became unknown pairs with nothing.
       SELECT id, NULL FROM changed WHERE duplicate_key IS NULL
     )
     UPDATE crm_deals d SET duplicate_of = nullif(x.counted, x.id), changed_at = now()
     FROM decided x
     WHERE d.tenant_id = $1 AND d.id = x.id AND d.duplicate_of IS DISTINCT FROM nullif(x.counted, x.id)`,
    [tenantId, since],
  );
  return rowCount;
}
