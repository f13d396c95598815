import { LogLevel, WebClient } from '@slack/web-api';
import { getAlert } from '../store/alerts';
import { answerPostedTs, getDetailsRequest, markAnswerPosted } from '../store/detailsRequests';
import { getSlackInstallation } from '../store/slackInstallations';
import type { AlertDelivery } from './delivery';
import { esc, mrkdwn, type RenderedMessage } from './messages/common';
import { fitMrkdwn } from './messages/limits';

/**
 * Posts the answer to an "Ask for details" question as a reply in the thread of the alert that
 * asked, then redraws that alert ("answered by …"). Once posted, its ts is kept and it is not
 * posted again. Skipped when the alert has no Slack message (never posted, or Slack is not installed).
 */
export async function postDetailsAnswer(d: AlertDelivery, tenantId: string, requestId: string): Promise<'posted' | 'skipped'> {
  const { db } = d.deps;
  const request = await getDetailsRequest(db, tenantId, requestId);
  if (!request?.answer || !request.alertId || (await answerPostedTs(db, tenantId, requestId))) return 'skipped';
  const alert = await getAlert(db, tenantId, request.alertId);
  const installation = await getSlackInstallation(db, d.deps.keyring, tenantId);
  if (!alert?.ts || !alert.channelId || !installation || installation.status !== 'active') return 'skipped';
  const client = new WebClient(installation.botToken, { slackApiUrl: d.slackApiUrl, logLevel: LogLevel.ERROR });
  const { answer } = request;
  const quoted = (text: string) => text.split('\n').map((line) => `>${esc(line)}`).join('\n');
  const reply: RenderedMessage = {
    text: `${answer.by} answered: ${answer.text}`,
    blocks: [
      mrkdwn(`:speech_balloon: *${esc(answer.by)}* answered the question from ${esc(request.requestedByName)}:\n${fitMrkdwn(quoted(request.question), 500)}`),
      mrkdwn(esc(answer.text)),
    ],
  };
  const posted = await client.chat.postMessage({ channel: alert.channelId, thread_ts: alert.ts, ...reply, unfurl_links: false });
  await markAnswerPosted(db, tenantId, requestId, posted.ts!);
  await d.requestSync(tenantId, alert.id);
  return 'posted';
}
