import { z } from 'zod';
import { Region, Tier } from './partner';

/** What Trellis alerts partner managers about in Slack. */
export const ALERT_KINDS = ['channel_conflict', 'registration_pending', 'sync_conflict', 'partner_at_risk', 'sla_breached'] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;

/** A Slack channel id (C… public, G… private). */
const ChannelId = z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD');

/**
 * One routing rule: filters left out match anything. The target is a channel, or a direct
 * message to the partner's manager (found in Slack by email).
 */
export const AlertRoute = z
  .object({
    kind: AlertKind.optional(),
    region: Region.optional(),
    tier: Tier.optional(),
    target: z.discriminatedUnion('type', [
      z.object({ type: z.literal('channel'), channelId: ChannelId }).strict(),
      z.object({ type: z.literal('partner_manager') }).strict(),
    ]),
  })
  .strict();
export type AlertRoute = z.infer<typeof AlertRoute>;

export const AlertRoutes = z.array(AlertRoute).max(200);

/** What an alert is about, as far as routing cares. A missing region or tier matches only rules without that filter. */
export interface RoutingFacts {
  kind: AlertKind;
  region: Region | null;
  tier: Tier | null;
  managerEmail: string | null;
}

export type RouteTarget = { type: 'channel'; channelId: string } | { type: 'dm'; email: string } | { type: 'default' };

/** The first rule that matches decides; a manager rule without a known manager falls through to the next. */
export function routeAlert(routes: readonly AlertRoute[], facts: RoutingFacts): RouteTarget {
  for (const route of routes) {
    if (route.kind && route.kind !== facts.kind) continue;
    if (route.region && route.region !== facts.region) continue;
    if (route.tier && route.tier !== facts.tier) continue;
    if (route.target.type === 'channel') return route.target;
    if (facts.managerEmail) return { type: 'dm', email: facts.managerEmail };
  }
  return { type: 'default' };
}
