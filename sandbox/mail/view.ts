import express from 'express';
import { escapeHtml } from '../slack/html';
import type { CaughtMail } from './catcher';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2a37;max-width:1000px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-top:1px solid #e3e7ee}
.meta{color:#5b6776}iframe{width:100%;height:480px;border:1px solid #e3e7ee;border-radius:6px}pre{white-space:pre-wrap;background:#f6f8fa;padding:12px;border-radius:6px}`;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;

function listPage(mails: CaughtMail[]): string {
  const rows = mails
    .slice()
    .reverse()
    .map(
      (m) =>
        `<tr><td class="meta">${m.receivedAt.toISOString().slice(0, 19).replace('T', ' ')}</td><td>${escapeHtml(m.to.join(', '))}</td>` +
        `<td><a href="/mail/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('');
  const body = mails.length > 0 ? `<table><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows}</table>` : '<p class="meta">No mail yet. Ask for details from a Slack alert and the mail appears here.</p>';
  return page('Sandbox mail', `<h1>Mail sent by Trellis</h1><p class="meta">Every mail Trellis sends in the sandbox lands here; none leaves this machine.</p>${body}`);
}

/** One mail: its envelope, the HTML part as a mail client would show it (sandboxed, no scripts), and the text part. */
function messagePage(m: CaughtMail): string {
  const html = m.html ? `<h2>HTML</h2><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(m.html)}" title="HTML part"></iframe>` : '';
  return page(
    m.subject,
    `<p><a href="/mail">← All mail</a></p><h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<p class="meta">From ${escapeHtml(m.from)} to ${escapeHtml(m.to.join(', '))} · ${m.receivedAt.toISOString()}</p>${html}<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>`,
  );
}

/** The sandbox's mail view: `/mail` lists what arrived, `/mail/<id>` shows one, `/mail/messages.json` for scripts and tests. */
export function mailView(messages: () => CaughtMail[]): express.Express {
  const app = express();
  app.get('/', (_req, res) => res.redirect('/mail'));
  app.get('/mail', (_req, res) => {
    res.type('html').send(listPage(messages()));
  });
  app.get('/mail/messages.json', (_req, res) => {
    res.json(messages());
  });
  app.get('/mail/:id', (req, res) => {
    const found = messages().find((m) => String(m.id) === req.params.id);
    if (!found) res.status(404).type('html').send(page('Not found', '<p>No such mail. <a href="/mail">All mail</a></p>'));
    else res.type('html').send(messagePage(found));
  });
  return app;
}
