import type { BlockContext } from './blockParts';
import { escapeHtml } from './html';
import { messageHtml, type Author } from './messageHtml';
import { modalHtml, topModal } from './modalHtml';
import type { Channel, RecordedMessage, SlackData, User, Workspace } from './model';
import type { Names } from './mrkdwn';
import { WEB_VIEW_SCRIPT } from './webViewScript';
import { WEB_VIEW_STYLE } from './webViewStyle';

/** What the address picks: the workspace, the channel, and the person the page acts as. */
export interface PageQuery {
  team?: string;
  channel?: string;
  as?: string;
}

const people = (data: SlackData, team: Workspace) => Object.values(data.users).filter((u) => u.teamId === team.id && !u.isBot && !u.deleted);

/** The person the page acts as: the one asked for, else the workspace's admin, else its first person. */
function actingUser(data: SlackData, team: Workspace, asked: string | undefined): User | undefined {
  const humans = people(data, team);
  return humans.find((u) => u.id === asked) ?? humans.find((u) => u.isAdmin) ?? humans[0];
}

/** Whether the person sees a message: ephemeral messages show only to whom they were sent. */
const visibleTo = (userId: string | undefined) => (m: RecordedMessage) => !m.ephemeralTo || m.ephemeralTo === userId;

/** The channel asked for, else the one with the latest message (where an app just posted), else #general. */
function openChannel(data: SlackData, channels: Channel[], asked: string | undefined): Channel | undefined {
  const latest = (c: Channel) => data.messages[c.id]?.filter((m) => !m.ephemeralTo).at(-1)?.ts ?? '';
  return (
    channels.find((c) => c.id === asked) ??
    [...channels].filter((c) => latest(c)).sort((a, b) => (latest(a) < latest(b) ? 1 : -1))[0] ??
    channels.find((c) => c.isGeneral) ??
    channels[0]
  );
}

const channelLabel = (data: SlackData, c: Channel) => (c.imUser ? (data.users[c.imUser]?.realName ?? c.imUser) : c.name);

class PageBuilder {
  readonly team: Workspace;
  readonly user: User | undefined;
  readonly channels: Channel[];
  readonly channel: Channel | undefined;
  readonly ctx: BlockContext;

  constructor(
    private readonly data: SlackData,
    team: Workspace,
    query: PageQuery,
  ) {
    this.team = team;
    this.user = actingUser(data, team, query.as);
    this.channels = Object.values(data.channels).filter((c) => c.teamId === team.id && !c.isArchived);
    this.channel = openChannel(data, this.channels, query.channel);
    const names: Names = {
      user: (id) => data.users[id]?.realName,
      channel: (id) => data.channels[id]?.name,
    };
    this.ctx = {
      names,
      surface: 'message',
      people: people(data, team).map((u) => ({ id: u.id, name: u.realName })),
      conversations: this.channels.filter((c) => !c.imUser).map((c) => ({ id: c.id, name: `#${c.name}` })),
    };
  }

  href(change: PageQuery): string {
    const params = new URLSearchParams({ team: this.team.id, ...(this.channel ? { channel: this.channel.id } : {}), ...(this.user ? { as: this.user.id } : {}), ...change });
    return `?${escapeHtml(params.toString())}`;
  }

  rail(): string {
    return Object.values(this.data.workspaces)
      .map((t) => {
        const initials = t.name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
        return `<a href="?team=${encodeURIComponent(t.id)}" class="${t.id === this.team.id ? 'active' : ''}" title="${escapeHtml(t.name)}">${escapeHtml(initials)}</a>`;
      })
      .join('');
  }

  sidebar(): string {
    const { data } = this;
    const options = people(data, this.team)
      .map((u) => `<option value="${escapeHtml(u.id)}"${u.id === this.user?.id ? ' selected' : ''}>${escapeHtml(u.realName)}${u.isAdmin ? ' (admin)' : ''}</option>`)
      .join('');
    const link = (c: Channel, label: string) => {
      const count = (data.messages[c.id] ?? []).filter((m) => !m.deleted && visibleTo(this.user?.id)(m)).length;
      return `<a class="chan${c.id === this.channel?.id ? ' active' : ''}" href="${this.href({ channel: c.id })}" data-testid="channel-link">${label}${count ? `<span class="count">${count}</span>` : ''}</a>`;
    };
    const channels = this.channels.filter((c) => !c.imUser).sort((a, b) => a.name.localeCompare(b.name));
    const dms = this.channels.filter((c) => c.imUser);
    const apps = Object.values(data.installations)
      .filter((i) => i.teamId === this.team.id)
      .map((i) => `<div class="side-note${i.revoked ? ' off' : ''}">${escapeHtml(data.apps[i.appId]?.name ?? i.appId)}${i.revoked ? ' <span class="off">(uninstalled)</span>' : ''}</div>`)
      .join('');
    return `<aside class="sidebar"><div class="team"><div class="team-name">${escapeHtml(this.team.name)}</div>
<label class="acting">Acting as<select id="acting-user" data-testid="acting-user">${options}</select></label></div>
<div class="side-title">Channels</div>${channels.map((c) => link(c, `${c.isPrivate ? '🔒' : '#'} ${escapeHtml(c.name)}`)).join('')}
${dms.length ? `<div class="side-title">Direct messages</div>${dms.map((c) => link(c, escapeHtml(channelLabel(data, c)))).join('')}` : ''}
<div class="side-title">Apps</div>${apps || '<div class="side-note off">none installed</div>'}</aside>`;
  }

  author(m: RecordedMessage): Author {
    const app = m.appId ? this.data.apps[m.appId] : undefined;
    return app ? { name: app.name, isApp: true } : { name: this.data.users[m.user]?.realName ?? m.user, isApp: false };
  }

  /** The channel's messages, oldest first, each with its thread replies under it. */
  messages(c: Channel): string {
    const visible = (this.data.messages[c.id] ?? []).filter(visibleTo(this.user?.id));
    const isReply = (m: RecordedMessage) => m.threadTs !== undefined && m.threadTs !== m.ts;
    const replies = new Map<string, string[]>();
    for (const m of visible.filter((m) => isReply(m) && !m.deleted)) {
      replies.set(m.threadTs!, [...(replies.get(m.threadTs!) ?? []), messageHtml(m, this.author(m), this.ctx)]);
    }
    // Slack hides a deleted message unless replies hang under it.
    const shown = visible.filter((m) => !isReply(m) && (!m.deleted || replies.has(m.ts)));
    const intro = `<div class="intro"><b>${c.imUser ? '' : '#'}${escapeHtml(channelLabel(this.data, c))}</b>This is the very beginning of this conversation.</div>`;
    return intro + shown.map((m) => messageHtml(m, this.author(m), this.ctx, replies.get(m.ts))).join('');
  }

  main(): string {
    const c = this.channel;
    if (!c) return '<main><div class="empty">This workspace has no channels.</div></main>';
    const about = [c.topic || c.purpose, `${c.members.length} member${c.members.length === 1 ? '' : 's'}`, c.id].filter(Boolean).join(' · ');
    return `<main><header class="channel-head"><span class="channel-name">${c.imUser ? '' : c.isPrivate ? '🔒 ' : '# '}${escapeHtml(channelLabel(this.data, c))}</span><span class="channel-about">${escapeHtml(about)}</span></header>
<div class="messages" id="messages" data-testid="messages">${this.messages(c)}</div></main>`;
  }

  modal(): string {
    const view = this.user && topModal(Object.values(this.data.views), this.team.id, this.user.id);
    return view ? modalHtml(view, this.ctx) : '';
  }
}

/**
 * `GET /`: the emulator's Slack, as a person sees it: workspaces, channels, messages drawn from
 * their mrkdwn and Block Kit, live buttons and menus, and the modal the app opened for the person
 * the page acts as. `nonce` lets only the page's own script run.
 */
export function inspectorPage(data: SlackData, query: PageQuery, revision: number, nonce: string): string {
  const team = data.workspaces[query.team ?? ''] ?? Object.values(data.workspaces)[0];
  const page = team ? new PageBuilder(data, team, query) : undefined;
  const body = page
    ? `<div id="app"><nav class="rail">${page.rail()}</nav>${page.sidebar()}${page.main()}</div><div id="modal-slot">${page.modal()}</div>`
    : '<div id="app"><div class="empty">No workspaces yet.</div></div><div id="modal-slot"></div>';
  const title = page ? `${page.channel ? `${page.channel.imUser ? '' : '#'}${channelLabel(data, page.channel)} – ` : ''}${page.team.name} – Slack emulator` : 'Slack emulator';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,">
<style>${WEB_VIEW_STYLE}</style></head>
<body data-team="${escapeHtml(page?.team.id ?? '')}" data-user="${escapeHtml(page?.user?.id ?? '')}" data-revision="${revision}">${body}<div id="toast" role="status"></div>
<script nonce="${nonce}">${WEB_VIEW_SCRIPT}</script></body></html>`;
}
