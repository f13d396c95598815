import { markCrossCrmDuplicates } from '../crmDealDuplicates';
import type { Queryable } from '../db';
import { lockTenantAnalytics } from '../tenantLock';
import { dealsChangedSince, getTouchpointWatermark, saveTouchpointWatermark } from '../touchpointRebuilds';
import { rebuildTouchpoints } from '../touchpoints';
import { rebuildRollups, type RollupMonths } from './rollups';

/**
 * Changes are re-read from a little before the watermark: a transaction that began before the
 * last rebuild but committed after it stamped its rows earlier than the watermark.
 */
const WATERMARK_OVERLAP_MS = 5 * 60_000;

export interface AnalyticsRefresh {
  full: boolean;
  /** Deals whose touchpoints were rebuilt (every deal on a full rebuild). */
  deals: number | 'all';
  touchpoints: number;
}

/** The close months the deals are in now and the ones they moved out of; deals without a close date are always refreshed. */
async function monthsOfDeals(q: Queryable, tenantId: string, deals: readonly string[]): Promise<RollupMonths> {
  const { rows } = await q.query<{ month: string }>(
    `SELECT DISTINCT to_char(m.month, 'YYYY-MM-DD') AS month
     FROM crm_deals d CROSS JOIN LATERAL (VALUES (date_trunc('month', d.close_date)::date), (d.moved_from_month)) AS m (month)
     WHERE d.tenant_id = $1 AND d.id = ANY($2::uuid[]) AND m.month IS NOT NULL`,
    [tenantId, deals],
  );
  return { months: rows.map((r) => r.month), undated: true };
}

async function forgetMovedMonths(q: Queryable, tenantId: string, deals: readonly string[] | 'all'): Promise<void> {
  await q.query('UPDATE crm_deals SET moved_from_month = NULL WHERE tenant_id = $1 AND moved_from_month IS NOT NULL AND ($2::boolean OR id = ANY($3::uuid[]))', [
    tenantId,
    deals === 'all',
    deals === 'all' ? [] : deals,
  ]);
}

/**
 * Brings a tenant's touchpoints and analytics rollups up to date, inside the caller's transaction:
 * decides which copy of a deal kept in both CRMs counts, then rebuilds the touchpoints of the deals
 * changed since the last rebuild (see `dealsChangedSince`) and the rollups of their close months.
 * The first rebuild, or `full`, rebuilds everything.
 */
export async function refreshPartnerAnalytics(q: Queryable, tenantId: string, options: { full?: boolean } = {}): Promise<AnalyticsRefresh> {
  await lockTenantAnalytics(q, tenantId);
  // Rollups aggregate a tenant's touchpoints and deals; at the default work_mem their sorts and hashes spill to disk.
  await q.query("SET LOCAL work_mem = '64MB'");
  const watermark = options.full ? null : await getTouchpointWatermark(q, tenantId);
  const since = watermark ? new Date(watermark.getTime() - WATERMARK_OVERLAP_MS) : null;
  await markCrossCrmDuplicates(q, tenantId, since);
  let refresh: AnalyticsRefresh;
  if (since) {
    const deals = await dealsChangedSince(q, tenantId, since);
    const touchpoints = await rebuildTouchpoints(q, tenantId, deals);
    await rebuildRollups(q, tenantId, await monthsOfDeals(q, tenantId, deals));
    await forgetMovedMonths(q, tenantId, deals);
    refresh = { full: false, deals: deals.length, touchpoints };
  } else {
    const touchpoints = await rebuildTouchpoints(q, tenantId, 'all');
    // The rollups are built from touchpoints just rewritten: plan them on their new statistics.
    await q.query('ANALYZE touchpoints');
    await rebuildRollups(q, tenantId, 'all');
    await forgetMovedMonths(q, tenantId, 'all');
    refresh = { full: true, deals: 'all', touchpoints };
  }
  await saveTouchpointWatermark(q, tenantId);
  return refresh;
}
