import { escapeHtml, htmlPage } from './html';
import type { RecordedMessage } from './model';
import type { SlackState } from './state';

type Json = Record<string, unknown>;

function textOf(value: unknown): string {
  return escapeHtml((value as Json | undefined)?.text ?? '');
}

function element(el: Json): string {
  if (el.type === 'button') {
    const style = el.style === 'primary' || el.style === 'danger' ? ` ${el.style}` : '';
    return `<span class="button${style}" title="action_id ${escapeHtml(el.action_id)}">${textOf(el.text)}</span>`;
  }
  if (el.type === 'image') return `<span class="context">[image: ${escapeHtml(el.alt_text)}]</span>`;
  const placeholder = el.placeholder ? textOf(el.placeholder) : escapeHtml(el.type);
  return `<span class="button" title="action_id ${escapeHtml(el.action_id)}">${placeholder} ▾</span>`;
}

/** Block Kit as readable HTML: text as text, buttons as buttons, the rest summarised. */
function block(b: Json): string {
  switch (b.type) {
    case 'header':
      return `<h3>${textOf(b.text)}</h3>`;
    case 'section': {
      const fields = Array.isArray(b.fields) ? `<div class="fields">${b.fields.map((f) => `<div>${textOf(f)}</div>`).join('')}</div>` : '';
      const accessory = b.accessory ? ` ${element(b.accessory as Json)}` : '';
      return `<div>${b.text ? textOf(b.text) : ''}${accessory}</div>${fields}`;
    }
    case 'actions':
      return `<div>${((b.elements as Json[]) ?? []).map(element).join('')}</div>`;
    case 'context':
      return `<div class="context">${((b.elements as Json[]) ?? []).map((e) => (e.type === 'image' ? element(e) : textOf(e))).join(' · ')}</div>`;
    case 'divider':
      return '<hr>';
    case 'input':
      return `<div><strong>${textOf(b.label)}</strong> ${element(b.element as Json)}</div>`;
    case 'image':
      return `<div class="context">[image: ${escapeHtml(b.alt_text)}]</div>`;
    case 'markdown':
      return `<div>${escapeHtml(b.text)}</div>`;
    default:
      return `<div class="context">[${escapeHtml(b.type)} block]</div>`;
  }
}

function message(m: RecordedMessage, authorName: string): string {
  const classes = ['msg', m.ephemeralTo ? 'ephemeral' : '', m.deleted ? 'deleted' : ''].filter(Boolean).join(' ');
  const notes = [
    m.ephemeralTo ? `only visible to ${m.ephemeralTo}` : '',
    m.revisions.length > 1 ? `${m.revisions.length - 1} change(s)` : '',
    m.deleted ? 'deleted' : '',
    m.threadTs ? `in thread ${m.threadTs}` : '',
  ].filter(Boolean);
  const body = m.blocks?.length ? (m.blocks as Json[]).map(block).join('') : `<div>${escapeHtml(m.text)}</div>`;
  return `<div class="${classes}"><div class="meta"><strong>${escapeHtml(authorName)}</strong> · ts ${escapeHtml(m.ts)}${notes.length ? ` · ${escapeHtml(notes.join(' · '))}` : ''}</div>${body}</div>`;
}

/** `GET /`: workspaces, their apps, people and channels with every message. */
export function inspectorPage(state: SlackState): string {
  const { data } = state;
  const sections = Object.values(data.workspaces).map((team) => {
    const installs = Object.values(data.installations).filter((i) => i.teamId === team.id);
    const people = Object.values(data.users).filter((u) => u.teamId === team.id);
    const channels = Object.values(data.channels).filter((c) => c.teamId === team.id);
    const installList = installs
      .map((i) => `<li>${escapeHtml(data.apps[i.appId]?.name)} (${escapeHtml(i.appId)}) — bot ${escapeHtml(i.botUserId)}${i.revoked ? ' — <em>uninstalled</em>' : ''}</li>`)
      .join('');
    const peopleList = people.map((u) => `${escapeHtml(u.realName)} <span class="meta">${escapeHtml(u.id)}${u.email ? ` ${escapeHtml(u.email)}` : ''}</span>`).join(', ');
    const channelBlocks = channels
      .map((c) => {
        const title = c.imUser ? `DM with ${data.users[c.imUser]?.realName ?? c.imUser}` : `${c.isPrivate ? '🔒' : '#'}${c.name}`;
        const messages = (data.messages[c.id] ?? []).map((m) => message(m, data.users[m.user]?.realName ?? m.user)).join('');
        return `<h3>${escapeHtml(title)} <span class="meta">${escapeHtml(c.id)} · ${c.members.length} member(s)</span></h3>${messages || '<p class="meta">No messages.</p>'}`;
      })
      .join('');
    return `<h2>${escapeHtml(team.name)} <span class="meta">${escapeHtml(team.id)}</span></h2>
<p><strong>Apps:</strong></p><ul>${installList || '<li class="meta">none installed</li>'}</ul>
<p><strong>People:</strong> ${peopleList || '<span class="meta">none</span>'}</p>${channelBlocks}`;
  });
  return htmlPage('Slack emulator', `<h1>Slack emulator</h1>${sections.join('') || '<p>No workspaces yet.</p>'}`);
}
