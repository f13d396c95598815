import { withBlockIds } from './blockKit';
import type { Installation, RecordedMessage, RevisionSource } from './model';
import type { SlackState } from './state';

export interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/**
 * Every message, update, deletion and ephemeral message, per channel, with its
 * full revision history, so tests can read what users would have seen.
 */
export class MessageStore {
  constructor(private readonly state: SlackState) {}

  list(channel: string): RecordedMessage[] {
    return this.state.data.messages[channel] ?? [];
  }

  find(channel: string, ts: string): RecordedMessage | undefined {
    return this.list(channel).find((m) => m.ts === ts && !m.deleted);
  }

  post(
    channel: { id: string; teamId: string },
    author: { user: string; bot?: Installation },
    content: MessageContent,
    options: { source: RevisionSource; threadTs?: string; ephemeralTo?: string },
  ): RecordedMessage {
    const blocks = content.blocks && withBlockIds(content.blocks);
    const message: RecordedMessage = {
      channel: channel.id,
      ts: this.state.nextTs(),
      teamId: channel.teamId,
      user: author.user,
      appId: author.bot?.appId,
      botId: author.bot?.botId,
      text: content.text,
      blocks,
      attachments: content.attachments,
      threadTs: options.threadTs,
      ephemeralTo: options.ephemeralTo,
      deleted: false,
      revisions: [{ kind: 'posted', source: options.source, at: Date.now(), text: content.text, blocks }],
    };
    (this.state.data.messages[channel.id] ??= []).push(message);
    this.state.changed();
    return message;
  }

  update(message: RecordedMessage, content: Partial<MessageContent>, source: RevisionSource): RecordedMessage {
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = withBlockIds(content.blocks);
    if (content.attachments !== undefined) message.attachments = content.attachments;
    message.revisions.push({ kind: 'updated', source, at: Date.now(), text: message.text, blocks: message.blocks });
    this.state.changed();
    return message;
  }

  delete(message: RecordedMessage, source: RevisionSource): void {
    message.deleted = true;
    message.revisions.push({ kind: 'deleted', source, at: Date.now(), text: message.text, blocks: message.blocks });
    this.state.changed();
  }

  /** The message object as the Web API and interaction payloads show it. */
  toApi(message: RecordedMessage): Record<string, unknown> {
    const app = message.appId ? this.state.data.apps[message.appId] : undefined;
    return {
      type: 'message',
      ...(message.botId ? { bot_id: message.botId, app_id: message.appId } : {}),
      user: message.user,
      text: message.text,
      ts: message.ts,
      team: message.teamId,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(message.attachments ? { attachments: message.attachments } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...(message.revisions.length > 1 ? { edited: { user: message.user, ts: secondsTs(message.revisions.at(-1)!.at) } } : {}),
      ...(app && message.botId
        ? {
            bot_profile: {
              id: message.botId,
              app_id: app.id,
              name: app.name,
              icons: {},
              deleted: false,
              updated: Math.floor(Date.now() / 1000),
              team_id: message.teamId,
            },
          }
        : {}),
    };
  }
}

function secondsTs(ms: number): string {
  return `${Math.floor(ms / 1000)}.000000`;
}
