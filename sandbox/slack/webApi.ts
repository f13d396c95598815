import express, { type Request, type Response } from 'express';
import { faultMiddleware, type FaultInjector } from '../shared/faults';
import { Args } from './args';
import { authenticate } from './auth';
import { SlackApiError } from './errors';
import { isOutsideMarketplace } from './marketplace';
import { authMethods } from './methods/auth';
import { chatMethods } from './methods/chat';
import { conversationsMethods } from './methods/conversations';
import { requireScope, type MethodDefinition, type MethodResult } from './methods/method';
import { oauthMethods } from './methods/oauth';
import { usersMethods } from './methods/users';
import { viewsMethods } from './methods/views';
import type { RateLimiter } from './rateLimits';
import type { Services } from './services';

const METHODS = new Map<string, MethodDefinition>(
  [...authMethods, ...chatMethods, ...conversationsMethods, ...oauthMethods, ...usersMethods, ...viewsMethods].map((m) => [m.name, m]),
);

/** 429 the way Slack sends it; the WebClient reads Retry-After (seconds) and pauses. */
function sendRateLimited(res: Response, retryAfterSeconds: number): void {
  res.status(429).set('Retry-After', String(retryAfterSeconds)).json({ ok: false, error: 'ratelimited' });
}

/**
 * `/api/{method}`: form-encoded or JSON bodies (or a query string), token from
 * `Authorization: Bearer` or the `token` field, every answer HTTP 200 with `ok`
 * except rate limiting (429) and injected faults.
 */
export function webApiRouter(services: Services, limiter: RateLimiter, faults: FaultInjector): express.Router {
  const router = express.Router();
  router.use(
    faultMiddleware(faults, {
      serverError: (res) => res.status(503).type('text/plain').send('Service Unavailable'),
      rateLimited: (res) => sendRateLimited(res, 1),
    }),
  );
  router.use(express.urlencoded({ extended: false, limit: '2mb' }), express.json({ limit: '2mb' }));
  router.all('/:method', async (req: Request, res: Response) => {
    const name = String(req.params.method);
    const method = METHODS.get(name);
    if (!method) {
      res.json({ ok: false, error: 'unknown_method', req_method: name });
      return;
    }
    const isJson = req.is('application/json') === 'application/json';
    const raw = { ...(req.query as Record<string, unknown>), ...((req.body as Record<string, unknown> | undefined) ?? {}) };
    // Slack ignores a `token` inside a JSON body: JSON callers must use the Authorization header.
    if (isJson) delete raw.token;
    try {
      const outcome = await dispatch(method, new Args(raw), req, services, limiter);
      if ('retryAfter' in outcome) sendRateLimited(res, outcome.retryAfter);
      else res.json({ ok: true, ...outcome.result, ...charsetWarning(req, isJson, outcome.result) });
    } catch (err) {
      if (err instanceof SlackApiError) {
        res.json(err.body());
        return;
      }
      console.error(`slack emulator: ${name} failed`, err);
      res.json({ ok: false, error: 'fatal_error' });
    }
  });
  return router;
}

/** Authenticates, applies the rate limits (per app, workspace and method), checks scopes, runs the method. */
async function dispatch(
  method: MethodDefinition,
  args: Args,
  req: Request,
  services: Services,
  limiter: RateLimiter,
): Promise<{ result: MethodResult } | { retryAfter: number }> {
  if (method.auth === 'client') {
    const retryAfter = limiter.takeFromWindow(`${args.optionalString('client_id')}:${method.name}`, method.tier);
    if (retryAfter > 0) return { retryAfter };
    return { result: await method.handle({ args, basic: basicAuth(req), services }) };
  }
  const bot = authenticate(services.state, req.get('authorization'), args.optionalString('token'));
  const key = `${bot.appId}:${bot.teamId}`;
  const tier = method.tierOutsideMarketplace && isOutsideMarketplace(services.state, bot) ? method.tierOutsideMarketplace : method.tier;
  const retryAfter =
    limiter.takeFromWindow(`${key}:${method.name}`, tier) ||
    (method.perChannel && args.has('channel') ? limiter.takeFromChannel(`${key}:${args.string('channel')}`) : 0);
  if (retryAfter > 0) return { retryAfter };
  if (method.scopes) requireScope(bot, ...method.scopes);
  return { result: await method.handle({ args, bot, services }) };
}

/** Slack warns (but answers) when a JSON body arrives without `charset=utf-8`. */
function charsetWarning(req: Request, isJson: boolean, result: MethodResult): Record<string, unknown> {
  if (!isJson || /charset=utf-8/i.test(req.get('content-type') ?? '')) return {};
  const existing = (result.response_metadata as { warnings?: string[] } | undefined) ?? {};
  return {
    warning: [result.warning, 'missing_charset'].filter(Boolean).join(','),
    response_metadata: { ...existing, warnings: [...(existing.warnings ?? []), 'missing_charset'] },
  };
}

function basicAuth(req: Request): { clientId: string; clientSecret: string } | undefined {
  const header = req.get('authorization');
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}
