import { SlackApiError } from '../errors';
import { userObject } from '../shapes';
import type { MethodDefinition } from './method';

export const usersMethods: MethodDefinition[] = [
  {
    name: 'users.lookupByEmail',
    tier: 'tier3',
    auth: 'bot',
    scopes: ['users:read.email'],
    handle: ({ args, bot, services }) => {
      const email = args.string('email').toLowerCase();
      const user = Object.values(services.state.data.users).find(
        (u) => u.teamId === bot.teamId && !u.deleted && u.email?.toLowerCase() === email,
      );
      if (!user) throw new SlackApiError('users_not_found');
      return { user: userObject(user, services.state.workspace(bot.teamId), true) };
    },
  },
  {
    name: 'users.info',
    tier: 'tier4',
    auth: 'bot',
    scopes: ['users:read'],
    handle: ({ args, bot, services }) => {
      const user = services.state.user(bot.teamId, args.string('user'));
      if (!user) throw new SlackApiError('user_not_found');
      return { user: userObject(user, services.state.workspace(bot.teamId), bot.scopes.includes('users:read.email')) };
    },
  },
];
