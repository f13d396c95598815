import { ROLE_LABELS, type Role } from '../../domain/access';
import { awaitingLine } from '../../domain/approver';
import { conflictChoiceLabels, type ConflictChoice } from '../../domain/conflicts';
import { detailsRequestState, type DetailsRequest } from '../../domain/detailsRequest';
import { REGIONS } from '../../domain/partner';
import { recordPaths } from '../../domain/recordPaths';
import type { ApprovalInbox, InboxFilters, InboxItem, InboxSide } from '../../usecases/approvalInbox';
import { escapeHtml as e, htmlPage, type SignedInLine } from '../pages/layout';
import { day, evidence, link, money, partnerLink, pill, table } from '../records/parts';

/** A form the inbox refused: the item it was for, what was typed (kept, so nothing is lost) and why. */
export interface RefusedForm {
  itemId: string;
  field: 'reason' | 'question' | 'choice';
  value: string;
  error: string;
}

export interface InboxPageModel {
  inbox: ApprovalInbox;
  filters: InboxFilters;
  now: Date;
  role: Role;
  formToken: string;
  signedIn: SignedInLine;
  notice?: { kind: 'ok' | 'error'; text: string };
  refused?: RefusedForm;
}

/** The filters as hidden fields, so an action comes back to the same view. */
function keptFilters(f: InboxFilters): string {
  const fields: [string, string | undefined][] = [
    ['kind', f.kind],
    ['region', f.region],
    ['partner', f.partnerId],
    ['mine', f.mine ? '1' : undefined],
  ];
  return fields
    .filter(([, v]) => v !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${e(value)}">`)
    .join('');
}

function actionForm(m: InboxPageModel, action: string, inner: string, label?: string): string {
  return `<form method="post" action="${e(action)}"${label ? ` aria-label="${e(label)}"` : ''}><input type="hidden" name="csrf" value="${e(m.formToken)}">${keptFilters(m.filters)}${inner}</form>`;
}

const refusedFor = (m: InboxPageModel, itemId: string, field: RefusedForm['field']) => (m.refused?.itemId === itemId && m.refused.field === field ? m.refused : null);
const refusalNote = (refused: RefusedForm | null, id: string) => (refused ? `<p class="notice error" id="${id}-error">${e(refused.error)}</p>` : '');

/** A text box that must be filled in, showing again what was typed and why it was refused. */
function requiredText(m: InboxPageModel, itemId: string, field: 'reason' | 'question', label: string): string {
  const id = `${field}-${itemId}`;
  const refused = refusedFor(m, itemId, field);
  const error = refusalNote(refused, id);
  const described = refused ? ` aria-invalid="true" aria-describedby="${id}-error"` : '';
  return `<label for="${id}">${e(label)}</label>${error}<textarea id="${id}" name="${field}" rows="2" maxlength="2000" required${described}>${e(refused?.value ?? '')}</textarea>`;
}

/** "Details requested by Jane Park · emailed to …", as the Slack alert says it, with the question. */
const detailsRow = (d: DetailsRequest): [string, string] => [
  'Details requested',
  `<span data-testid="details-request">by ${e(d.requestedByName)} · ${e(detailsRequestState(d))}</span><blockquote>${e(d.question)}</blockquote>`,
];

function sideRows(s: InboxSide): [string, string][] {
  const r = s.registration;
  return [
    ['Partner', `${partnerLink(s.partner)} <span class="muted">${e(s.partner.tier)} · ${e(s.partner.region)}</span>`],
    ['Customer', `${link(recordPaths.registration(r.id), r.customer.name)}${r.customer.domain ? ` <span class="muted">(${e(r.customer.domain)})</span>` : ''}`],
    ['Amount', e(money(r.amount, r.currency))],
    ['Products', e(r.products.join(', '))],
    ['Expected close', e(r.expectedCloseDate)],
    ['Region', e(r.region)],
    ['Submitted', day(r.submittedAt)],
    ['Status', pill(r.status)],
    ...(s.detailsRequest ? [detailsRow(s.detailsRequest)] : []),
  ];
}

const waiting = (item: InboxItem, now: Date) => `<p data-testid="awaiting"><strong>${e(awaitingLine(item.awaiting.approver, item.awaiting.waitingSince, now))}</strong></p>`;

function registrationCard(m: InboxPageModel, item: Extract<InboxItem, { kind: 'registration' }>): string {
  const r = item.side.registration;
  const base = `/inbox/registrations/${r.id}`;
  const conflicts = item.openConflicts > 0 ? `<p class="muted">In ${item.openConflicts} open ${item.openConflicts === 1 ? 'conflict' : 'conflicts'} with another partner’s registration (below).</p>` : '';
  const actions = item.mayDecide
    ? `<div class="actions">${actionForm(m, `${base}/approve`, `<button type="submit">Approve</button>`, `Approve ${r.customer.name}`)}${actionForm(
        m,
        `${base}/reject`,
        `${requiredText(m, r.id, 'reason', 'Why is it rejected? The partner sees this.')} <button type="submit" class="secondary">Reject</button>`,
        `Reject ${r.customer.name}`,
      )}</div>`
    : '';
  return `<section data-testid="inbox-item" data-kind="registration" data-id="${e(r.id)}"><h2>${e(r.customer.name)} <span class="muted">registered by ${e(item.side.partner.name)}</span></h2>${waiting(item, m.now)}${table(sideRows(item.side))}${conflicts}${actions}</section>`;
}

function conflictCard(m: InboxPageModel, item: Extract<InboxItem, { kind: 'conflict' }>): string {
  const c = item.conflict;
  const kind = c.kind === 'cross_region' ? 'Cross-region channel conflict' : 'Channel conflict';
  const customer = item.newer.registration.customer.name;
  const labels = conflictChoiceLabels(
    { partnerName: item.earlier.partner.name, status: item.earlier.registration.status },
    { partnerName: item.newer.partner.name, status: item.newer.registration.status },
  );
  const choice = (value: ConflictChoice, index: number) =>
    `<label class="choice"><input type="radio" name="choice" value="${value}"${index === 0 ? ' required' : ''}> ${e(labels[value])}</label>`;
  const base = `/inbox/conflicts/${c.id}`;
  const actions = item.mayDecide
    ? `<div class="actions">${actionForm(m, `${base}/resolve`, `<fieldset><legend>Who keeps ${e(customer)}?</legend>${refusalNote(refusedFor(m, c.id, 'choice'), `choice-${c.id}`)}${item.choices.map(choice).join('')}</fieldset><button type="submit">Resolve</button>`, `Resolve the conflict on ${customer}`)}${actionForm(
        m,
        `${base}/ask`,
        `${requiredText(m, c.id, 'question', 'Ask for details: whoever registered each pending side is emailed your question')} <button type="submit" class="secondary">Ask for details</button>`,
        `Ask about ${customer}`,
      )}</div>`
    : '';
  const sides = `<table><tr><th scope="col">Earlier registration</th><th scope="col">Newer registration</th></tr><tr><td>${table(sideRows(item.earlier))}</td><td>${table(sideRows(item.newer))}</td></tr></table>`;
  return `<section data-testid="inbox-item" data-kind="conflict" data-id="${e(c.id)}"><h2>${link(recordPaths.conflict(c.id), `${kind} on ${customer}`)} <span class="muted">${e(item.earlier.partner.name)} vs ${e(item.newer.partner.name)}</span></h2>${waiting(item, m.now)}<p>${evidence(c)}</p>${sides}${actions}</section>`;
}

function option(value: string, label: string, selected: string | undefined): string {
  return `<option value="${e(value)}"${selected === value ? ' selected' : ''}>${e(label)}</option>`;
}

function filterForm(m: InboxPageModel): string {
  const f = m.filters;
  const select = (id: string, label: string, all: string, options: [string, string][], selected: string | undefined) =>
    `<span><label for="${id}">${e(label)}</label><select id="${id}" name="${id}">${option('', all, selected ?? '')}${options.map(([v, l]) => option(v, l, selected)).join('')}</select></span>`;
  return `<form method="get" action="/inbox" class="filters" aria-label="Filters">
${select('kind', 'Show', 'Registrations and conflicts', [['registrations', 'Registrations'], ['conflicts', 'Conflicts']], f.kind)}
${select('region', 'Region', 'Every region', REGIONS.map((r) => [r, r]), f.region)}
${select('partner', 'Partner', 'Every partner', m.inbox.partners.map((p) => [p.id, p.name]), f.partnerId)}
<label class="choice"><input type="checkbox" id="mine" name="mine" value="1"${f.mine ? ' checked' : ''}> Only waiting for me</label>
<button type="submit">Filter</button> <a href="/inbox">Clear</a></form>`;
}

/**
 * The approval inbox: what waits for a decision, the longest-waiting first, with the same
 * decisions Slack offers as forms. Readers who may not decide see it without the forms.
 */
export function renderInboxPage(m: InboxPageModel): string {
  const notice = m.notice ? `<div class="notice${m.notice.kind === 'error' ? ' error' : ''}" role="${m.notice.kind === 'error' ? 'alert' : 'status'}">${e(m.notice.text)}</div>` : '';
  const readOnly = m.inbox.items.some((i) => !i.mayDecide)
    ? `<p class="muted">You are signed in as ${e(ROLE_LABELS[m.role])}: items you may not decide are shown without their actions.</p>`
    : '';
  const truncated = m.inbox.truncated ? '<p class="muted">Only the oldest 500 of each kind are shown.</p>' : '';
  const filtered = m.inbox.items.length === m.inbox.waitingCount ? '' : ` <span class="muted">(${m.inbox.items.length} shown by the filters)</span>`;
  const list =
    m.inbox.items.length > 0
      ? m.inbox.items.map((item) => (item.kind === 'registration' ? registrationCard(m, item) : conflictCard(m, item))).join('')
      : `<section><p data-testid="empty">${m.inbox.waitingCount === 0 ? 'Nothing waits for a decision.' : 'Nothing matches these filters.'}</p></section>`;
  return htmlPage(
    'Approval inbox',
    `${notice}<section><h1>Approval inbox: ${m.inbox.waitingCount} waiting${filtered}</h1><p class="muted">Pending registrations and open conflicts, the longest-waiting first.</p>${readOnly}${truncated}${filterForm(m)}</section>${list}`,
    m.signedIn,
  );
}
