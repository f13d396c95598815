import { SlackApiError } from '../errors';
import type { MethodDefinition } from './method';

/**
 * oauth.v2.access: exchanges a single-use code from the consent page for a bot
 * token. Client credentials come in the body or as HTTP Basic auth.
 */
export const oauthMethods: MethodDefinition[] = [
  {
    name: 'oauth.v2.access',
    tier: 'tier4',
    auth: 'client',
    handle: ({ args, basic, services }) => {
      const { state, directory } = services;
      const clientId = basic?.clientId ?? args.optionalString('client_id');
      const clientSecret = basic?.clientSecret ?? args.optionalString('client_secret');
      const app = clientId ? state.appByClientId(clientId) : undefined;
      if (!app) throw new SlackApiError('invalid_client_id');
      if (clientSecret !== app.clientSecret) throw new SlackApiError('bad_client_secret');
      const grant = state.data.oauthCodes[args.string('code')];
      if (!grant || grant.used || grant.appId !== app.id || Date.now() > grant.expiresAt) {
        throw new SlackApiError('invalid_code');
      }
      // The redirect_uri, when the authorize step had one, must be repeated exactly.
      if (grant.redirectUri !== undefined && args.optionalString('redirect_uri') !== grant.redirectUri) {
        throw new SlackApiError('bad_redirect_uri');
      }
      grant.used = true;
      const installation = directory.install({
        app: app.id,
        team: grant.teamId,
        scopes: grant.scopes,
        installer: grant.installerUserId,
        webhookChannel: grant.webhookChannelId,
      });
      const team = state.workspace(grant.teamId);
      const hook = installation.incomingWebhook;
      const hookChannel = hook && state.data.channels[hook.channelId];
      return {
        access_token: installation.botToken,
        token_type: 'bot',
        scope: installation.scopes.join(','),
        bot_user_id: installation.botUserId,
        app_id: app.id,
        team: { name: team.name, id: team.id },
        enterprise: null,
        is_enterprise_install: false,
        authed_user: { id: grant.installerUserId, ...(grant.userScopes.length ? { scope: grant.userScopes.join(',') } : {}) },
        ...(hook && hookChannel
          ? {
              incoming_webhook: {
                channel: `#${hookChannel.name}`,
                channel_id: hookChannel.id,
                configuration_url: hook.configurationUrl,
                url: hook.url,
              },
            }
          : {}),
      };
    },
  },
];
