import type { Logger } from 'pino';
import { acceptEvents, type InboundDeps } from '../../inbound';
import { forgetReplayId, storeReplayId, storedReplayId } from '../../../store/cdcReplay';
import { authFailed } from '../../errors';
import { loadMapping } from '../../mapping/load';
import type { AccessTokens } from '../../tokens';
import { inboundEventsFrom, type ReceivedChangeEvent } from './changeEvents';
import { newPubSubClient, type PubSubApiClient, type PubSubLogger } from './pubSubClient';

export interface ChangeDataCaptureSettings {
  /** `host:port` of the Pub/Sub API; Salesforce's is `api.pubsub.salesforce.com:7443`. */
  pubSubEndpoint: string;
  /** Verify the server's certificate (off only against the sandbox's self-signed one). */
  rejectUnauthorizedSsl: boolean;
  /** The client id Trellis names itself by in `Sforce-Call-Options`, which change events report as `changeOrigin`. */
  trellisClientId: string;
  /** Waits before resubscribing after a failure, growing per consecutive failure. */
  retryDelaysMs?: number[];
}

interface GrpcFailure {
  code?: number;
  details?: string;
  metadata?: { get(key: string): unknown[] };
}

const UNAUTHENTICATED = 16;
const REPLAY_ID_REFUSED = 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted';
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];

/** The library logs every batch at info; its lines go to debug, Trellis logs what matters itself. */
const quiet = (logger: Logger): PubSubLogger => {
  const debug = (...args: unknown[]) => logger.debug({ pubsub: args.map(String).join(' ') }, 'pub/sub client');
  return { debug, info: debug, warn: debug, error: debug } as unknown as PubSubLogger;
};

/**
 * One tenant's subscription to one change event channel. Each event becomes inbound events
 * (stored once each, by the event's UUID) and only then is its replay id stored, so a restart
 * resumes after the last event Trellis holds: nothing lost, nothing taken twice. A refused
 * session is refreshed and the channel resubscribed; a replay id past the 72-hour retention is
 * dropped for the tip of the stream and a reconciliation run catches up.
 */
export class ChannelSubscriber {
  private stopped = false;
  /** Bumped at every (re)subscription: callbacks of an older one are for closing it only. */
  private generation = 0;
  private readonly clients = new Map<number, PubSubApiClient>();
  /** Events are taken one at a time, in order, so replay ids are stored in order. */
  private work: Promise<void> = Promise.resolve();
  private pending = 0;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private rejectedToken: string | null = null;
  /** The access token the current subscription was opened with. */
  private sessionToken: string | null = null;
  private lastStored: number | null = null;

  constructor(
    private readonly deps: { inbound: InboundDeps; logger: Logger; tokens: AccessTokens; onChangesMissed: () => void },
    readonly tenantId: string,
    readonly channel: string,
    private readonly settings: ChangeDataCaptureSettings,
  ) {}

  start(): void {
    void this.subscribe();
  }

  /**
   * Stops taking events and waits for the one in hand. The library's close() leaves a live
   * stream without an error listener (a later drop would throw), so a subscription still open is
   * closed once its stream ends, not here; its events are no longer taken meanwhile.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    await this.work;
  }

  private get log() {
    return this.deps.logger.child({ tenantId: this.tenantId, channel: this.channel });
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    const generation = ++this.generation;
    try {
      // A token the Pub/Sub API refused is refreshed first, through the same path the REST calls take on a 401.
      const connection = await this.deps.tokens.run(async (c) => {
        if (c.accessToken === this.rejectedToken) throw authFailed('The Pub/Sub API refused the Salesforce session', null);
        return c;
      });
      if (!connection.instanceUrl) throw new Error('The Salesforce connection has no instance URL; reconnect Trellis');
      this.sessionToken = connection.accessToken;
      const mapping = await loadMapping(this.deps.inbound.db, this.tenantId);
      const client = newPubSubClient(
        {
          authType: 'user-supplied',
          accessToken: connection.accessToken,
          // Salesforce instance URLs are https, and the client accepts no other; the sandbox's plain-HTTP instance is named by the same host.
          instanceUrl: connection.instanceUrl.replace(/^http:/, 'https:'),
          organizationId: connection.externalAccountId,
          pubSubEndpoint: this.settings.pubSubEndpoint,
          rejectUnauthorizedSsl: this.settings.rejectUnauthorizedSsl,
        },
        quiet(this.deps.logger),
      );
      await client.connect();
      this.clients.set(generation, client);
      if (generation !== this.generation) return this.closeWhenEnded(generation);
      const replayId = await storedReplayId(this.deps.inbound.db, this.tenantId, this.channel);
      if (generation !== this.generation) return this.closeWhenEnded(generation);
      this.lastStored = replayId;
      const callback = (info: { lastReplayId?: number | null }, type: string, data?: unknown) => this.received(generation, mapping, info, type, data);
      if (replayId === null) client.subscribe(this.channel, callback);
      else client.subscribeFromReplayId(this.channel, callback, null, replayId);
    } catch (err) {
      this.ended(generation, err);
    }
  }

  private received(generation: number, mapping: Awaited<ReturnType<typeof loadMapping>>, info: { lastReplayId?: number | null }, type: string, data: unknown): void {
    if (type === 'error' && isParseError(data)) {
      // One event the client could not decode; the stream goes on. Its record is left to reconciliation.
      if (generation === this.generation) {
        this.log.error({ replayId: data.replayId, err: data.message }, 'a change event could not be decoded; reconciliation will pick its record up');
        this.deps.onChangesMissed();
      }
      return;
    }
    if (type === 'end' || type === 'error') return this.ended(generation, type === 'error' ? data : null);
    if (generation !== this.generation) return;
    if (type === 'event') {
      const event = data as ReceivedChangeEvent;
      this.pending++;
      this.enqueue(generation, async () => {
        await acceptEvents(this.deps.inbound, this.tenantId, 'salesforce', inboundEventsFrom(event, mapping, this.settings.trellisClientId));
        await this.storeReplayId(event.replayId);
        this.failures = 0;
      }).finally(() => this.pending--);
    } else if (type === 'grpcKeepAlive') {
      // The stream is healthy: failures before it no longer count towards the backoff.
      this.failures = 0;
      if (this.pending > 0 || !info.lastReplayId) return;
      // Idle: the stream's tip is where a restart resumes, so events during an outage are not skipped by starting at LATEST.
      const tip = info.lastReplayId;
      this.enqueue(generation, () => this.storeReplayId(tip));
    }
  }

  /**
   * Runs `task` after the ones before it. A failure (the store unreachable, say) is retried
   * until it succeeds or the subscription ends: nothing after it is taken meanwhile, so no
   * later replay id is stored past an event Trellis does not hold.
   */
  private enqueue(generation: number, task: () => Promise<void>): Promise<void> {
    const delays = this.settings.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.work = this.work.then(async () => {
      for (let attempt = 0; generation === this.generation; attempt++) {
        try {
          return await task();
        } catch (err) {
          const delay = delays[Math.min(attempt, delays.length - 1)]!;
          this.log.warn({ err: (err as Error).message, retryInMs: delay }, 'storing a change event failed; retrying');
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    });
    return this.work;
  }

  private async storeReplayId(replayId: number): Promise<void> {
    if (replayId === this.lastStored) return;
    await storeReplayId(this.deps.inbound.db, this.tenantId, this.channel, replayId);
    this.lastStored = replayId;
  }

  /** The subscription of `generation` is over: its stream ended or failed, or it could not be opened. */
  private ended(generation: number, err: unknown): void {
    // The stream is over, so closing its client can no longer leave a live stream behind.
    this.closeWhenEnded(generation);
    if (generation !== this.generation || this.stopped) return;
    this.generation++;
    const failure = (err ?? {}) as GrpcFailure;
    const errorCode = failure.metadata?.get('error-code')?.[0];
    if (failure.code === UNAUTHENTICATED) {
      this.log.info('the Pub/Sub API refused the session; refreshing it and resubscribing');
      this.rejectedToken = this.sessionToken;
      // At once the first time; a session refused again and again backs off like any failure.
      this.retry(this.failures++ === 0 ? 0 : this.backoff());
      return;
    }
    if (errorCode === REPLAY_ID_REFUSED) {
      this.log.warn('the stored replay id is past Salesforce\'s 72-hour retention; resuming at the newest change, reconciliation catches up with the rest');
      void forgetReplayId(this.deps.inbound.db, this.tenantId, this.channel)
        .then(() => this.deps.onChangesMissed())
        .catch((e: Error) => this.log.warn({ err: e.message }, 'forgetting the replay id failed'))
        .finally(() => this.retry(0));
      return;
    }
    const delay = this.backoff();
    this.failures++;
    this.log.warn({ err: failure.details ?? (err as Error | null)?.message ?? 'stream ended', retryInMs: delay }, 'change data capture subscription interrupted; resubscribing from the stored replay id');
    this.retry(delay);
  }

  private backoff(): number {
    const delays = this.settings.retryDelaysMs ?? RETRY_DELAYS_MS;
    return delays[Math.min(this.failures, delays.length - 1)]!;
  }

  private retry(delayMs: number): void {
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => void this.subscribe(), delayMs);
  }

  private closeWhenEnded(generation: number): void {
    const client = this.clients.get(generation);
    if (!client) return;
    this.clients.delete(generation);
    client.close();
  }
}

/** The client reports an event it could not decode as an error, while the stream itself goes on. */
function isParseError(data: unknown): data is Error & { replayId?: number } {
  return data instanceof Error && 'latestReplayId' in data && 'event' in data;
}
