import type { AlertRoute } from '../domain/alertRouting';
import type { Queryable } from './db';

interface RouteRow {
  kind: AlertRoute['kind'] | null;
  region: AlertRoute['region'] | null;
  tier: AlertRoute['tier'] | null;
  channel_id: string | null;
  to_partner_manager: boolean;
}

const toRoute = (r: RouteRow): AlertRoute => ({
  ...(r.kind ? { kind: r.kind } : {}),
  ...(r.region ? { region: r.region } : {}),
  ...(r.tier ? { tier: r.tier } : {}),
  target: r.to_partner_manager ? { type: 'partner_manager' } : { type: 'channel', channelId: r.channel_id! },
});

export async function listAlertRoutes(q: Queryable, tenantId: string): Promise<AlertRoute[]> {
  const { rows } = await q.query<RouteRow>(
    'SELECT kind, region, tier, channel_id, to_partner_manager FROM alert_routes WHERE tenant_id = $1 ORDER BY position',
    [tenantId],
  );
  return rows.map(toRoute);
}

/** Replaces the tenant's routing rules as a whole, keeping their order. */
export async function replaceAlertRoutes(q: Queryable, tenantId: string, routes: readonly AlertRoute[]): Promise<void> {
  await q.query('DELETE FROM alert_routes WHERE tenant_id = $1', [tenantId]);
  for (const [position, r] of routes.entries()) {
    await q.query(
      'INSERT INTO alert_routes (tenant_id, position, kind, region, tier, channel_id, to_partner_manager) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [tenantId, position, r.kind ?? null, r.region ?? null, r.tier ?? null, r.target.type === 'channel' ? r.target.channelId : null, r.target.type === 'partner_manager'],
    );
  }
}
