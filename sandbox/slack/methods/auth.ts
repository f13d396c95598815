import type { MethodDefinition } from './method';

export const authMethods: MethodDefinition[] = [
  {
    name: 'auth.test',
    tier: 'special',
    auth: 'bot',
    handle: ({ bot, services }) => {
      const team = services.state.workspace(bot.teamId);
      const botUser = services.state.user(bot.teamId, bot.botUserId);
      return {
        url: `https://${team.domain}.slack.com/`,
        team: team.name,
        user: botUser?.name ?? '',
        team_id: team.id,
        user_id: bot.botUserId,
        bot_id: bot.botId,
        is_enterprise_install: false,
      };
    },
  },
];
