import { registrationSummary } from '../../domain/detailsRequest';
import type { AnswerLink } from '../../usecases/registrationDetails';
import { escapeHtml, htmlPage, messagePage } from './layout';

type Linked = Extract<AnswerLink, { request: unknown }>;

function question(l: Linked): string {
  const rows = registrationSummary(l.registration, l.partner.name)
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  return `<section><h1>A question about the registration for ${escapeHtml(l.registration.customer.name)}</h1>
<p>${escapeHtml(l.request.requestedByName)} asks:</p>
<blockquote style="white-space:pre-wrap;border-left:3px solid var(--accent);margin:0 0 16px;padding:4px 12px">${escapeHtml(l.request.question)}</blockquote>
<table>${rows}</table></section>`;
}

/** The question and a box to answer it; `problem` when the last try was refused (an empty answer). */
export function answerFormPage(l: Linked, action: string, problem?: string): string {
  const error = problem ? `<p class="notice error" role="alert">${escapeHtml(problem)}</p>` : '';
  return htmlPage(
    'Answer a question',
    `${question(l)}<section><h2>Your answer</h2>${error}
<form method="post" action="${escapeHtml(action)}"><label for="answer">Answering as ${escapeHtml(l.email)}</label>
<textarea id="answer" name="answer" rows="6" style="width:100%" maxlength="5000" required></textarea>
<p><button>Send answer</button></p></form>
<p class="muted">The link works once: after you send, it cannot be used again.</p></section>`,
  );
}

/** After sending, or for a link already spent: what was answered, by whom. */
export function answeredPage(l: Linked, justSaved: boolean): string {
  const answer = l.request.answer!;
  const head = justSaved
    ? '<p class="notice">Thank you: your answer was sent to the person who asked.</p>'
    : `<p class="notice error">This link was already used: the question was answered by ${escapeHtml(answer.by)} on ${answer.at.toISOString().slice(0, 10)}.</p>`;
  return htmlPage('Answer a question', `${head}${question(l)}<section><h2>Answer</h2><p style="white-space:pre-wrap">${escapeHtml(answer.text)}</p></section>`);
}

export const expiredLinkPage = () =>
  messagePage(
    'This link has expired',
    'Links to answer a question work for two weeks, and this one is older. The question may still be open: ask the person who sent it to ask again from Slack, and a new link will be mailed.',
  );

export const invalidLinkPage = () =>
  messagePage('This link is not valid', 'Trellis did not send this link, or it was changed on the way. Open the link from the mail exactly as it came.');
