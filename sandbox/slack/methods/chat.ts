import type { Args } from '../args';
import { validateMessageBlocks } from '../blockKit';
import { SlackApiError } from '../errors';
import type { MessageContent } from '../messages';
import type { Channel, RecordedMessage } from '../model';
import type { BotCall, MethodDefinition } from './method';

const MAX_TEXT = 40_000;

/**
 * Where a bot may post: a channel id, a `#name`, or a user id (which opens the DM).
 * Private channels the bot is not in do not exist for it; public ones need
 * membership or the chat:write.public scope.
 */
export function postableChannel({ bot, services }: BotCall, target: string): Channel {
  const { state, directory } = services;
  if (/^[UW][A-Z0-9]+$/.test(target)) {
    const user = state.user(bot.teamId, target);
    if (!user || user.deleted) throw new SlackApiError('channel_not_found');
    return directory.openDm(bot.teamId, user.id, bot.botUserId);
  }
  const name = target.replace(/^#/, '');
  const channel =
    state.channel(bot.teamId, target) ??
    Object.values(state.data.channels).find((c) => c.teamId === bot.teamId && !c.imUser && c.name === name);
  const isMember = channel?.members.includes(bot.botUserId) ?? false;
  if (!channel || (channel.isPrivate && !isMember)) throw new SlackApiError('channel_not_found');
  if (channel.isArchived) throw new SlackApiError('is_archived');
  if (!isMember && !bot.scopes.includes('chat:write.public')) throw new SlackApiError('not_in_channel');
  return channel;
}

/** text / blocks / attachments of a message, checked as Slack checks them. */
export function readContent(args: Args, required: boolean): Partial<MessageContent> {
  const text = args.optionalString('text');
  const blocks = args.json('blocks', 'invalid_blocks_format');
  const attachments = args.json('attachments', 'invalid_attachments');
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
    const errors = validateMessageBlocks(blocks);
    if (errors.length > 0) {
      throw new SlackApiError('invalid_blocks', {
        errors,
        response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
      });
    }
  }
  if (attachments !== undefined && !Array.isArray(attachments)) throw new SlackApiError('invalid_attachments');
  if (required && text === undefined && !blocks && !attachments) throw new SlackApiError('no_text');
  if (text !== undefined && text.length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  return { text, blocks: blocks as unknown[] | undefined, attachments: attachments as unknown[] | undefined };
}

/**
 * A message this bot may change: it exists, the bot wrote it, and it is not ephemeral (those
 * can only be replaced through their interaction's response_url). [sl-mod]
 */
function ownMessage({ args, bot, services }: BotCall, tsField: string, notOwnError: string): RecordedMessage {
  const channelId = args.string('channel');
  const ts = args.string(tsField);
  if (!services.state.channel(bot.teamId, channelId)) throw new SlackApiError('channel_not_found');
  const message = services.messages.find(channelId, ts);
  if (!message) throw new SlackApiError('message_not_found');
  if (message.ephemeralTo || message.botId !== bot.botId) throw new SlackApiError(notOwnError);
  return message;
}

export const chatMethods: MethodDefinition[] = [
  {
    name: 'chat.postMessage',
    tier: 'postMessage',
    perChannel: true,
    auth: 'bot',
    scopes: ['chat:write'],
    handle: (call) => {
      const { args, bot, services } = call;
      const channel = postableChannel(call, args.string('channel'));
      const content = readContent(args, true);
      const message = services.messages.post(
        channel,
        { user: bot.botUserId, bot },
        { text: content.text ?? '', blocks: content.blocks, attachments: content.attachments },
        { source: 'api', threadTs: args.optionalString('thread_ts') },
      );
      return { channel: channel.id, ts: message.ts, message: services.messages.toApi(message) };
    },
  },
  {
    name: 'chat.update',
    tier: 'tier3',
    auth: 'bot',
    scopes: ['chat:write'],
    handle: (call) => {
      const message = ownMessage(call, 'ts', 'cant_update_message');
      const content = readContent(call.args, false);
      if (content.text === undefined && !content.blocks && !content.attachments) throw new SlackApiError('no_text');
      const updated = call.services.messages.update(message, content, 'api');
      return { channel: updated.channel, ts: updated.ts, text: updated.text, message: call.services.messages.toApi(updated) };
    },
  },
  {
    name: 'chat.delete',
    tier: 'tier3',
    auth: 'bot',
    scopes: ['chat:write'],
    handle: (call) => {
      const message = ownMessage(call, 'ts', 'cant_delete_message');
      call.services.messages.delete(message, 'api');
      return { channel: message.channel, ts: message.ts };
    },
  },
  {
    name: 'chat.postEphemeral',
    tier: 'tier4',
    auth: 'bot',
    scopes: ['chat:write'],
    handle: (call) => {
      const { args, bot, services } = call;
      const channel = postableChannel(call, args.string('channel'));
      const userId = args.string('user');
      if (!services.state.user(bot.teamId, userId)) throw new SlackApiError('user_not_found');
      if (!channel.members.includes(userId)) throw new SlackApiError('user_not_in_channel');
      const content = readContent(args, true);
      const message = services.messages.post(
        channel,
        { user: bot.botUserId, bot },
        { text: content.text ?? '', blocks: content.blocks, attachments: content.attachments },
        { source: 'api', ephemeralTo: userId, threadTs: args.optionalString('thread_ts') },
      );
      return { message_ts: message.ts };
    },
  },
  {
    name: 'chat.getPermalink',
    tier: 'special',
    auth: 'bot',
    handle: ({ args, bot, services }) => {
      const channel = services.state.channel(bot.teamId, args.string('channel'));
      if (!channel) throw new SlackApiError('channel_not_found');
      const message = services.messages.find(channel.id, args.string('message_ts'));
      if (!message || message.ephemeralTo) throw new SlackApiError('message_not_found');
      const team = services.state.workspace(bot.teamId);
      return { channel: channel.id, permalink: `https://${team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}` };
    },
  },
];
