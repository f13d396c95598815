import { WebClient } from '@slack/web-api';
import type { SlackGrant } from '../store/slackInstallations';
import { askProvider, callbackUrl, InstallFailed, type InstallSettings } from './settings';

/**
 * The bot's scopes: post alerts (also in public channels it has not joined), find channels
 * and people by email for routing, open DMs. `incoming-webhook` lets the installing admin
 * pick the alerts channel on Slack's consent screen. No history scopes: apps outside the Slack
 * Marketplace may read only 15 messages a minute, and reading channels draws review scrutiny.
 */
export const SLACK_BOT_SCOPES = [
  'chat:write',
  'chat:write.public',
  'channels:read',
  'channels:join',
  'groups:read',
  'im:write',
  'users:read',
  'users:read.email',
  'incoming-webhook',
];

type SlackSettings = Pick<InstallSettings, 'publicUrl' | 'slack'>;

export function slackAuthorizeUrl(settings: SlackSettings, state: string): string {
  const url = new URL(settings.slack.authorizeUrl);
  url.searchParams.set('client_id', settings.slack.clientId);
  url.searchParams.set('scope', SLACK_BOT_SCOPES.join(','));
  url.searchParams.set('redirect_uri', callbackUrl(settings, 'slack'));
  url.searchParams.set('state', state);
  return url.toString();
}

export async function exchangeSlackCode(settings: SlackSettings, code: string): Promise<SlackGrant> {
  const { clientId, clientSecret, apiUrl } = settings.slack;
  if (!clientSecret) throw new InstallFailed('Slack is not configured on this server (SLACK_CLIENT_SECRET).');
  const client = new WebClient(undefined, { slackApiUrl: apiUrl, retryConfig: { retries: 1 } });
  const answer = await askProvider('Slack', () =>
    client.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code, redirect_uri: callbackUrl(settings, 'slack') }),
  );
  if (answer.token_type !== 'bot' || !answer.access_token || !answer.bot_user_id || !answer.team?.id) {
    throw new InstallFailed('Slack answered without a bot token for a workspace.');
  }
  return {
    teamId: answer.team.id,
    teamName: answer.team.name ?? null,
    appId: answer.app_id ?? null,
    botUserId: answer.bot_user_id,
    botToken: answer.access_token,
    scopes: (answer.scope ?? '').split(',').filter(Boolean),
    defaultChannelId: answer.incoming_webhook?.channel_id ?? null,
    defaultChannelName: answer.incoming_webhook?.channel ?? null,
    installedBy: answer.authed_user?.id ?? null,
  };
}
