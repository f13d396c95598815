import { isOpen, type DealRegistration } from '../../domain/registration';
import { getPartner } from '../../store/partners';
import { listRegistrations } from '../../store/registrations';
import { crmDealLinks, crmRecordLinks } from '../../usecases/crmRecordLinks';
import { SHOWN_AT_MOST, dealsBehindReport } from '../../usecases/analytics';
import { describeDrillDown, withFilters, type DrillDown } from '../dashboard/drillDown';
import { dealsTable } from './dealsTable';
import { partnerHealthReport, type PartnerHealthReport } from '../../usecases/partnerHealth';
import { escapeHtml as e, htmlPage } from '../pages/layout';
import type { RecordPageContext } from './context';
import { crmLinks, day, link, money, pill, section, table } from './parts';
import { recordPaths } from '../../domain/recordPaths';

/** Open registrations shown per status (the latest first); the page says so when a partner has more. */
const SHOWN_PER_STATUS = 50;

function health(h: PartnerHealthReport): string {
  if (!h.scored) return `<p class="muted">${e(h.reasons.join('; '))}</p>`;
  const components = h.components
    .map((c) => `<tr><th>${e(c.component)}</th><td>${c.value === null ? '<span class="muted">no data</span>' : `${c.value}/100`} <span class="muted">(${Math.round(c.effectiveWeight)}% of the score)</span><br>${e(c.explanation)}</td></tr>`)
    .join('');
  const risk = h.atRisk ? `${pill('at_risk')} ${e(h.reasons.join('; '))}` : pill('healthy');
  return `${table([
    ['Score', h.score === null ? '<span class="muted">no data yet</span>' : `${h.score}/100${h.previousScore === null ? '' : ` <span class="muted">(was ${h.previousScore})</span>`}`],
    ['Risk', risk],
    ['How it is made', e(h.summary)],
  ])}<table>${components}</table>`;
}

function registrationRows(list: DealRegistration[], none = 'No open registrations.'): string {
  if (list.length === 0) return `<p class="muted">${e(none)}</p>`;
  const rows = list.map(
    (r) =>
      `<tr><td>${link(recordPaths.registration(r.id), r.customer.name)}</td><td>${e(money(r.amount, r.currency))}</td><td>${pill(r.status)}</td><td>submitted ${day(r.submittedAt)}${r.protectionExpiresAt ? `, protected until ${day(r.protectionExpiresAt)}` : ''}</td></tr>`,
  );
  return `<table>${rows.join('')}</table>`;
}

const submittedIn = ({ filters: f }: DrillDown) => (f.from || f.to ? `submitted ${f.from ?? 'any time'} to ${f.to ?? 'any time'}` : 'submitted any time');

/**
 * A partner as a manager sees it: profile, health explained, its open registrations, and the deals
 * and registrations of the dashboard's filters it was opened with; null when the tenant has no such partner.
 */
export async function partnerPage(ctx: RecordPageContext, id: string): Promise<string | null> {
  const { db, clock } = ctx.deps;
  const tenantId = ctx.tenant.id;
  const partner = await getPartner(db, tenantId, id);
  if (!partner) return null;
  const { drillDown } = ctx;
  const { filters: f } = drillDown;
  const [report, links, pending, approved, inPeriod, deals] = await Promise.all([
    partnerHealthReport(ctx.deps, ctx.actor, id),
    crmRecordLinks(db, ctx.web, tenantId, 'partner', [id]),
    listRegistrations(db, tenantId, { partnerId: id, status: 'pending', limit: SHOWN_PER_STATUS }),
    listRegistrations(db, tenantId, { partnerId: id, status: 'approved', limit: SHOWN_PER_STATUS }),
    listRegistrations(db, tenantId, { partnerId: id, submittedFrom: f.from, submittedTo: f.to, currency: f.currency, limit: SHOWN_PER_STATUS }),
    dealsBehindReport(ctx.deps, ctx.actor, f, { partnerId: id, outcome: drillDown.outcome }),
  ]);
  const dealLinks = await crmDealLinks(db, ctx.web, tenantId, deals.deals);
  const registered = inPeriod?.data ?? [];
  const open = [...(pending?.data ?? []), ...(approved?.data ?? [])].filter((r) => isOpen(r, clock.now()));
  const more = pending?.nextCursor || approved?.nextCursor ? `<p class="muted">Showing the latest ${SHOWN_PER_STATUS} per status.</p>` : '';
  return htmlPage(
    partner.name,
    `<p><a href="${e(withFilters('/dashboard', drillDown.carried, { from: null, to: null, outcome: null }))}">← Back to the dashboard</a></p>` +
      `<section><h1>${e(partner.name)} ${pill(partner.status)}</h1>${table([
      ['Tier', e(partner.tier)],
      ['Region', `${e(partner.region)} · ${e(partner.country)}`],
      ['Domain', partner.domain ? e(partner.domain) : '<span class="muted">none</span>'],
      ['Specialties', partner.specialties.length > 0 ? e(partner.specialties.join(', ')) : '<span class="muted">none</span>'],
      ['Partner manager', partner.managerEmail ? e(partner.managerEmail) : '<span class="muted">none</span>'],
      ['In the CRM', crmLinks(links.get(id)!)],
    ])}</section>${section('Health', health(report.health))}` +
      `<section data-testid="partner-deals"><h2>${e(describeDrillDown(drillDown))}</h2>${dealsTable(deals, dealLinks, (p) => withFilters(recordPaths.partner(p), drillDown.carried), SHOWN_AT_MOST)}</section>` +
      section(`Registrations ${submittedIn(drillDown)}${f.currency ? `, in ${f.currency}` : ''} (${registered.length}${inPeriod?.nextCursor ? '+' : ''})`, registrationRows(registered, 'No registrations in this period.')) +
      section(`Open registrations (${open.length})`, registrationRows(open) + more),
    ctx.signedIn,
  );
}
