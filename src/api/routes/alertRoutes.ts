import { z } from 'zod';
import { AlertRoute, AlertRoutes } from '../../domain/alertRouting';
import { listAlertRoutes, replaceAlertRoutes } from '../../store/alertRoutes';
import { recordAudit } from '../../store/outbox';
import type { Deps } from '../../usecases/context';
import { defineRoute } from '../route';
import { ErrorBody } from '../views';

const RoutesBody = z
  .object({ routes: AlertRoutes })
  .strict()
  .meta({
    examples: [
      {
        routes: [
          { kind: 'channel_conflict', region: 'EMEA', target: { type: 'channel', channelId: 'C04EMEADEALS' } },
          { kind: 'partner_at_risk', target: { type: 'partner_manager' } },
          { tier: 'platinum', target: { type: 'channel', channelId: 'C05PLATINUM' } },
        ],
      },
    ],
  });
const RoutesView = z.object({ routes: z.array(AlertRoute) });

/** Where each kind of Slack alert goes, per region and tier: an ordered list, first match wins, else the default channel. */
export const alertRouteRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/alerts/routes',
    summary: 'The Slack alert routing rules, in the order they are tried',
    tag: 'Alerts',
    auth: 'tenant',
    responses: { 200: { description: 'Routing rules', schema: RoutesView }, 401: { description: 'Missing or invalid API key', schema: ErrorBody } },
    async handle({ actor }) {
      return { status: 200, body: { routes: await listAlertRoutes(deps.db, actor.tenantId) } };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/alerts/routes',
    summary: 'Replace the Slack alert routing rules (kind × region × tier → channel, or a DM to the partner manager)',
    tag: 'Alerts',
    auth: 'tenant',
    body: RoutesBody,
    responses: {
      200: { description: 'The rules now in force', schema: RoutesView },
      400: { description: 'Invalid input; details name each field', schema: ErrorBody },
      401: { description: 'Missing or invalid API key', schema: ErrorBody },
    },
    async handle({ body, actor }) {
      await deps.db.transaction(async (tx) => {
        await replaceAlertRoutes(tx, actor.tenantId, body.routes);
        await recordAudit(tx, actor.tenantId, {
          actor: actor.name,
          action: 'alert_routes.replaced',
          entityType: 'tenant',
          entityId: actor.tenantId,
          details: { count: body.routes.length },
        });
      });
      return { status: 200, body: { routes: body.routes } };
    },
  }),
];
