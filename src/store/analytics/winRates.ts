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
  const overall = await q.query<{ kind: 'involved' | 'direct' | 'other'; won: string; lost: string }>(
    `WITH ${SCOPE_CTES},
     closed AS (
       SELECT d.id, d.is_won,
         CASE WHEN EXISTS (SELECT 1 FROM touches t JOIN in_scope s ON s.id = t.partner_id WHERE t.deal_id = d.id) THEN 'involved'
              WHEN NOT EXISTS (SELECT 1 FROM touches t WHERE t.deal_id = d.id) THEN 'direct'
              ELSE 'other' END AS kind
       FROM deals d WHERE d.is_closed
     )
     SELECT kind, count(*) FILTER (WHERE is_won) AS won, count(*) FILTER (WHERE NOT is_won) AS lost FROM closed GROUP BY kind`,
    params,
  );
  const { rows } = await q.query<{ id: string; name: string; region: Region; tier: Tier; won: string; lost: string }>(
    `WITH ${SCOPE_CTES},
     partner_deals AS (
       SELECT DISTINCT t.partner_id, d.id, d.is_won FROM deals d JOIN touches t ON t.deal_id = d.id WHERE d.is_closed
     )
     SELECT p.id, p.name, p.region, p.tier, count(*) FILTER (WHERE pd.is_won) AS won, count(*) FILTER (WHERE NOT pd.is_won) AS lost
     FROM partner_deals pd JOIN in_scope p ON p.id = pd.partner_id
     GROUP BY p.id, p.name, p.region, p.tier
     ORDER BY count(*) DESC, p.id`,
    params,
  );
  const of = (kind: string): WonLost => {
    const r = overall.rows.find((o) => o.kind === kind);
    return { won: num(r?.won ?? 0), lost: num(r?.lost ?? 0) };
  };
  return {
    partnerInvolved: of('involved'),
    direct: of('direct'),
    partners: rows.map((r) => ({ partnerId: r.id, name: r.name, region: r.region, tier: r.tier, won: num(r.won), lost: num(r.lost) })),
  };
}
