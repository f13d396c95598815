import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { FaultInjector, faultMiddleware, type FaultSettings } from '../shared/faults';
import { listen } from '../shared/http';
import { adminRouter, OrgAdministration } from './admin';
import { requireSession, sessionOf } from './auth';
import { collectionsRouter } from './collections';
import type { EmulatorContext } from './context';
import { notFound, salesforceErrorHandler, SalesforceError, sendSalesforceError } from './errors';
import { identityUrl, loginHostRouting } from './hosts';
import { enforceApiLimit, limitsResource } from './limits';
import { registerApp, type AppInput } from './oauth/apps';
import { authorizeRouter } from './oauth/authorize';
import { identityResource, userInfoResource } from './oauth/identity';
import { createOpenIdSigner, discoveryDocument, type OpenIdSigner } from './oauth/openId';
import { tokenRouter } from './oauth/token';
import { createOrg, type OrgInput } from './orgs';
import type { OutboundMessageDefinition } from './outbound/definition';
import { OutboundMessenger, type OutboundDelivery, type OutboundOptions } from './outbound/messenger';
import { subscriberObjects, type PackageSource } from './packageMetadata';
import { StatePersistence } from './persistence';
import { channelMembersRouter } from './pubsub/channelMembers';
import { ChangeEventBus } from './pubsub/eventBus';
import { startPubSubServer, type PubSubOptions, type RunningPubSub } from './pubsub/server';
import { queryRouter } from './query';
import type { RecordInput } from './records/dml';
import { Transaction } from './records/transaction';
import { defineObject, ObjectDefinitionInput, type ObjectDefinitionRequest } from './schema/customObjects';
import type { ObjectDefinition } from './schema/types';
import { sobjectsRouter } from './sobjects';
import { emptyState, type EmulatorState, type ExternalClientApp, type Org } from './state';
import { listVersions, requireVersion } from './versions';
import { renderHomePage } from './view/homePage';
import { renderRecordPage } from './view/recordPage';

export interface SalesforceEmulatorOptions {
  /** External Client Apps registered at start (and again after a reset). */
  apps?: AppInput[];
  /** Orgs created at start (and again after a reset); give `id` to keep ids stable. */
  orgs?: OrgInput[];
  /** The URL clients reach the emulator at; `startSalesforceEmulator` sets it. */
  publicUrl?: string;
  /** Clock in ms since epoch; tests move it to expire tokens or shift date literals. */
  now?: () => number;
  /** Access token lifetime (Salesforce's default session timeout is 2 hours). */
  accessTokenTtlMs?: number;
  authorizationCodeTtlMs?: number;
  outbound?: Partial<OutboundOptions>;
  /** Save the state to this JSON file (debounced) and load it on start. */
  persistPath?: string;
  persistDebounceMs?: number;
  faults?: Partial<FaultSettings>;
  /** The Pub/Sub API server `startSalesforceEmulator` runs (TLS); false runs none. */
  pubSub?: PubSubOptions | false;
}

export interface SalesforceEmulator {
  app: Express;
  readonly state: EmulatorState;
  registerApp(input: AppInput): ExternalClientApp;
  createOrg(input: OrgInput): Org;
  /** Install a custom object, or custom fields on an existing object, as package metadata would. */
  defineObject(orgId: string, input: ObjectDefinitionRequest): ObjectDefinition;
  /** Install a package: its objects and fields, under its namespace prefix. */
  installPackage(orgId: string, source: PackageSource): void;
  /** Record changes made as the org's admin in the UI; they fire outbound messages. */
  createRecord(orgId: string, type: string, fields: RecordInput): string;
  updateRecord(orgId: string, type: string, id: string, fields: RecordInput): void;
  deleteRecord(orgId: string, type: string, id: string): void;
  /** Merges up to two records into the master, as a user does in Salesforce. */
  mergeRecords(orgId: string, type: string, masterId: string, mergedIds: string[]): void;
  configureOutboundMessage(orgId: string, input: unknown): OutboundMessageDefinition;
  setFaults(settings: Partial<FaultSettings>): FaultSettings;
  deliveries(): OutboundDelivery[];
  setPublicUrl(url: string): void;
  reset(): void;
  /** Resolves when no outbound message is queued, in flight or waiting for a retry. */
  idle(): Promise<void>;
  /** Write pending state to disk now. */
  persist(): void;
  /** Stop timers and deliveries, and write pending state to disk. */
  shutdown(): void;
  /** Test hook: the next ID token carries these claims instead (see oauth/openId.ts). */
  tamperNextIdToken: OpenIdSigner['tamperNextIdToken'];
  /** Serve the Pub/Sub API (Change Data Capture events) over TLS. */
  startPubSub(options?: PubSubOptions): Promise<RunningPubSub>;
}

export interface RunningSalesforceEmulator extends Omit<SalesforceEmulator, 'shutdown' | 'startPubSub'> {
  url: string;
  port: number;
  /** `host:port` of the Pub/Sub API, for the client's `pubSubEndpoint` (null when not started). */
  pubSubEndpoint: string | null;
  close(): Promise<void>;
}

const TWO_HOURS = 2 * 3_600_000;

export function createSalesforceEmulator(options: SalesforceEmulatorOptions = {}): SalesforceEmulator {
  let publicUrl = options.publicUrl;
  const now = options.now ?? Date.now;
  const faults = new FaultInjector();
  if (options.faults) faults.configure(options.faults);

  const ctx: EmulatorContext = {
    state: emptyState(),
    now,
    faults,
    accessTokenTtlMs: options.accessTokenTtlMs ?? TWO_HOURS,
    authorizationCodeTtlMs: options.authorizationCodeTtlMs ?? 15 * 60_000,
    baseUrl: () => publicUrl ?? 'http://127.0.0.1',
    nextSequence: () => ++ctx.state.sequence,
    begin: (org, userId, changeOrigin) => new Transaction(org, userId, now(), ctx.nextSequence, changeOrigin),
    commit: (tx) => {
      outbound.notify(tx.changes);
      changeEvents.publish(tx);
      persistence?.schedule();
    },
    openId: createOpenIdSigner(),
  };
  const outbound = new OutboundMessenger(() => ctx.state, ctx.baseUrl, ctx.nextSequence, faults, {
    retryDelaysMs: [100, 200, 400, 800, 1600],
    batchWindowMs: 20,
    timeoutMs: 5000,
    ...options.outbound,
  });
  const changeEvents = new ChangeEventBus(now);
  const persistence = options.persistPath ? new StatePersistence(options.persistPath, options.persistDebounceMs ?? 200, () => ctx.state) : undefined;
  const admin = new OrgAdministration(ctx);

  const seed = () => {
    ctx.state = emptyState();
    for (const app of options.apps ?? []) registerApp(ctx.state, app);
    for (const org of options.orgs ?? []) createOrg(ctx.state, org, now());
  };
  const loaded = persistence?.load();
  if (loaded) ctx.state = loaded;
  else seed();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    // Without a configured URL, the first request tells us where clients reach us.
    publicUrl ??= `${req.protocol}://${req.get('host')}`;
    if (persistence) res.on('finish', () => persistence.schedule());
    next();
  });
  app.use(loginHostRouting);
  app.use(express.json({ limit: '50mb', type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ extended: false }));

  app.get('/', (_req, res) => void res.type('html').send(renderHomePage(ctx.state, now(), outbound.deliveries())));
  app.get('/lightning/r/:object/:id/view', (req, res) => {
    const html = renderRecordPage(ctx.state, req.params.object, req.params.id);
    res.status(html ? 200 : 404).type('html').send(html ?? 'No such record.');
  });
  app.use('/services/oauth2', authorizeRouter(ctx), tokenRouter(ctx));
  app.get('/services/oauth2/userinfo', userInfoResource(ctx));
  app.get('/.well-known/openid-configuration', discoveryDocument(ctx));
  app.get('/id/keys', async (_req, res) => void res.json(await ctx.openId.jwks()));
  app.get('/id/:orgId/:userId', identityResource(ctx));
  app.get('/services/data', listVersions);
  app.use('/services/data/:version', requireVersion, requireSession(ctx), enforceApiLimit(ctx), faultMiddleware(faults, faultResponders), dataRouter(ctx));
  app.use('/_admin', adminRouter(ctx, admin, outbound, () => reset()));
  app.use((_req: Request, _res: Response, next: NextFunction) => next(notFound()));
  app.use(salesforceErrorHandler);

  const reset = () => {
    outbound.reset();
    changeEvents.reset();
    faults.configure(options.faults ?? {});
    seed();
    persistence?.schedule();
  };

  return {
    app,
    get state() {
      return ctx.state;
    },
    registerApp: (input) => registerApp(ctx.state, input),
    createOrg: (input) => createOrg(ctx.state, input, now()),
    defineObject: (orgId, input) => defineObject(admin.org(orgId), ObjectDefinitionInput.parse(input)),
    installPackage: (orgId, source) => {
      const org = admin.org(orgId);
      for (const object of subscriberObjects(source)) defineObject(org, ObjectDefinitionInput.parse(object));
    },
    createRecord: (orgId, type, fields) => admin.createRecord(orgId, type, fields),
    updateRecord: (orgId, type, id, fields) => admin.updateRecord(orgId, type, id, fields),
    deleteRecord: (orgId, type, id) => admin.deleteRecord(orgId, type, id),
    mergeRecords: (orgId, type, masterId, mergedIds) => admin.mergeRecords(orgId, type, masterId, mergedIds),
    configureOutboundMessage: (orgId, input) => admin.configureOutboundMessage(orgId, input),
    setFaults: (settings) => faults.configure(settings),
    tamperNextIdToken: (claims) => ctx.openId.tamperNextIdToken(claims),
    deliveries: () => outbound.deliveries(),
    setPublicUrl: (url) => {
      publicUrl = url;
    },
    reset,
    idle: () => outbound.idle(),
    persist: () => persistence?.flush(),
    shutdown: () => {
      outbound.close();
      persistence?.flush();
    },
    startPubSub: (pubSubOptions) => startPubSubServer(ctx, changeEvents, pubSubOptions),
  };
}

export async function startSalesforceEmulator(options: SalesforceEmulatorOptions & { port?: number } = {}): Promise<RunningSalesforceEmulator> {
  const { port, ...rest } = options;
  const emulator = createSalesforceEmulator(rest);
  const server = await listen(emulator.app, port);
  if (!rest.publicUrl) emulator.setPublicUrl(server.url);
  const pubSub = rest.pubSub === false ? null : await emulator.startPubSub(rest.pubSub);
  const { shutdown, startPubSub: _startPubSub, ...handles } = emulator;
  return {
    ...handles,
    // After a reset the state is a new object, so read it through the emulator each time.
    get state() {
      return emulator.state;
    },
    url: rest.publicUrl ?? server.url,
    port: server.port,
    pubSubEndpoint: pubSub?.endpoint ?? null,
    close: async () => {
      await pubSub?.close();
      shutdown();
      await server.close();
    },
  };
}

/** Throttling answers 403 REQUEST_LIMIT_EXCEEDED (Salesforce has no 429); outages answer 503 SERVER_UNAVAILABLE. */
const faultResponders = {
  serverError: (res: Response) => sendSalesforceError(res, new SalesforceError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.')),
  rateLimited: (res: Response) => sendSalesforceError(res, new SalesforceError(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.')),
};

function dataRouter(ctx: EmulatorContext): express.Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    const { org, userId, version } = sessionOf(res);
    const base = `/services/data/v${version}`;
    res.json({
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      composite: `${base}/composite`,
      limits: `${base}/limits`,
      identity: identityUrl(ctx.baseUrl(), org, userId),
    });
  });
  router.get('/limits', limitsResource(ctx));
  router.use(sobjectsRouter(ctx), collectionsRouter(ctx), queryRouter(ctx), channelMembersRouter(ctx));
  return router;
}
