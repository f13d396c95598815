import { invalidArguments, SlackApiError } from '../errors';
import { historyLimit } from '../marketplace';
import type { Channel, Installation, RecordedMessage } from '../model';
import { channelObject } from '../shapes';
import { requireScope, type BotCall, type MethodDefinition } from './method';

/** The read scope each conversation type needs. */
const READ_SCOPE = { public_channel: 'channels:read', private_channel: 'groups:read', im: 'im:read', mpim: 'mpim:read' } as const;
const HISTORY_SCOPE = { public_channel: 'channels:history', private_channel: 'groups:history', im: 'im:history', mpim: 'mpim:history' } as const;
type ConversationType = keyof typeof READ_SCOPE;

function typeOf(channel: Channel): ConversationType {
  if (channel.imUser) return 'im';
  return channel.isPrivate ? 'private_channel' : 'public_channel';
}

/** Public channels are visible to every bot; private ones and DMs only to members. */
function visibleTo(channel: Channel, bot: Installation): boolean {
  return channel.teamId === bot.teamId && (typeOf(channel) === 'public_channel' || channel.members.includes(bot.botUserId));
}

// Cursors are opaque to clients; ours encode the last id of the page, like Slack's `dGVhbTpD…` ("team:C…").
const encodeCursor = (lastId: string) => Buffer.from(`channel:${lastId}`).toString('base64');
function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith('channel:')) throw new SlackApiError('invalid_cursor');
  return decoded.slice('channel:'.length);
}

/** A channel whose messages this bot may read: visible to it, with the history scope, and joined. */
function readableChannel({ args, bot, services }: BotCall): Channel {
  const channel = services.state.channel(bot.teamId, args.string('channel'));
  if (!channel || !visibleTo(channel, bot)) throw new SlackApiError('channel_not_found');
  requireScope(bot, HISTORY_SCOPE[typeOf(channel)]);
  if (!channel.members.includes(bot.botUserId)) throw new SlackApiError('not_in_channel');
  return channel;
}

/** The first `limit` messages, the limit capped for apps outside the Marketplace. */
function page({ args, bot, services }: BotCall, messages: RecordedMessage[], max: number) {
  const limit = historyLimit(services.state, bot, args.int('limit', 100), max);
  return {
    messages: messages.slice(0, limit).map((m) => services.messages.toApi(m)),
    has_more: messages.length > limit,
    response_metadata: { next_cursor: '' },
  };
}

export const conversationsMethods: MethodDefinition[] = [
  {
    name: 'conversations.list',
    tier: 'tier2',
    auth: 'bot',
    handle: ({ args, bot, services }) => {
      const types = (args.optionalString('types') ?? 'public_channel').split(',').map((t) => t.trim());
      for (const type of types) {
        if (!(type in READ_SCOPE)) throw new SlackApiError('invalid_types');
        requireScope(bot, READ_SCOPE[type as ConversationType]);
      }
      const limit = Math.min(Math.max(args.int('limit', 100), 1), 1000);
      const excludeArchived = args.bool('exclude_archived');
      const cursor = args.optionalString('cursor');
      const after = cursor ? decodeCursor(cursor) : undefined;
      const matching = Object.values(services.state.data.channels)
        .filter((c) => visibleTo(c, bot) && types.includes(typeOf(c)) && !(excludeArchived && c.isArchived))
        .sort((a, b) => a.id.localeCompare(b.id))
        .filter((c) => after === undefined || c.id > after);
      const page = matching.slice(0, limit);
      const hasMore = matching.length > limit;
      return {
        channels: page.map((c) => channelObject(c, bot.botUserId)),
        response_metadata: { next_cursor: hasMore ? encodeCursor(page.at(-1)!.id) : '' },
      };
    },
  },
  {
    name: 'conversations.info',
    tier: 'tier3',
    auth: 'bot',
    handle: ({ args, bot, services }) => {
      const channel = services.state.channel(bot.teamId, args.string('channel'));
      if (!channel || !visibleTo(channel, bot)) throw new SlackApiError('channel_not_found');
      requireScope(bot, READ_SCOPE[typeOf(channel)]);
      return { channel: channelObject(channel, bot.botUserId) };
    },
  },
  {
    // Newest first, top-level messages only (thread replies live in conversations.replies).
    name: 'conversations.history',
    tier: 'tier3',
    tierOutsideMarketplace: 'nonMarketplaceHistory',
    auth: 'bot',
    handle: (call) => {
      const { args, services } = call;
      const channel = readableChannel(call);
      const oldest = Number(args.optionalString('oldest') ?? '0');
      const latest = Number(args.optionalString('latest') ?? 'Infinity');
      const matching = services.messages
        .list(channel.id)
        .filter((m) => !m.deleted && !m.ephemeralTo && !m.threadTs && Number(m.ts) > oldest && Number(m.ts) < latest)
        .reverse();
      return { ...page(call, matching, 999), pin_count: 0 };
    },
  },
  {
    // Oldest first: the thread's parent, then its replies.
    name: 'conversations.replies',
    tier: 'tier3',
    tierOutsideMarketplace: 'nonMarketplaceHistory',
    auth: 'bot',
    handle: (call) => {
      const { args, services } = call;
      const channel = readableChannel(call);
      const ts = args.string('ts');
      const visible = services.messages.list(channel.id).filter((m) => !m.deleted && !m.ephemeralTo);
      const parent = visible.find((m) => m.ts === ts);
      if (!parent) throw new SlackApiError('thread_not_found');
      const root = parent.threadTs ?? parent.ts;
      return page(call, visible.filter((m) => m.ts === root || m.threadTs === root), 1000);
    },
  },
  {
    name: 'conversations.join',
    tier: 'tier3',
    auth: 'bot',
    scopes: ['channels:join'],
    handle: ({ args, bot, services }) => {
      const channel = services.state.channel(bot.teamId, args.string('channel'));
      if (!channel || !visibleTo(channel, bot)) throw new SlackApiError('channel_not_found');
      if (typeOf(channel) !== 'public_channel') throw new SlackApiError('method_not_supported_for_channel_type');
      if (channel.isArchived) throw new SlackApiError('is_archived');
      if (channel.members.includes(bot.botUserId)) {
        return {
          channel: channelObject(channel, bot.botUserId),
          warning: 'already_in_channel',
          response_metadata: { warnings: ['already_in_channel'] },
        };
      }
      services.directory.join(channel.id, [bot.botUserId]);
      return { channel: channelObject(channel, bot.botUserId) };
    },
  },
  {
    name: 'conversations.open',
    tier: 'tier3',
    auth: 'bot',
    scopes: ['im:write'],
    handle: ({ args, bot, services }) => {
      const users = args.optionalString('users')?.split(',').map((u) => u.trim());
      if (!users) throw invalidArguments('missing required field: users');
      if (users.length !== 1) throw new SlackApiError('not_implemented', { detail: 'group DMs are not emulated' });
      const user = services.state.user(bot.teamId, users[0]!);
      if (!user) throw new SlackApiError('user_not_found');
      const dm = services.directory.openDm(bot.teamId, user.id, bot.botUserId);
      return { channel: { id: dm.id } };
    },
  },
];
