import { WebhookDispatcher, type DeliveryRecord } from '../shared/delivery';
import type { FaultInjector } from '../shared/faults';
import { EmulatorError } from './errors';
import { signedHeaders } from './signing';
import type { SlackState } from './state';

type Json = Record<string, unknown>;

/**
 * Events API deliveries: `event_callback` envelopes POSTed as signed JSON to the
 * app's event request URL, retried (Slack: three retries, after about 0 s, 1 min
 * and 5 min — compressed here) with `X-Slack-Retry-Num` until a 2xx within 3 s.
 */
export class EventDelivery {
  private dispatchers = new Map<string, WebhookDispatcher>();

  constructor(
    private readonly state: SlackState,
    private readonly faults: FaultInjector,
    private readonly retryDelaysMs: number[],
  ) {}

  send(appId: string, teamId: string, event: Json): DeliveryRecord {
    const app = this.state.app(appId);
    const bot = this.state.installation(appId, teamId);
    if (!bot) throw new EmulatorError(`app ${appId} is not installed in ${teamId}`);
    if (!app.eventsUrl) throw new EmulatorError(`app ${appId} has no event request URL`);
    const now = Date.now();
    const envelope = {
      token: app.verificationToken,
      team_id: teamId,
      context_team_id: teamId,
      context_enterprise_id: null,
      api_app_id: appId,
      event: { ...event, event_ts: (now / 1000).toFixed(6) },
      type: 'event_callback',
      event_id: this.state.nextId('Ev'),
      event_time: Math.floor(now / 1000),
      authorizations: [{ enterprise_id: null, team_id: teamId, user_id: bot.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
    return this.dispatcher(appId).send(JSON.stringify(envelope));
  }

  /** Every delivery so far, across apps. */
  log(): DeliveryRecord[] {
    return [...this.dispatchers.values()].flatMap((d) => d.log);
  }

  async idle(): Promise<void> {
    await Promise.all([...this.dispatchers.values()].map((d) => d.idle()));
  }

  close(): void {
    for (const dispatcher of this.dispatchers.values()) dispatcher.close();
    this.dispatchers.clear();
  }

  private dispatcher(appId: string): WebhookDispatcher {
    let dispatcher = this.dispatchers.get(appId);
    if (!dispatcher) {
      dispatcher = new WebhookDispatcher({
        faults: this.faults,
        retryDelaysMs: this.retryDelaysMs,
        timeoutMs: 3000,
        // Read the app at each attempt: its URL or secret may have changed in between.
        build: (body, attempt) => {
          const app = this.state.app(appId);
          const retry: Record<string, string> = attempt > 0 ? { 'X-Slack-Retry-Num': String(attempt), 'X-Slack-Retry-Reason': 'http_error' } : {};
          return { url: app.eventsUrl ?? '', headers: { ...signedHeaders(app.signingSecret, body, 'application/json'), ...retry }, body };
        },
        acknowledged: (status) => status >= 200 && status < 300,
      });
      this.dispatchers.set(appId, dispatcher);
    }
    return dispatcher;
  }
}
