import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { can, ROLE_LABELS } from '../domain/access';
import type { Clock } from '../domain/clock';
import type { Db } from '../store/db';
import type { Actor } from '../usecases/context';
import { AppError, forbidden, validationError } from '../usecases/errors';
import { authenticateAdmin, authenticateTenant } from './auth';
import { issuesToDetails } from './errors';
import { withIdempotency } from './idempotency';
import { methodNotAllowed } from './methodNotAllowed';
import { responseBreaches, ResponseContractError } from './responseContract';
import { permissionOf, type AnyRoute } from './route';

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, location: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(`Invalid request ${location}`, issuesToDetails(result.error, location));
  return result.data;
}

const unsupportedMediaType = (req: Request) =>
  new AppError('unsupported_media_type', `The request body must be JSON, sent with Content-Type: application/json (it was sent as ${req.get('content-type')})`, 'unsupported_media_type');

/** Where a caller sends its idempotency key: the `Idempotency-Key` header, unless the edge says otherwise. */
export type IdempotencyKeyOf = (req: Request) => string | undefined;
const idempotencyKeyHeader: IdempotencyKeyOf = (req) => req.get('idempotency-key');

/** A caller may use only the routes its role allows (`domain/access`); the admin token is not a tenant's caller. */
function authorise(actor: Actor | void, route: AnyRoute): void {
  if (!actor) return;
  const { role } = actor.principal;
  if (!can(actor.principal, permissionOf(route))) {
    throw forbidden(`${actor.apiKey ? `An API key with the role ${ROLE_LABELS[role]}` : `The role ${ROLE_LABELS[role]}`} may not ${route.method.toUpperCase()} ${route.path}`);
  }
}

/** Mounts route definitions: authenticate, validate, run (once per Idempotency-Key), answer. */
export function mountRoutes(
  routes: readonly AnyRoute[],
  ctx: {
    db: Db;
    adminToken: string | undefined;
    clock?: Clock;
    idempotencyKeyOf?: IdempotencyKeyOf;
    /** Runs once an API key is authenticated (the per-key rate limit); it may answer, and then the route does not run. */
    afterApiKey?: (req: Request, res: Response) => Promise<boolean>;
    /** Check each answer against the route's declared responses (tests); see `AppOptions.checkResponses`. */
    checkResponses?: boolean;
  },
): Router {
  const idempotencyKeyOf = ctx.idempotencyKeyOf ?? idempotencyKeyHeader;
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      res.locals.routeTemplate = route.path;
      const actor =
        route.auth === 'tenant'
          ? await authenticateTenant(ctx.db, req, ctx.clock)
          : route.auth === 'admin'
            ? authenticateAdmin(ctx.adminToken, req)
            : await route.auth(req);
      if (actor) res.locals.tenantId = actor.tenantId;
      if (route.auth === 'tenant' && ctx.afterApiKey && (await ctx.afterApiKey(req, res))) return;
      authorise(actor, route);
      // Read as JSON only when it says it is JSON; otherwise the body would seem absent and fail validation for no clear reason.
      if (route.body && req.is('application/json') === false) throw unsupportedMediaType(req);
      const params = parse(route.params, req.params, 'params');
      const query = parse(route.query, req.query, 'query');
      const body = parse(route.body, req.body, 'body');
      const run = () => route.handle({ params, query, body, actor: actor!, req });
      const output =
        route.idempotent && actor
          ? await withIdempotency(ctx.db, actor.tenantId, idempotencyKeyOf(req), { path: req.path, body: req.body }, run)
          : await run();
      if (ctx.checkResponses) {
        const breaches = responseBreaches(route, output.status, output.body);
        if (breaches.length > 0) throw new ResponseContractError(route, output.status, breaches);
      }
      res.status(output.status).json(output.body);
    });
  }
  router.use(methodNotAllowed(routes));
  return router;
}
