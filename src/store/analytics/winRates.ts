import type { Region, Tier } from '../../domain/partner';
import type { Queryable } from '../db';
import { DEAL_FACTS_CTE, PARTNER_FACTS_CTE, TOUCHED_IN_SCOPE } from './facts';
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

/** Won and lost deals closed in the period, per partner of the scope and overall; read from the rollups. */
export async function winRateCounts(q: Queryable, scope: AnalyticsScope): Promise<WinRateCounts> {
  const params = scopeParams(scope);
  const count = (outcome: string, rows: string) => `coalesce(sum(deals) FILTER (WHERE outcome = '${outcome}' AND ${rows}), 0)`;
  const overall = await q.query<{ direct_won: string; direct_lost: string; involved_won: string; involved_lost: string }>(
    `WITH ${SCOPE_CTES}, ${DEAL_FACTS_CTE}
     SELECT ${count('won', 'NOT touched')} AS direct_won, ${count('lost', 'NOT touched')} AS direct_lost,
       ${count('won', TOUCHED_IN_SCOPE)} AS involved_won, ${count('lost', TOUCHED_IN_SCOPE)} AS involved_lost
     FROM deal_facts`,
    params,
  );
  const { rows } = await q.query<{ id: string; name: string; region: Region; tier: Tier; won: string; lost: string }>(
    `WITH ${SCOPE_CTES}, ${PARTNER_FACTS_CTE}
     SELECT p.id, p.name, p.region, p.tier, sum(f.won_deals) AS won, sum(f.lost_deals) AS lost
     FROM partner_facts f JOIN in_scope p ON p.id = f.partner_id
     GROUP BY p.id, p.name, p.region, p.tier
     HAVING sum(f.won_deals + f.lost_deals) > 0
     ORDER BY sum(f.won_deals + f.lost_deals) DESC, p.id`,
    params,
  );
  const o = overall.rows[0]!;
  return {
    partnerInvolved: { won: num(o.involved_won), lost: num(o.involved_lost) },
    direct: { won: num(o.direct_won), lost: num(o.direct_lost) },
    partners: rows.map((r) => ({ partnerId: r.id, name: r.name, region: r.region, tier: r.tier, won: num(r.won), lost: num(r.lost) })),
  };
}
