import { blocksHtml } from './blockKitHtml';
import type { BlockContext } from './blockParts';
import { escapeHtml } from './html';
import type { RecordedMessage } from './model';
import { renderMrkdwn } from './mrkdwn';

type Json = Record<string, unknown>;

/** Who a message is from, as the channel shows it: an app's name (with its badge) or a person's. */
export interface Author {
  name: string;
  isApp: boolean;
}

/** A square of initials in a colour from the name: the page loads no pictures. */
function avatar(name: string): string {
  const initials = name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('') || '?';
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  return `<div class="avatar" style="background:hsl(${hue},45%,42%)" aria-hidden="true">${escapeHtml(initials)}</div>`;
}

/** Legacy attachments: a coloured bar beside their text, fields and blocks. */
function attachment(a: Json, ctx: BlockContext): string {
  const color = typeof a.color === 'string' && /^#?[0-9a-f]{3,8}$/i.test(a.color) ? (a.color.startsWith('#') ? a.color : `#${a.color}`) : '#ddd';
  const part = (value: unknown) => (typeof value === 'string' && value ? `<div>${renderMrkdwn(value, ctx.names)}</div>` : '');
  const fields = Array.isArray(a.fields)
    ? `<div class="fields">${(a.fields as Json[]).map((f) => `<div><b>${escapeHtml(f.title)}</b><br>${renderMrkdwn(String(f.value ?? ''), ctx.names)}</div>`).join('')}</div>`
    : '';
  const blocks = Array.isArray(a.blocks) ? blocksHtml(a.blocks, ctx) : '';
  const body = part(a.pretext) + (a.title ? `<div><b>${escapeHtml(a.title)}</b></div>` : '') + (part(a.text) || (blocks ? '' : part(a.fallback))) + fields + blocks + part(a.footer);
  return `<div class="attachment" style="border-left-color:${color}">${body}</div>`;
}

/** When the message was posted, and whether it changed since: the page script writes local times. */
function stamp(m: RecordedMessage): string {
  const at = new Date(Number(m.ts.split('.')[0]) * 1000).toISOString();
  const updates = m.revisions.filter((r) => r.kind === 'updated');
  const edited = updates.length
    ? ` <span class="edited" title="${escapeHtml(`updated ${updates.length} time(s), last at ${new Date(updates.at(-1)!.at).toISOString()}`)}">(edited)</span>`
    : '';
  return `<time class="time" datetime="${at}" title="${at}">${at.slice(11, 16)}</time>${edited}`;
}

/**
 * One message as Slack draws it: avatar, author (APP badge for apps), time, "(edited)" after a
 * chat.update, the current blocks (or the text), attachments, and its thread replies under it.
 */
export function messageHtml(m: RecordedMessage, author: Author, ctx: BlockContext, replies: string[] = []): string {
  if (m.deleted) return `<div class="msg deleted"><div class="avatar blank"></div><div class="body"><i>This message was deleted.</i>${thread(replies)}</div></div>`;
  const badge = author.isApp ? ' <span class="badge">APP</span>' : '';
  const ephemeral = m.ephemeralTo ? '<div class="only-you">👁 Only visible to you</div>' : '';
  const content = m.blocks?.length ? blocksHtml(m.blocks, ctx) : `<div class="block">${renderMrkdwn(m.text, ctx.names)}</div>`;
  const attachments = ((m.attachments as Json[] | undefined) ?? []).map((a) => attachment(a, ctx)).join('');
  return `<div class="msg${m.ephemeralTo ? ' ephemeral' : ''}" data-testid="message" data-channel="${escapeHtml(m.channel)}" data-ts="${escapeHtml(m.ts)}">
${avatar(author.name)}<div class="body"><div class="meta"><span class="author">${escapeHtml(author.name)}</span>${badge} ${stamp(m)}</div>${ephemeral}${content}${attachments}${thread(replies)}</div></div>`;
}

function thread(replies: string[]): string {
  if (replies.length === 0) return '';
  return `<div class="thread"><div class="thread-count">${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</div>${replies.join('')}</div>`;
}
