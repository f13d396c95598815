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
    kind: AlertKind.optional().describe('Only alerts of this kind; left out: any kind'),
    region: Region.optional().describe(
      'Only alerts in this region: the registration’s for registration and conflict alerts, the partner’s for at-risk ones; left out: any, including alerts without one (sync conflicts)',
    ),
    tier: Tier.optional().describe('Only alerts about a partner of this tier; left out: any, including alerts without one (sync conflicts)'),
    target: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('channel').describe('Post in a Slack channel'), channelId: ChannelId.describe('The Slack channel id (not its name), e.g. C0123ABCD') }).strict(),
        z
          .object({
            type: z
              .literal('partner_manager')
              .describe('A direct message to the partner’s manager, found in Slack by email; a partner without a manager falls through to the next rule, a manager Slack does not know gets the default channel'),
          })
          .strict(),
      ])
      .describe('Where a matching alert goes'),
  })
  .strict();
export type AlertRoute = z.infer<typeof AlertRoute>;

export const AlertRoutes = z
  .array(AlertRoute)
  .max(200)
  .describe('The rules in the order they are tried: the first that matches an alert decides where it goes; an alert no rule matches goes to the default channel chosen when Slack was connected');

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
