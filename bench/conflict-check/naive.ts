import { detectChannelConflicts, type ChannelConflict } from '../../src/domain/conflicts';
import { customerKey } from '../../src/domain/customer';
import type { TenantSettings } from '../../src/domain/settings';
import type { Db } from '../../src/store/db';
import { toCandidate, type CandidateRow } from '../../src/store/registrations';
import type { CheckQuery } from './queries';

/**
 * The baseline: every open registration of the tenant is compared with the submitted
 * customer by `similarity()`, one row after another, with no trigram index to narrow them.
 * It keeps rows somewhat below the threshold so that the domain rule, not Postgres'
 * single-precision arithmetic, decides at the boundary: the indexed path then has to
 * match a reference that does not share its shortcut.
 */
const BOUNDARY_MARGIN = 0.1;

export async function naiveConflicts(
  db: Db,
  tenantId: string,
  settings: TenantSettings,
  query: CheckQuery,
  now: Date,
): Promise<ChannelConflict[]> {
  const customer = customerKey(query.input.customer);
  const rows = await db.transaction(async (tx) => {
    // JIT compilation would add tens of milliseconds per query and flatter the indexed path.
    await tx.query('SET LOCAL jit = off');
    const result = await tx.query<CandidateRow>(
      `SELECT r.id, r.partner_id, r.products, r.region, r.status, r.protection_expires_at, a.normalized_name, a.normalized_domain
       FROM deal_registrations r
       JOIN accounts a ON a.tenant_id = r.tenant_id AND a.id = r.account_id
       WHERE r.tenant_id = $1
         AND r.status IN ('pending', 'approved')
         AND (r.status = 'pending' OR r.protection_expires_at > $4)
         AND r.partner_id <> $5
         AND r.products && $6::text[]
         AND (a.normalized_domain = $2 OR similarity(a.normalized_name, $3) >= $7)`,
      [
        tenantId,
        customer.normalizedDomain,
        customer.normalizedName,
        now,
        query.partner.id,
        query.input.products,
        settings.nameMatchThreshold - BOUNDARY_MARGIN,
      ],
    );
    return result.rows;
  });
  const candidates = rows.map(toCandidate);
  return detectChannelConflicts(
    { partnerId: query.partner.id, customer, products: query.input.products, region: query.input.region ?? query.partner.region },
    candidates,
    settings,
    now,
  );
}
