import { ROLE_LABELS, type Role } from '../../domain/access';

/** The few server-rendered pages (install results, settings): one small stylesheet, no scripts. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const BASE_STYLE = `
:root { --ink: #1f2a37; --muted: #5b6776; --line: #e3e7ee; --accent: #2f6f4f; --warn: #a4411b; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 14px 32px; display: flex; gap: 12px; align-items: baseline; }
header strong { font-size: 18px; color: var(--accent); }
header nav a { margin-right: 12px; }
header .who { margin-left: auto; color: var(--muted); font-size: 14px; }
button.link { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline; font-size: inherit; }
main { max-width: 860px; margin: 28px auto; padding: 0 20px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px; margin-bottom: 20px; }
h1 { font-size: 22px; margin: 0 0 16px; } h2 { font-size: 16px; margin: 0 0 12px; }
table { width: 100%; border-collapse: collapse; } td, th { text-align: left; padding: 8px 6px; border-top: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 500; width: 22%; }
.pill { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 13px; background: #eef1f5; color: var(--muted); }
.pill.active { background: #e3f3ea; color: var(--accent); } .pill.error, .pill.disconnected { background: #fbe9e2; color: var(--warn); }
label { display: block; margin: 10px 0 4px; color: var(--muted); }
input, select, textarea { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; min-width: 260px; }
button, .button { font: inherit; padding: 7px 14px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
form.inline { display: inline; }
label.choice { display: inline-flex; align-items: center; gap: 4px; margin: 4px 14px 4px 0; color: inherit; }
label.choice input { min-width: 0; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 10px 0; padding: 4px 10px; } legend { color: var(--muted); }
td select { min-width: 0; max-width: 100%; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.notice { padding: 10px 14px; border-radius: 6px; background: #e3f3ea; margin-bottom: 16px; }
.notice.error { background: #fbe9e2; color: var(--warn); }
code.secret { display: block; padding: 10px; background: #fffbe6; border: 1px solid #f0e1a0; border-radius: 6px; word-break: break-all; }
.muted { color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; gap: 12px 28px; margin-top: 12px; align-items: flex-end; }
form.filters span { display: inline-block; margin-right: 12px; } form.filters select { min-width: 0; }
`;

/** Who a page is shown to, for the header's "Signed in as … · Sign out"; `formToken` proves the sign-out came from the page. */
export interface SignedInLine {
  email: string;
  role: Role;
  formToken: string;
  /** How many items wait in the person's approval inbox; given, the header links the dashboard and the inbox. */
  inboxCount?: number;
}

function navigation(inboxCount: number | undefined): string {
  if (inboxCount === undefined) return '';
  return `<nav aria-label="Main"><a href="/dashboard">Dashboard</a> <a href="/inbox">Inbox <span class="pill" data-testid="inbox-count">${inboxCount}<span class="visually-hidden"> waiting</span></span></a></nav>`;
}

export function signedInHeader(line: SignedInLine | undefined): string {
  if (!line) return '';
  return `${navigation(line.inboxCount)}<span class="who">Signed in as ${escapeHtml(line.email)} (${escapeHtml(ROLE_LABELS[line.role])}) · <form class="inline" method="post" action="/signout"><input type="hidden" name="csrf" value="${escapeHtml(line.formToken)}"><button class="link">Sign out</button></form></span>`;
}

/** A page; pages shown to a signed-in person pass `signedIn` to say who they are and offer signing out. */
export function htmlPage(title: string, body: string, signedIn?: SignedInLine): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Trellis</title><style>${BASE_STYLE}</style></head>
<body><header><strong>Trellis</strong><span class="muted">Partner relationship management</span>${signedInHeader(signedIn)}</header><main>${body}</main></body></html>`;
}

/** A page that explains what went wrong and what to do; nothing technical. */
export function messagePage(title: string, message: string): string {
  return htmlPage(title, `<section><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></section>`);
}
