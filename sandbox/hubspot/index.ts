import express, { type Express, type RequestHandler } from 'express';
import { FaultInjector, faultMiddleware, type FaultSettings } from '../shared/faults';
import { listen } from '../shared/http';
import { adminRoutes } from './admin';
import { AppInput, registerApp } from './apps';
import { associationRoutes } from './associations';
import { bearerAuth } from './auth';
import { batchRoutes } from './batch';
import type { EmulatorContext } from './context';
import { datedOAuthRoutes } from './datedOAuth';
import { hubspotErrorHandler, notFound, sendError, serverError } from './errors';
import { oauthRoutes } from './oauth';
import { objectRoutes } from './objects';
import { addPortalUser, createPortal, type PortalInput } from './portals';
import { loadState, StateSaver } from './persistence';
import { propertyRoutes } from './properties';
import { RateLimiter, rateLimitError, type RateLimitSettings } from './rateLimits';
import { schemaRoutes } from './schemas';
import { searchRoutes } from './search';
import { DEFAULT_SEARCH_INDEX_LAG_MS, SearchIndex } from './searchIndex';
import { emptyState, type EmulatorState, type Portal, type PortalUser, type RegisteredApp } from './state';
import { settingsUserRoutes } from './settingsUsers';
import { install, type TokenResponse } from './tokens';
import { renderOverview, renderRecordPage } from './view';
import { DEFAULT_WEBHOOK_OPTIONS, WebhookHub, type WebhookDelivery, type WebhookOptions } from './webhooks';

export type { AppInput } from './apps';
export type { PortalInput } from './portals';
export type { RateLimitSettings } from './rateLimits';
export type { TokenResponse } from './tokens';
export type { WebhookDelivery, WebhookEvent, WebhookOptions } from './webhooks';
export type { EmulatorState, Portal, PortalUser, RegisteredApp } from './state';

/** The earliest reading of "remain accessible until February 16th, 2027": refused from that day on. */
const OAUTH_V1_SUNSET = '2027-02-16T00:00:00Z';

export interface HubSpotEmulatorOptions {
  /** Apps registered at start (and again after a reset). */
  apps?: AppInput[];
  /** Portals created at start (and again after a reset). */
  portals?: PortalInput[];
  /**
   * When the v1 OAuth endpoints stop answering (ISO date or epoch ms); HubSpot keeps them
   * "until February 16th, 2027" [hs-v1dep]. A past date switches them off now, to rehearse the sunset.
   */
  oauthV1SunsetAt?: string | number;
  /** Access token lifetime; HubSpot's is 1800 s. */
  accessTokenLifetimeSeconds?: number;
  rateLimits?: Partial<RateLimitSettings>;
  /** How long a write takes to reach search results (default DEFAULT_SEARCH_INDEX_LAG_MS); 0 makes search read live state. */
  searchIndexLagMs?: number;
  /** Batching window, retry schedule and timeout of webhook deliveries. */
  webhooks?: Partial<WebhookOptions>;
  /** Initial fault settings (the `FaultSettings` schema of sandbox/shared/faults.ts). */
  faults?: unknown;
  /** Save state to this JSON file (debounced) and reload it on start. */
  persistPath?: string;
  persistDebounceMs?: number;
  /** The clock for token expiry, timestamps and rate windows. */
  now?: () => number;
}

export interface HubSpotEmulator {
  app: Express;
  state: EmulatorState;
  registerApp(input: AppInput): RegisteredApp;
  createPortal(input?: PortalInput): Portal;
  /** Adds a user to a portal; only super admins are said to be ones by the Settings Users API. */
  addPortalUser(portalId: number, user: { email: string; superAdmin?: boolean }): PortalUser;
  /** Install an app in a portal without the consent screen (scopes the tier lacks are left out); returns the token endpoint's answer. */
  installApp(clientId: string, portalId: number, scopes?: string[]): TokenResponse;
  configureFaults(settings: unknown): FaultSettings;
  configureRateLimits(settings: Partial<RateLimitSettings>): RateLimitSettings;
  /** Change the search index lag of the writes to come. */
  configureSearchIndexLag(lagMs: number): number;
  deliveries(): WebhookDelivery[];
  /** Resolves once every webhook batch has been delivered or has given up. */
  idle(): Promise<void>;
  /** Back to the configured apps and portals, no records, no deliveries. */
  reset(): void;
  /** Write any pending save now. */
  persist(): void;
  /** Stop timers and write any pending save. */
  shutdown(): void;
}

export interface RunningHubSpotEmulator extends HubSpotEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function createHubSpotEmulator(options: HubSpotEmulatorOptions = {}): HubSpotEmulator {
  const now = options.now ?? Date.now;
  const state = emptyState();
  const persisted = options.persistPath ? loadState(options.persistPath) : undefined;
  if (persisted) Object.assign(state, persisted);
  const saver = options.persistPath
    ? new StateSaver(options.persistPath, state, options.persistDebounceMs ?? 200)
    : undefined;

  const faults = new FaultInjector();
  if (options.faults !== undefined) faults.configure(options.faults);
  const rateLimits = new RateLimiter(options.rateLimits ?? {}, now);
  const searchIndex = new SearchIndex(state, options.searchIndexLagMs ?? DEFAULT_SEARCH_INDEX_LAG_MS, now);
  const webhooks = new WebhookHub(state, faults, { ...DEFAULT_WEBHOOK_OPTIONS, ...options.webhooks });

  const ctx: EmulatorContext = {
    state,
    settings: {
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 1800,
      authorizationCodeLifetimeSeconds: 600,
      oauthV1SunsetAt: new Date(options.oauthV1SunsetAt ?? OAUTH_V1_SUNSET).getTime(),
    },
    faults,
    webhooks,
    rateLimits,
    searchIndex,
    now,
    changed: () => saver?.schedule(),
  };

  /** Configured apps and portals exist after start and after every reset (unless reloaded already). */
  const seed = () => {
    for (const input of options.apps ?? []) {
      const known = Object.values(state.apps).some((a) => input.clientId && a.clientId === input.clientId);
      if (!known) registerApp(state, input);
    }
    for (const input of options.portals ?? []) {
      if (input.id === undefined || !state.portals[String(input.id)]) createPortal(state, input, now());
    }
  };
  seed();

  const reset = () => {
    for (const key of Object.keys(state) as Array<keyof EmulatorState>) delete state[key];
    Object.assign(state, emptyState());
    webhooks.reset();
    rateLimits.reset();
    seed();
    searchIndex.rebuild();
    ctx.changed();
  };

  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => {
    res.type('html').send(renderOverview(state, webhooks));
  });
  app.get('/contacts/:portalId/record/:objectTypeId/:recordId', (req, res) => {
    const html = renderRecordPage(state, req.params.portalId, req.params.objectTypeId, req.params.recordId);
    res.status(html ? 200 : 404).type('html').send(html ?? 'No such record.');
  });
  app.use('/_admin', express.json(), adminRoutes(ctx, { reset }));
  app.use(oauthRoutes(ctx));
  app.use(datedOAuthRoutes(ctx));

  // Every API call: bearer token, then rate limits, then injected faults, then the body.
  const guard: RequestHandler[] = [
    bearerAuth(ctx),
    rateLimits.middleware(),
    faultMiddleware(faults, {
      serverError: (res) => sendError(res, serverError()),
      rateLimited: (res) => sendError(res, rateLimitError('TEN_SECONDLY_ROLLING')),
    }),
    express.json({ limit: '10mb' }),
  ];
  app.use('/crm/v3/objects', ...guard, searchRoutes(ctx), batchRoutes(ctx), objectRoutes(ctx));
  app.use('/crm/v3/properties', ...guard, propertyRoutes(ctx));
  app.use(['/crm/v3/schemas', '/crm-object-schemas/v3/schemas'], ...guard, schemaRoutes(ctx));
  app.use('/crm/v4', ...guard, associationRoutes(ctx));
  app.use('/settings/v3/users', ...guard, settingsUserRoutes());
  app.use(() => {
    throw notFound();
  });
  app.use(hubspotErrorHandler);

  return {
    app,
    state,
    registerApp: (input) => {
      const registered = registerApp(state, input);
      ctx.changed();
      return registered;
    },
    createPortal: (input = {}) => {
      const portal = createPortal(state, input, now());
      ctx.changed();
      return portal;
    },
    addPortalUser: (portalId, user) => {
      const added = addPortalUser(state, portalId, user);
      ctx.changed();
      return added;
    },
    installApp: (clientId, portalId, scopes) => {
      const registered = Object.values(state.apps).find((a) => a.clientId === clientId);
      const portal = state.portals[String(portalId)];
      if (!registered || !portal) throw new Error(`Unknown app ${clientId} or portal ${portalId}`);
      const tokens = install(ctx, {
        appId: registered.id,
        portalId,
        userId: portal.users[0]?.id ?? 0,
        scopes: scopes ?? [...registered.scopes, ...registered.conditionallyRequiredScopes, ...registered.optionalScopes],
      });
      ctx.changed();
      return tokens;
    },
    configureFaults: (settings) => faults.configure(settings),
    configureRateLimits: (settings) => rateLimits.configure(settings),
    configureSearchIndexLag: (lagMs) => searchIndex.configure(lagMs),
    deliveries: () => webhooks.deliveries(),
    idle: () => webhooks.idle(),
    reset,
    persist: () => saver?.flush(),
    shutdown: () => {
      webhooks.close();
      saver?.flush();
    },
  };
}

/** Start the emulator on 127.0.0.1 (`port` 0 or absent picks a free port). */
export async function startHubSpotEmulator(
  options: HubSpotEmulatorOptions & { port?: number } = {},
): Promise<RunningHubSpotEmulator> {
  const emulator = createHubSpotEmulator(options);
  const server = await listen(emulator.app, options.port);
  return {
    ...emulator,
    url: server.url,
    port: server.port,
    close: async () => {
      emulator.shutdown();
      await server.close();
    },
  };
}
