import express, { type Express } from 'express';
import type { z } from 'zod';
import type { DeliveryRecord } from '../shared/delivery';
import { FaultInjector, type FaultSettings } from '../shared/faults';
import { adminRouter } from './admin';
import { Directory, type AppInput, type AppUpdate, type ChannelInput, type UserInput, type WorkspaceInput } from './directory';
import { EmulatorError } from './errors';
import { EventDelivery } from './events';
import { incomingWebhookRouter } from './incomingWebhooks';
import { click, closeView, submitView, type ClickInput, type ClickResult, type CloseViewInput, type SubmitResult, type SubmitViewInput } from './interactions';
import { MessageStore } from './messages';
import { emptyData, type Channel, type Installation, type ModalView, type RecordedMessage, type RegisteredApp, type User, type Workspace } from './model';
import { ModalStore } from './modals';
import { oauthRouter } from './oauth';
import { JsonPersistence } from './persistence';
import { RateLimiter, type RateLimitInput, type RateLimitSettings } from './rateLimits';
import { responseUrlRouter } from './responseUrls';
import type { Services } from './services';
import { SlackState } from './state';
import { TriggerRegistry } from './triggers';
import { webApiRouter } from './webApi';
import { webViewRouter } from './webView';

export interface SlackEmulatorOptions {
  /** Where the emulator is reachable; startSlackEmulator sets it after listening. */
  publicUrl?: string;
  /** Apps registered at start and again after every reset. */
  apps?: AppInput[];
  rateLimits?: RateLimitInput;
  /** How long a trigger_id stays valid (Slack: 3 s). */
  triggerTtlMs?: number;
  /** How long an app has to acknowledge an interaction (Slack: 3 s). */
  interactionTimeoutMs?: number;
  /** Delays before each Events API retry (Slack: ~0 s, 1 min, 5 min). */
  eventRetryDelaysMs?: number[];
  /** Save the state to this JSON file (debounced) and load it at start. */
  persistPath?: string;
  persistDebounceMs?: number;
}

/**
 * The local Slack: Web API, OAuth v2 install, interactivity and incoming webhooks
 * over one Express app, plus the handles tests use to set up the world and act as users.
 */
export class SlackEmulator {
  readonly app: Express;
  readonly faults = new FaultInjector();
  readonly rateLimits = new RateLimiter();
  private readonly state = new SlackState();
  private readonly events: EventDelivery;
  private readonly services: Services;
  private readonly persistence?: JsonPersistence;
  private publicUrl: string;

  constructor(private readonly options: SlackEmulatorOptions = {}) {
    this.publicUrl = options.publicUrl ?? 'http://127.0.0.1';
    const triggerTtlMs = options.triggerTtlMs ?? 3000;
    this.services = {
      state: this.state,
      directory: new Directory(this.state, () => this.publicUrl),
      messages: new MessageStore(this.state),
      modals: new ModalStore(this.state),
      triggers: new TriggerRegistry(() => triggerTtlMs),
      publicUrl: () => this.publicUrl,
    };
    this.events = new EventDelivery(this.state, this.faults, options.eventRetryDelaysMs ?? [100, 1000, 5000]);
    if (options.rateLimits) this.rateLimits.configure(options.rateLimits);
    if (options.persistPath) {
      this.persistence = new JsonPersistence(this.state, options.persistPath, options.persistDebounceMs ?? 200);
      const loaded = this.persistence.load();
      this.state.onChange(() => this.persistence!.schedule());
      if (!loaded) this.registerOptionApps();
    } else {
      this.registerOptionApps();
    }
    this.app = this.buildApp();
  }

  setPublicUrl(url: string): void {
    this.publicUrl = url.replace(/\/$/, '');
  }

  registerApp(input: AppInput): RegisteredApp {
    return this.services.directory.registerApp(input);
  }

  updateApp(appId: string, update: AppUpdate): RegisteredApp {
    return this.services.directory.updateApp(appId, update);
  }

  createWorkspace(input: WorkspaceInput): Workspace {
    return this.services.directory.createWorkspace(input);
  }

  addUser(input: UserInput): User {
    return this.services.directory.addUser(input);
  }

  addChannel(input: ChannelInput): Channel {
    return this.services.directory.addChannel(input);
  }

  /** Adds users (or a bot user) to a channel. */
  joinChannel(channelId: string, userIds: string[]): Channel {
    return this.services.directory.join(channelId, userIds);
  }

  /** Installs an app into a workspace directly (no consent page) and returns the bot token. */
  install(appId: string, teamId: string, options: { scopes?: string[]; installer?: string; webhookChannel?: string } = {}): string {
    return this.services.directory.install({ app: appId, team: teamId, ...options }).botToken;
  }

  installation(appId: string, teamId: string): Installation {
    const installation = this.state.installation(appId, teamId);
    if (!installation) throw new EmulatorError(`app ${appId} is not installed in ${teamId}`, 404);
    return installation;
  }

  /** Revokes the bot token and, like Slack, tells the app with app_uninstalled and tokens_revoked events. */
  uninstall(appId: string, teamId: string): Installation {
    const installation = this.services.directory.uninstall(appId, teamId);
    if (this.state.app(appId).eventsUrl) {
      this.events.send(appId, teamId, { type: 'tokens_revoked', tokens: { oauth: [], bot: [installation.botUserId] } });
      this.events.send(appId, teamId, { type: 'app_uninstalled' });
    }
    return installation;
  }

  /** Delivers an Events API event (e.g. `{ type: 'app_mention', user, text, channel, ts }`) to the app. */
  sendEvent(appId: string, teamId: string, event: Record<string, unknown>): DeliveryRecord {
    return this.events.send(appId, teamId, event);
  }

  /** Every Events API delivery with its attempts and outcome. */
  eventDeliveries(): DeliveryRecord[] {
    return this.events.log();
  }

  /** Resolves when no event is in flight or waiting for a retry. */
  eventsIdle(): Promise<void> {
    return this.events.idle();
  }

  /** Everything posted to a channel, ephemeral and deleted messages included, each with its revisions. */
  messages(channelId: string): RecordedMessage[] {
    return this.services.messages.list(channelId);
  }

  views(): ModalView[] {
    return Object.values(this.state.data.views);
  }

  click(input: ClickInput): Promise<ClickResult> {
    return click(this.services, input, this.options.interactionTimeoutMs ?? 3000);
  }

  submitView(input: SubmitViewInput): Promise<SubmitResult> {
    return submitView(this.services, input, this.options.interactionTimeoutMs ?? 3000);
  }

  /** A user cancels a modal; the app hears of it only if it asked (`notify_on_close`). */
  closeView(input: CloseViewInput): ReturnType<typeof closeView> {
    return closeView(this.services, input, this.options.interactionTimeoutMs ?? 3000);
  }

  configureFaults(settings: z.input<typeof FaultSettings>): FaultSettings {
    return this.faults.configure(settings);
  }

  configureRateLimits(settings: RateLimitInput): RateLimitSettings {
    return this.rateLimits.configure(settings);
  }

  /** Back to an empty Slack (with the option apps registered again); faults and limits back to defaults. */
  reset(): void {
    this.state.replace(emptyData());
    this.services.triggers.clear();
    this.events.close();
    this.rateLimits.configure(this.options.rateLimits ?? {});
    this.faults.configure({});
    this.registerOptionApps();
  }

  snapshot(): unknown {
    return structuredClone(this.state.data);
  }

  /** Writes pending state to disk now (close does this too). */
  flush(): void {
    this.persistence?.flush();
  }

  /** Stops event retries and saves pending state. */
  close(): void {
    this.events.close();
    this.flush();
  }

  private registerOptionApps(): void {
    for (const app of this.options.apps ?? []) this.registerApp(app);
  }

  private buildApp(): Express {
    const app = express();
    app.disable('x-powered-by');
    app.use('/api', webApiRouter(this.services, this.rateLimits, this.faults));
    app.use(oauthRouter(this.services));
    app.use(responseUrlRouter(this.services));
    app.use(incomingWebhookRouter(this.services));
    app.use('/_admin', adminRouter(this));
    app.use(webViewRouter(this.state));
    return app;
  }
}
