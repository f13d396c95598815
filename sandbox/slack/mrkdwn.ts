import { emojify } from './emoji';
import { escapeHtml } from './html';

/** Who `<@U…>` and `<#C…>` name, from the emulator's directory; undefined when unknown. */
export interface Names {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

export const NO_NAMES: Names = { user: () => undefined, channel: () => undefined };

/** Schemes a link may have; anything else (`javascript:`, `data:`) is shown as the text it was. */
export const isSafeUrl = (url: string) => /^(https?:\/\/|mailto:)/i.test(url);

/** Slack escapes only `&`, `<` and `>` in message text; one pass, so `&amp;lt;` reads `&lt;`. */
const unescapeSlack = (s: string) => s.replace(/&(amp|lt|gt);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>' })[e]!);

/** Text as the page shows it: Slack's entities read, then escaped for HTML. */
const plain = (s: string) => escapeHtml(unescapeSlack(s));

// Placeholders stand for spans already rendered (links, mentions, code) while emphasis is applied
// around them; private-use characters, removed from the input first so nobody can forge one.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * Slack's emphasis: the marker starts the text or follows a space or punctuation, hugs
 * non-space content on one line, and is not followed by a letter or digit.
 */
const EMPHASIS: Array<[marker: string, tag: string]> = [
  ['\\*', 'b'],
  ['_', 'i'],
  ['~', 's'],
];
const emphasisPattern = (m: string) => new RegExp(`(^|[^\\p{L}\\p{N}${m}])${m}(?=\\S)([^\\n]*?[^\\s${m}]|[^\\s${m}])${m}(?![\\p{L}\\p{N}${m}])`, 'gu');
const EMPHASIS_PATTERNS = EMPHASIS.map(([marker, tag]) => [emphasisPattern(marker), tag] as const);

/** One `<…>` control sequence: a mention, a special mention, a date, or a link. */
function controlSequence(body: string, names: Names): string | null {
  const bar = body.indexOf('|');
  const target = bar < 0 ? body : body.slice(0, bar);
  const label = bar < 0 ? undefined : body.slice(bar + 1);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention">@${plain(names.user(id) ?? label ?? id)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `<span class="mention">#${plain(names.channel(id) ?? label ?? id)}</span>`;
  }
  if (target.startsWith('!')) {
    const special = target.slice(1);
    if (['here', 'channel', 'everyone'].includes(special)) return `<span class="mention">@${special}</span>`;
    // Dates and user groups carry their own fallback text after the bar.
    return label === undefined ? null : `<span class="mention">${plain(label)}</span>`;
  }
  const url = unescapeSlack(target);
  if (!isSafeUrl(url)) return null;
  const text = label === undefined ? plain(target) : emojify(plain(label));
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}

/** One line (or a quoted run) of text outside code blocks: inline code, control sequences, emoji, emphasis. */
function inline(text: string, names: Names): string {
  const spans: string[] = [];
  const hold = (html: string) => `${OPEN}${spans.push(html) - 1}${CLOSE}`;
  const held = text
    .replace(/`([^`\n]+)`/g, (_m, code: string) => hold(`<code>${plain(code)}</code>`))
    .replace(/<([^<>\n]+)>/g, (whole, body: string) => hold(controlSequence(body, names) ?? plain(whole)));
  let html = emojify(plain(held));
  for (const [pattern, tag] of EMPHASIS_PATTERNS) html = html.replace(pattern, `$1<${tag}>$2</${tag}>`);
  return html.replace(PLACEHOLDER, (_m, i: string) => spans[Number(i)]!);
}

const QUOTE_ALL = /^(?:>>>|&gt;&gt;&gt;)[ \t]?/;
const QUOTE_LINE = /^(?:>|&gt;)[ \t]?/;

/** Text outside code blocks: `>>>` quotes the rest, `>` quotes a line; newlines are breaks. */
function paragraphs(text: string, names: Names): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let quoted: string[] = [];
  const flushQuote = () => {
    if (quoted.length) out.push(`<blockquote>${quoted.join('<br>')}</blockquote>`);
    quoted = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (QUOTE_ALL.test(line)) {
      flushQuote();
      const rest = [line.replace(QUOTE_ALL, ''), ...lines.slice(i + 1)];
      out.push(`<blockquote>${rest.map((l) => inline(l, names)).join('<br>')}</blockquote>`);
      return out.join('');
    }
    if (QUOTE_LINE.test(line)) {
      quoted.push(inline(line.replace(QUOTE_LINE, ''), names));
      continue;
    }
    flushQuote();
    out.push(inline(line, names) + (i < lines.length - 1 ? '<br>' : ''));
  }
  flushQuote();
  return out.join('');
}

/**
 * Slack mrkdwn as safe HTML: bold, italic, strike, inline code and code blocks, quotes, links
 * (http, https and mailto only), user and channel mentions named from the directory, emoji
 * shortcodes and line breaks. Everything else is text, escaped.
 */
export function renderMrkdwn(text: string, names: Names = NO_NAMES): string {
  const parts = text.replace(/[\uE000\uE001]/g, '\uFFFD').split('```');
  // An unclosed fence is text, as in Slack.
  if (parts.length % 2 === 0) {
    const rest = parts.pop()!;
    parts.push(`${parts.pop()!}\`\`\`${rest}`);
  }
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return `<pre>${plain(part.replace(/^\n/, ''))}</pre>`;
      // A code block is a block of its own: the line breaks beside it are not drawn again.
      const afterCode = i > 0 ? part.replace(/^\n/, '') : part;
      return paragraphs(i < parts.length - 1 ? afterCode.replace(/\n$/, '') : afterCode, names);
    })
    .join('');
}

/** A `plain_text` object's text: escaped, emoji drawn (Slack's `emoji: true` is the default). */
export function renderPlainText(text: string): string {
  return emojify(escapeHtml(text));
}
