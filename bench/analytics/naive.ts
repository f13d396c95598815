import { attributeDeal, sourcingPartners, type AttributableDeal, type AttributionModel, type Touchpoint } from '../../src/domain/attribution';
import { customerLifetimeValue, summarizeDays, winRate } from '../../src/domain/partnerMetrics';
import type { Db } from '../../src/store/db';

const DAY = 86_400_000;
const LATEST = new Date(8.64e15);

export interface NaivePartnerMetrics {
  revenue: Record<AttributionModel, number>;
  sourcedRevenue: number;
  openPipeline: number;
  won: number;
  lost: number;
  winRate: number | null;
  cltv: number | null;
  approvalMedianDays: number | null;
  latestScore: number | null;
}

interface DealRow {
  id: string;
  amount: string;
  is_closed: boolean;
  is_won: boolean;
  crm_created_at: Date;
  close_date: string | null;
  account_id: string | null;
}

/**
 * The baseline a first implementation would write: for each partner, load its deals, every
 * touchpoint of those deals, its registrations and its health, and compute each metric in
 * memory with the domain's own functions. Same definitions, one round of queries per partner.
 */
export async function naivePartnerMetrics(db: Db, tenantId: string, partnerId: string): Promise<NaivePartnerMetrics> {
  const deals = (
    await db.query<DealRow>(
      `SELECT id, amount, is_closed, is_won, crm_created_at, to_char(close_date, 'YYYY-MM-DD') AS close_date, account_id FROM crm_deals
       WHERE tenant_id = $1 AND id IN (SELECT deal_id FROM touchpoints WHERE tenant_id = $1 AND partner_id = $2)`,
      [tenantId, partnerId],
    )
  ).rows;
  const touchpoints = (
    await db.query<{ deal_id: string; partner_id: string; kind: Touchpoint['kind']; at: Date }>(
      'SELECT deal_id, partner_id, kind, at FROM touchpoints WHERE tenant_id = $1 AND deal_id = ANY($2::uuid[])',
      [tenantId, deals.map((d) => d.id)],
    )
  ).rows;
  const byDeal = new Map<string, Touchpoint[]>();
  for (const t of touchpoints) byDeal.set(t.deal_id, [...(byDeal.get(t.deal_id) ?? []), { partnerId: t.partner_id, kind: t.kind, at: t.at }]);
  const attributable = deals.map((d) => {
    // An open deal counts every touchpoint recorded, as the analytics do (touchpoints are recorded when they happen).
    const cutoff = d.is_closed && d.close_date ? new Date(Date.parse(`${d.close_date}T00:00:00Z`) + DAY) : LATEST;
    const deal: AttributableDeal = { amount: Number(d.amount), createdAt: d.crm_created_at, cutoff, touchpoints: byDeal.get(d.id) ?? [] };
    const counted = deal.touchpoints.some((t) => t.partnerId === partnerId && t.at.getTime() <= cutoff.getTime());
    return { row: d, deal, counted };
  }).filter((d) => d.counted);

  const won = attributable.filter((d) => d.row.is_won);
  const credit = (model: AttributionModel) => won.reduce((sum, d) => sum + (attributeDeal(d.deal, { model }).get(partnerId) ?? 0), 0);
  const sourced = won.filter((d) => sourcingPartners(d.deal).has(partnerId));
  const lost = attributable.filter((d) => d.row.is_closed && !d.row.is_won).length;

  const approvals = (
    await db.query<{ days: number }>(
      `SELECT extract(epoch FROM decided_at - submitted_at)::float8 / 86400 AS days FROM deal_registrations
       WHERE tenant_id = $1 AND partner_id = $2 AND status IN ('approved', 'won', 'lost', 'expired') AND decided_at IS NOT NULL`,
      [tenantId, partnerId],
    )
  ).rows.map((r) => r.days);
  const health = await db.query<{ score: number }>('SELECT score FROM health_snapshots WHERE tenant_id = $1 AND partner_id = $2 ORDER BY evaluated_at DESC LIMIT 2', [tenantId, partnerId]);

  return {
    revenue: { first: credit('first'), last: credit('last'), linear: credit('linear'), time_decay: credit('time_decay') },
    sourcedRevenue: sourced.reduce((sum, d) => sum + d.deal.amount, 0),
    openPipeline: attributable.filter((d) => !d.row.is_closed).reduce((sum, d) => sum + d.deal.amount, 0),
    won: won.length,
    lost,
    winRate: winRate(won.length, lost),
    cltv: customerLifetimeValue(won.map((d) => ({ customerId: d.row.account_id ?? d.row.id, amount: d.deal.amount, closedOn: new Date(`${d.row.close_date}T00:00:00Z`) }))).cltv,
    approvalMedianDays: summarizeDays(approvals).medianDays,
    latestScore: health.rows[0]?.score ?? null,
  };
}
