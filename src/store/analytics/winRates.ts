import type { Region, Tier } from '../../domain/partner';
import type { Queryable } from '../db';
import { SCOPE_CTES, num, scopeParams, type AnalyticsScope } from './scope';

export interface WonLost {
  won: number;
  lost: number;
}

export interface WinRateCounts {
  /** Closed deals a partner of the scope touched, and closed deals no partner touched. */
  partnerInvolved: WonLost;
  direct: WonLost;
  partners: Array<WonLost & { partnerId: string; name: string; region: Region; tier: Tier }>;
}

/** Won and lost deals closed in the period, per partner of the scope and overall. */
export async function winRateCounts(q: Queryable, scope: AnalyticsScope): Promise<WinRateCounts> {
  const params = scopeParams(scope);
  // Direct is every closed deal less those anyone touched: counting from the touched deals alone avoids joining all deals to them.
  const overall = await q.query<{ all_won: string; all_lost: string; touched_won: string; touched_lost: string; involved_won: string; involved_lost: string }>(
    `WITH ${SCOPE_CTES},
     touched AS (
       SELECT t.deal_id, bool_and(t.is_won) AS is_won, bool_or(s.id IS NOT NULL) AS in_scope
       FROM touches t LEFT JOIN in_scope s ON s.id = t.partner_id WHERE t.is_closed GROUP BY t.deal_id
     ),
     everything AS (SELECT count(*) FILTER (WHERE is_won) AS won, count(*) FILTER (WHERE NOT is_won) AS lost FROM deals WHERE is_closed)
     SELECT e.won AS all_won, e.lost AS all_lost,
       count(t.deal_id) FILTER (WHERE t.is_won) AS touched_won, count(t.deal_id) FILTER (WHERE NOT t.is_won) AS touched_lost,
       count(t.deal_id) FILTER (WHERE t.is_won AND t.in_scope) AS involved_won, count(t.deal_id) FILTER (WHERE NOT t.is_won AND t.in_scope) AS involved_lost
     FROM everything e LEFT JOIN touched t ON true
     GROUP BY e.won, e.lost`,
    params,
  );
  const { rows } = await q.query<{ id: string; name: string; region: Region; tier: Tier; won: string; lost: string }>(
    `WITH ${SCOPE_CTES},
     partner_deals AS (
       SELECT DISTINCT t.partner_id, t.deal_id, t.is_won FROM touches t WHERE t.is_closed
     )
     SELECT p.id, p.name, p.region, p.tier, count(*) FILTER (WHERE pd.is_won) AS won, count(*) FILTER (WHERE NOT pd.is_won) AS lost
     FROM partner_deals pd JOIN in_scope p ON p.id = pd.partner_id
     GROUP BY p.id, p.name, p.region, p.tier
     ORDER BY count(*) DESC, p.id`,
    params,
  );
  const o = overall.rows[0]!;
  return {
    partnerInvolved: { won: num(o.involved_won), lost: num(o.involved_lost) },
    direct: { won: num(o.all_won) - num(o.touched_won), lost: num(o.all_lost) - num(o.touched_lost) },
    partners: rows.map((r) => ({ partnerId: r.id, name: r.name, region: r.region, tier: r.tier, won: num(r.won), lost: num(r.lost) })),
  };
}
