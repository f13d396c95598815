import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, LogLevel, WebClient, type WebAPIRateLimitedError } from '@slack/web-api';
import type { Logger } from 'pino';
import type { AlertSettings } from '../config';
import { routeAlert } from '../domain/alertRouting';
import { listAlertRoutes } from '../store/alertRoutes';
import {
  getAlert,
  lockAlertOfSubject,
  markAlertNotPosted,
  markAlertPosted,
  markAlertPosting,
  saveAlert,
  type Alert,
} from '../store/alerts';
import { getSlackInstallation, type SlackInstallation } from '../store/slackInstallations';
import { reserveChannelSlot } from '../store/slackPacing';
import type { Deps } from '../usecases/context';
import { digestWindowOf } from './digestWindow';
import { renderAlert, type LinkContext, type RenderedMessage } from './messages';
import { loadAlertSubject, routingFactsOf, type AlertSubject } from './subjects';

/** Finds the CRM record behind an alert's subject; the sync engine provides it, until then there is none. */
export type CrmRecordUrl = (tenantId: string, subject: AlertSubject) => Promise<string | null>;

export interface AlertDelivery {
  deps: Deps;
  settings: AlertSettings;
  slackApiUrl: string;
  publicUrl: string;
  logger: Logger;
  crmRecordUrl: CrmRecordUrl;
  /** Asks for the alert's message to be drawn again (later, for a digest still filling up). */
  requestSync(tenantId: string, alertId: string, delayMs?: number): Promise<void>;
}

function slackClient(installation: Pick<SlackInstallation, 'botToken'>, slackApiUrl: string): WebClient {
  // On a 429 the client waits for Retry-After and tries again: a rate limit delays a message, never drops it.
  return new WebClient(installation.botToken, { slackApiUrl, logLevel: LogLevel.ERROR });
}

export type SyncOutcome = 'posted' | 'updated' | 'unconfirmed' | 'digested' | 'skipped';

/** Where an alert goes: the routed channel, the partner manager's DM, or the installation's default channel. */
async function destination(d: AlertDelivery, client: WebClient, installation: SlackInstallation, alert: Alert, subject: AlertSubject) {
  if (alert.kind === 'digest') return String(alert.details.channelId);
  const routes = await listAlertRoutes(d.deps.db, alert.tenantId);
  const target = routeAlert(routes, { kind: alert.kind, ...routingFactsOf(subject) });
  if (target.type === 'channel') return target.channelId;
  if (target.type === 'dm') {
    const found = await client.users.lookupByEmail({ email: target.email }).catch(() => null);
    const userId = found?.user?.id;
    if (userId) {
      const dm = await client.conversations.open({ users: userId });
      if (dm.channel?.id) return dm.channel.id;
    }
    d.logger.info({ tenantId: alert.tenantId, alertId: alert.id }, 'partner manager not found in Slack; using the default channel');
  }
  return installation.defaultChannelId;
}

/**
 * A burst of alerts of one kind for a tenant is folded into one digest per channel and window:
 * the first `digestThreshold` alerts of a window are posted one by one, the rest join the digest.
 */
async function joinDigestIfBurst(d: AlertDelivery, alert: Alert, channelId: string): Promise<boolean> {
  if (alert.kind === 'digest') return false;
  const { digestWindowMs, digestThreshold } = d.settings;
  // The position was fixed when the alert was raised; one raised before positions were kept posts on its own.
  if ((alert.burstPosition ?? 0) <= digestThreshold) return false;
  const windowStart = digestWindowOf(alert.firstRaisedAt, digestWindowMs).start;
  const digestId = await d.deps.db.transaction(async (tx) => {
    const current = await getAlert(tx, alert.tenantId, alert.id, { forUpdate: true });
    if (!current || current.status !== 'pending') return null;
    const subjectId = `${alert.kind}|${channelId}|${windowStart.toISOString()}`;
    const { alert: digest } = await lockAlertOfSubject(tx, alert.tenantId, 'digest', subjectId, {
      details: { kind: alert.kind, channelId },
      now: d.deps.clock.now(),
    });
    await saveAlert(tx, { ...current, status: 'digested', digestId: digest.id, channelId });
    return digest.id;
  });
  // The digest is drawn once the window has had time to fill; later members redraw it in place.
  if (digestId) await d.requestSync(alert.tenantId, digestId, digestWindowMs);
  return digestId !== null;
}

/** Connection failures that happen before a request leaves this machine. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether a failed chat.postMessage proves Slack did not post: Slack answered with an error, asked
 * to slow down (429) or was unavailable (503: the edge refused the request), or was never reached.
 * Anything else (a timeout, a dropped connection, another 5xx) leaves it unknown.
 */
function provesNotPosted(err: unknown): boolean {
  const e = err as { code?: string; statusCode?: number; original?: { cause?: { code?: string } } };
  if (e.code === ErrorCode.PlatformError || e.code === ErrorCode.RateLimitedError) return true;
  if (e.code === ErrorCode.HTTPError) return e.statusCode === 503;
  return e.code === ErrorCode.RequestError && NOT_SENT.has(e.original?.cause?.code ?? '');
}

/**
 * Posts the alert's message and records its ts. `posting` is committed right before the request
 * leaves and means "Slack may have this message"; an answer proving nothing was posted puts the
 * alert back to `pending`. The client never resends a post by itself: resending after a timeout is
 * how a message gets posted twice. A 429 is waited out here, as `pending`, then tried again.
 * False when the alert was no longer `pending` to claim (another worker posts it, or it was decided).
 */
async function postOnce(
  d: AlertDelivery,
  installation: SlackInstallation,
  alert: Alert,
  channelId: string,
  message: RenderedMessage,
  signal?: AbortSignal,
): Promise<boolean> {
  const { db } = d.deps;
  const client = new WebClient(installation.botToken, {
    slackApiUrl: d.slackApiUrl,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  for (;;) {
    if (!(await markAlertPosting(db, alert.tenantId, alert.id, channelId))) return false;
    try {
      const posted = await client.chat.postMessage({ channel: channelId, ...message, unfurl_links: false });
      await markAlertPosted(db, alert.tenantId, alert.id, { channelId: posted.channel ?? channelId, ts: posted.ts!, at: d.deps.clock.now() });
      return true;
    } catch (err) {
      if (!provesNotPosted(err)) throw err;
      await markAlertNotPosted(db, alert.tenantId, alert.id);
      if ((err as { code?: string }).code !== ErrorCode.RateLimitedError) throw err;
      await sleep((err as WebAPIRateLimitedError).retryAfter * 1000, undefined, { signal });
    }
  }
}

/**
 * Brings an alert's Slack message in line with the store: posts it once, or redraws it in place.
 *
 * Never twice, and lost only when Slack cannot tell. Trellis reads no channel history (commercial
 * apps outside the Slack Marketplace may read 15 messages a minute, and history scopes draw review
 * scrutiny); chat.postMessage has no idempotency key, and without history a message is found again
 * only by the ts its post returned. So the window where a post's fate is unknown is kept to the
 * request itself (see `postOnce`). If Trellis dies, or the connection breaks, after the request left
 * and before the ts is stored, the alert stays `posting` and is not posted again: if Slack did post
 * it, the message is adopted (and redrawn from then on) as soon as someone clicks one of its buttons,
 * whose payload carries its ts and the alert's marker; if Slack did not, that alert is lost, and the
 * warning logged here names it.
 */
export async function syncAlertMessage(d: AlertDelivery, tenantId: string, alertId: string, signal?: AbortSignal): Promise<SyncOutcome> {
  const { db } = d.deps;
  const alert = await getAlert(db, tenantId, alertId);
  const installation = await getSlackInstallation(db, d.deps.keyring, tenantId);
  if (!alert || !installation || installation.status !== 'active') return 'skipped';
  const subject = await loadAlertSubject(db, alert);
  if (!subject) return 'skipped';
  const client = slackClient(installation, d.slackApiUrl);
  const links: LinkContext = {
    trellisUrl: (path) => `${d.publicUrl}${path}`,
    crmUrl: await d.crmRecordUrl(tenantId, subject),
  };
  const message = () => renderAlert(alert, subject, links);

  if (alert.ts && alert.channelId) {
    await client.chat.update({ channel: alert.channelId, ts: alert.ts, ...message() });
    return 'updated';
  }
  if (alert.status === 'digested' && alert.digestId) {
    await d.requestSync(tenantId, alert.digestId);
    return 'digested';
  }
  if (alert.status === 'posting') {
    d.logger.warn(
      { tenantId, alertId, channelId: alert.channelId },
      'an earlier post of this alert may have reached Slack unrecorded; not posting again (a click on the message adopts it)',
    );
    return 'unconfirmed';
  }
  if (alert.status !== 'pending') return 'skipped';

  const channelId = await destination(d, client, installation, alert, subject);
  if (!channelId) {
    d.logger.warn({ tenantId, alertId }, 'no Slack channel for this alert: set a default channel or a route');
    return 'skipped';
  }
  if (await joinDigestIfBurst(d, alert, channelId)) return 'digested';

  const waitMs = await reserveChannelSlot(db, tenantId, channelId, d.settings.channelIntervalMs);
  // Waiting for the channel's turn ends early when Trellis stops: the job is retried at the next start.
  if (waitMs > 0) await sleep(waitMs, undefined, { signal });
  return (await postOnce(d, installation, alert, channelId, message(), signal)) ? 'posted' : 'skipped';
}
