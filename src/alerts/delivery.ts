import { setTimeout as sleep } from 'node:timers/promises';
import { LogLevel, WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { AlertSettings } from '../config';
import { routeAlert } from '../domain/alertRouting';
import { listAlertRoutes } from '../store/alertRoutes';
import { getAlert, lockAlertOfSubject, markAlertPosted, markAlertPosting, saveAlert, type Alert } from '../store/alerts';
import { getSlackInstallation, type SlackInstallation } from '../store/slackInstallations';
import { reserveChannelSlot } from '../store/slackPacing';
import type { Deps } from '../usecases/context';
import { markerBlockId } from './actionIds';
import { digestWindowOf } from './digestWindow';
import { renderAlert, type LinkContext } from './messages';
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

export type SyncOutcome = 'posted' | 'updated' | 'adopted' | 'digested' | 'skipped';

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

/** A message this alert already posted before a crash, found by the marker block every alert message starts with. */
async function findPosted(client: WebClient, channelId: string, alert: Alert): Promise<string | null> {
  const marker = markerBlockId(alert.id);
  // A crash between posting and recording is seconds old: the newest messages are the place to look.
  const history = await client.conversations.history({ channel: channelId, limit: 200 });
  const found = history.messages?.find((m) => (m.blocks ?? []).some((b) => b.block_id === marker));
  return found?.ts ?? null;
}

/**
 * Brings an alert's Slack message in line with the store: posts it once, or redraws it in place.
 * At least once, never twice: the intent (status `posting` and the channel) is committed before
 * posting, and a retry after a crash first looks for the message it may already have posted.
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
  if (alert.status !== 'pending' && alert.status !== 'posting') return 'skipped';

  let channelId = alert.channelId;
  if (alert.status === 'posting' && channelId) {
    const ts = await findPosted(client, channelId, alert).catch((err: Error) => {
      d.logger.warn({ tenantId, alertId, err: err.message }, 'could not read the channel to check for an earlier post; posting');
      return null;
    });
    if (ts) {
      await markAlertPosted(db, tenantId, alertId, { channelId, ts, at: d.deps.clock.now() });
      await client.chat.update({ channel: channelId, ts, ...message() });
      return 'adopted';
    }
  } else {
    channelId = await destination(d, client, installation, alert, subject);
    if (!channelId) {
      d.logger.warn({ tenantId, alertId }, 'no Slack channel for this alert: set a default channel or a route');
      return 'skipped';
    }
    if (await joinDigestIfBurst(d, alert, channelId)) return 'digested';
    await markAlertPosting(db, tenantId, alertId, channelId);
  }

  const waitMs = await reserveChannelSlot(db, tenantId, channelId, d.settings.channelIntervalMs);
  // Waiting for the channel's turn ends early when Trellis stops: the job is retried at the next start.
  if (waitMs > 0) await sleep(waitMs, undefined, { signal });
  const posted = await client.chat.postMessage({ channel: channelId, ...message(), unfurl_links: false });
  await markAlertPosted(db, tenantId, alertId, { channelId: posted.channel ?? channelId, ts: posted.ts!, at: d.deps.clock.now() });
  return 'posted';
}
