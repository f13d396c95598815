import { createHash, randomUUID } from 'node:crypto';
import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock';
import { crmRevokers } from '../install/revoke';
import type { InstallSettings, SignInSettings } from '../install/settings';
import type { Db } from '../store/db';
import type { Keyring } from '../security/secrets';
import { notFound } from '../usecases/errors';
import { errorHandler, loggedRoute } from './errors';
import { DEFAULT_RATE_LIMITS } from '../config/rateLimits';
import { createRateLimits, limitByIp, sendApiRateLimited, type RateLimits } from './rateLimits';
import { securityHeaders } from './securityHeaders';
import { healthRoutes, type Probe } from './health';
import { createMetrics, type Metrics } from './metrics';
import { cardRouter, type CardOptions } from './cards';
import { API_VERSION, buildOpenApi } from './openapi';
import { installRouter } from './oauth/router';
import { signInRouter } from './signin/router';
import type { AnyRoute } from './route';
import { mountRoutes } from './router';
import { apiKeyOrSession } from './analyticsAuth';
import { alertRouteRoutes } from './routes/alertRoutes';
import { analyticsRoutes } from './routes/analytics';
import { cardCredentialRoutes } from './routes/cardCredentials';
import { conflictRoutes } from './routes/conflicts';
import { connectionRoutes } from './routes/connections';
import { partnerFitRoutes } from './routes/partnerFit';
import { partnerHealthRoutes } from './routes/partnerHealth';
import { partnerRoutes } from './routes/partners';
import { partnerSignalRoutes } from './routes/partnerSignals';
import { referralRoutes } from './routes/referrals';
import { registrationRoutes } from './routes/registrations';
import { routingRoutes } from './routes/routing';
import { apiKeyRoutes } from './routes/apiKeys';
import { vendorUserRoutes } from './routes/vendorUsers';
import { partnerUserRoutes } from './routes/partnerUsers';
import { auditLogRoutes } from './routes/auditLog';
import { settingsRoutes } from './routes/settings';
import { syncRoutes } from './routes/sync';
import { tierRoutes } from './routes/tiers';
import type { SyncControl } from '../sync/service';
import type { CrmWebhooks } from '../../webhooks/fromConfig';
import { secretRotationRoutes } from './routes/secretRotations';
import { tenantRoutes } from './routes/tenants';
import { settingsPageRouter } from './settings/router';
import { dashboardRouter } from './dashboard/router';
import { homeRouter } from './pages/home';
import { answerRouter } from './answers/router';
import { portalRouter } from './portal/router';
import { PORTAL_LINK_PATH } from '../domain/partnerAccess';
import { ANSWER_LINK_PATH } from '../domain/detailsRequest';
import { recordPagesRouter } from './records/router';
import { inboxRouter } from './inbox/router';

/** What the HTTP app serves of the sync: the admin routes' engine handle, the webhook receivers, the Outbound Message URL. */
export interface SyncAppOptions extends CrmWebhooks {
  control: SyncControl;
}

export interface AppOptions {
  db: Db;
  clock: Clock;
  keyring: Keyring;
  logger: Logger;
  adminToken: string | undefined;
  /** The bearer token `/metrics` and the detail of `/readyz` require; absent, nobody can read them. */
  metricsToken?: string | undefined;
  /** Where Trellis is reached; served over https, browsers are told to keep to https (HSTS). */
  publicUrl?: string;
  /** Absent, limits at their defaults are counted in the store. */
  rateLimits?: RateLimits;
  probes?: Probe[];
  metrics?: Metrics;
  /** The CRM sync admin API and webhook receivers; absent, they are not served. */
  sync?: SyncAppOptions;
  /** The Slack app's endpoints (`/slack/events`, `/slack/interactions`); absent, they are not served. */
  slack?: Router;
  /** OAuth installs, signing in, the settings page and connection management; absent, they are not served. */
  install?: InstallSettings;
  /** Signing in beyond HubSpot and Salesforce; absent, neither OpenID Connect nor the sandbox's one-click sign-in. */
  signIn?: SignInSettings;
  /** The pages people answer "Ask for details" questions on (`/answers/<token>`), their links signed with this secret; absent, not served. */
  answers?: { signingSecret: string };
  /** Whether "Ask for details" questions are mailed (a mail server is set up); absent, they are recorded only. */
  mail?: boolean;
  /** The CRM card backend (`/api/cards/…`); absent, it is not served. */
  cards?: CardOptions;
  /**
   * The sandbox preview of the cards on a record page (`/preview`) and the links the home page
   * shows; absent, it is not served. The sandbox builds it (`src/preview`), so production never loads it.
   */
  preview?: { router: Router; links: { label: string; url: string }[] };
  /**
   * Check every API and card answer against its route's declared response schema, answering 500
   * with what differs. On under test (NODE_ENV=test), so an answer that drifts from the OpenAPI
   * document fails the suite. Off in production: the tests already hold each route to its
   * contract, a second zod parse of every answer costs time on every request, and a customer is
   * better served by an answer with an undocumented extra field than by a 500.
   */
  checkResponses?: boolean;
}

export function apiRoutes(options: AppOptions, metrics: Metrics): AnyRoute[] {
  const deps = { db: options.db, clock: options.clock, keyring: options.keyring };
  const sync = options.sync ? syncRoutes(deps, options.sync.control, options.sync) : [];
  return [...sync, ...tenantRoutes(deps), ...secretRotationRoutes(deps), ...partnerRoutes(deps), ...partnerUserRoutes(deps), ...partnerSignalRoutes(deps), ...partnerHealthRoutes(deps), ...partnerFitRoutes(deps), ...tierRoutes(deps), ...registrationRoutes(deps, metrics), ...conflictRoutes(deps), ...settingsRoutes(deps), ...apiKeyRoutes(deps), ...vendorUserRoutes(deps), ...auditLogRoutes(deps), ...alertRouteRoutes(deps), ...cardCredentialRoutes(deps),
    ...referralRoutes(deps), ...routingRoutes(deps),
    ...analyticsRoutes(deps, apiKeyOrSession(options.db, options.clock)),
    ...(options.install ? connectionRoutes(deps, crmRevokers(options.install)) : [])];
}

export function createApp(options: AppOptions): Express {
  const metrics = options.metrics ?? createMetrics();
  const routes = apiRoutes(options, metrics);
  const openapi = buildOpenApi(routes, API_VERSION, options.publicUrl ?? options.install?.publicUrl);
  const checkResponses = options.checkResponses ?? process.env.NODE_ENV === 'test';
  const limits = options.rateLimits ?? createRateLimits({ kind: 'postgres', db: options.db }, DEFAULT_RATE_LIMITS);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((req, res, next) => {
    const given = req.get('x-request-id');
    res.locals.requestId = given && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', res.locals.requestId as string);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      options.logger.info(
        {
          reqId: res.locals.requestId,
          tenantId: res.locals.tenantId,
          method: req.method,
          route: loggedRoute(req, res),
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });
  app.use(securityHeaders(options.publicUrl ?? options.install?.publicUrl));
  app.use(metrics.middleware);
  app.use(healthRoutes(options.db, options.probes ?? [], metrics, options.metricsToken));
  // Pages a stranger can open (each install start stores a state row) are limited per client address.
  app.use(['/oauth', '/signin', ANSWER_LINK_PATH, '/portal/signin', PORTAL_LINK_PATH], limitByIp(limits.anonymous));
  app.use(homeRouter({ signIn: Boolean(options.install), ...(options.preview ? { sandbox: { links: options.preview.links } } : {}) }));
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  if (options.install) {
    const signIn = options.signIn ?? { oidc: null, demoUsers: false };
    const installDeps = { db: options.db, clock: options.clock, keyring: options.keyring, logger: options.logger, install: options.install, signIn };
    app.use(installRouter(installDeps), signInRouter(installDeps), settingsPageRouter(installDeps, crmRevokers(options.install)), dashboardRouter(installDeps), recordPagesRouter(installDeps), inboxRouter(installDeps, { mail: options.mail ?? false }));
    app.use(portalRouter({ db: options.db, clock: options.clock, keyring: options.keyring, signingSecret: options.install.signingSecret, publicUrl: options.install.publicUrl }));
  }
  if (options.answers) app.use(answerRouter({ db: options.db, clock: options.clock, keyring: options.keyring }, options.answers.signingSecret));
  if (options.preview) app.use(options.preview.router);
  if (options.cards) app.use(cardRouter({ db: options.db, clock: options.clock, keyring: options.keyring }, metrics, options.cards, checkResponses));
  // Slack signs the raw body: its endpoints read it themselves, before any JSON parser.
  if (options.slack) app.use(options.slack);
  // CRM webhooks are verified on their raw bytes: their receivers read the body themselves.
  if (options.sync) app.use(options.sync.webhooks);
  app.use('/api', express.json({ limit: '256kb' }));
  app.use(
    mountRoutes(routes, {
      db: options.db,
      adminToken: options.adminToken,
      clock: options.clock,
      checkResponses,
      // Counted per key once it is known to be valid; the key is counted by its digest, never stored.
      afterApiKey: async (req, res) => {
        const retryAfter = await limits.apiKey.take(createHash('sha256').update(req.get('authorization') ?? '').digest('base64url'));
        if (retryAfter !== null) sendApiRateLimited(res, retryAfter);
        return retryAfter !== null;
      },
    }),
  );
  app.use('/api', (_req, _res, next) => next(notFound('route')));
  app.use(errorHandler(options.logger));
  return app;
}

