import { Router, type Request } from 'express';
import { z } from 'zod';
import { associate, dissociate } from './associationStore';
import { defaultDefinition } from './associationTypes';
import { AppInput, registerApp } from './apps';
import { userSource } from './changes';
import { writeContext, type EmulatorContext, type WriteContext } from './context';
import { notFound, parseBody, validationError } from './errors';
import { PropertyValues } from './inputs';
import { resolveObjectType } from './objectTypes';
import { createPortal } from './portals';
import { presentWritten } from './presenter';
import { archiveRecord, createRecord, mergeRecords, requireRecord, updateRecord } from './records';
import type { Portal } from './state';
import { install } from './tokens';

const PortalInput = z.object({
  id: z.number().int().positive().optional(),
  domain: z.string().optional(),
  userEmail: z.string().optional(),
  tier: z.enum(['free', 'starter', 'professional', 'enterprise']).optional(),
});
const InstallInput = z.object({
  clientId: z.string(),
  portalId: z.number().int(),
  scopes: z.array(z.string()).optional(),
});
const UiWrite = z.object({ properties: PropertyValues.default({}), userId: z.number().int().optional() });
const UiMerge = z.object({ primaryObjectId: z.string(), objectIdToMerge: z.string(), userId: z.number().int().optional() });
const RateLimitInput = z
  .object({
    tenSecondlyLimit: z.number().int().positive(),
    dailyLimit: z.number().int().positive(),
    searchPerSecond: z.number().int().positive(),
  })
  .partial();

export interface AdminHooks {
  reset(): void;
}

/**
 * `/_admin`: set up apps and portals, edit records as a CRM user would (webhooks report
 * those edits as CRM_UI changes), tune faults and limits, and watch webhook deliveries.
 */
export function adminRoutes(ctx: EmulatorContext, hooks: AdminHooks): Router {
  const router = Router();

  const portalOf = (req: Request): Portal => {
    const portal = ctx.state.portals[String(req.params.portalId)];
    if (!portal) throw notFound(`Portal ${String(req.params.portalId)} does not exist`);
    return portal;
  };

  /** A UI edit is attributed to the user named in the request, or the portal's first user. */
  const uiWrite = (portal: Portal, userId: unknown): WriteContext => {
    const id = Number(userId ?? portal.users[0]?.id ?? 0);
    return writeContext(ctx, portal, userSource(id));
  };

  router.post('/apps', (req, res) => {
    const app = registerApp(ctx.state, parseBody(AppInput, req.body));
    ctx.changed();
    res.status(201).json(app);
  });

  router.get('/apps', (_req, res) => {
    res.json({ results: Object.values(ctx.state.apps) });
  });

  router.post('/portals', (req, res) => {
    const input = parseBody(PortalInput, req.body);
    if (input.id !== undefined && ctx.state.portals[String(input.id)]) {
      throw validationError(`Portal ${input.id} already exists`);
    }
    const portal = createPortal(ctx.state, input, ctx.now());
    ctx.changed();
    res.status(201).json({ id: portal.id, domain: portal.domain, tier: portal.tier, users: portal.users });
  });

  /** Install an app without the consent screen, e.g. for seeding. */
  router.post('/tokens', (req, res) => {
    const input = parseBody(InstallInput, req.body);
    const app = Object.values(ctx.state.apps).find((a) => a.clientId === input.clientId);
    const portal = ctx.state.portals[String(input.portalId)];
    if (!app || !portal) throw notFound('Unknown app or portal');
    const tokens = install(ctx, {
      appId: app.id,
      portalId: portal.id,
      userId: portal.users[0]?.id ?? 0,
      scopes: input.scopes ?? [...app.scopes, ...app.conditionallyRequiredScopes, ...app.optionalScopes],
    });
    ctx.changed();
    res.status(201).json(tokens);
  });

  router.put('/faults', (req, res) => {
    res.json(ctx.faults.configure(req.body ?? {}));
  });

  router.put('/rate-limits', (req, res) => {
    res.json(ctx.rateLimits.configure(parseBody(RateLimitInput, req.body)));
  });

  router.post('/reset', (_req, res) => {
    hooks.reset();
    res.status(204).end();
  });

  router.get('/webhooks', (_req, res) => {
    const results = ctx.webhooks.deliveries().map(({ body, ...delivery }) => ({
      ...delivery,
      events: JSON.parse(body) as unknown,
    }));
    res.json({ results });
  });

  router.post('/webhooks/flush', async (_req, res) => {
    await ctx.webhooks.idle();
    res.status(204).end();
  });

  router.post('/portals/:portalId/objects/:objectType', (req, res) => {
    const portal = portalOf(req);
    const type = resolveObjectType(portal, String(req.params.objectType));
    const input = parseBody(UiWrite, req.body);
    const record = createRecord(uiWrite(portal, input.userId), type, input.properties);
    ctx.changed();
    res.status(201).json(presentWritten(record));
  });

  router.post('/portals/:portalId/objects/:objectType/merge', (req, res) => {
    const portal = portalOf(req);
    const type = resolveObjectType(portal, String(req.params.objectType));
    const input = parseBody(UiMerge, req.body);
    const primary = requireRecord(portal, type, input.primaryObjectId);
    const secondary = requireRecord(portal, type, input.objectIdToMerge);
    const merged = mergeRecords(uiWrite(portal, input.userId), type, primary, secondary);
    ctx.changed();
    res.json(presentWritten(merged));
  });

  router.patch('/portals/:portalId/objects/:objectType/:objectId', (req, res) => {
    const portal = portalOf(req);
    const type = resolveObjectType(portal, String(req.params.objectType));
    const input = parseBody(UiWrite, req.body);
    const record = requireRecord(portal, type, String(req.params.objectId));
    updateRecord(uiWrite(portal, input.userId), type, record, input.properties);
    ctx.changed();
    res.json(presentWritten(record));
  });

  router.delete('/portals/:portalId/objects/:objectType/:objectId', (req, res) => {
    const portal = portalOf(req);
    const type = resolveObjectType(portal, String(req.params.objectType));
    const record = requireRecord(portal, type, String(req.params.objectId));
    archiveRecord(uiWrite(portal, req.query.userId), type, record);
    ctx.changed();
    res.status(204).end();
  });

  /** Associate two records with their default type, as a user does from a record page. */
  router.put('/portals/:portalId/associations/:fromType/:fromId/:toType/:toId', (req, res) => {
    const portal = portalOf(req);
    const from = resolveObjectType(portal, String(req.params.fromType));
    const to = resolveObjectType(portal, String(req.params.toType));
    const fromId = requireRecord(portal, from, String(req.params.fromId)).id;
    const toId = requireRecord(portal, to, String(req.params.toId)).id;
    const definition = defaultDefinition(portal, from.objectTypeId, to.objectTypeId);
    if (!definition) throw validationError(`${from.name} and ${to.name} cannot be associated`);
    associate(uiWrite(portal, req.query.userId), { from, fromId, to, toId }, [definition]);
    ctx.changed();
    res.status(204).end();
  });

  router.delete('/portals/:portalId/associations/:fromType/:fromId/:toType/:toId', (req, res) => {
    const portal = portalOf(req);
    const from = resolveObjectType(portal, String(req.params.fromType));
    const to = resolveObjectType(portal, String(req.params.toType));
    dissociate(uiWrite(portal, req.query.userId), {
      from,
      fromId: String(req.params.fromId),
      to,
      toId: String(req.params.toId),
    });
    ctx.changed();
    res.status(204).end();
  });

  return router;
}
