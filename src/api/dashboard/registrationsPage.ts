import { recordPaths } from '../../domain/recordPaths';
import { registrationsBehindReport, SHOWN_AT_MOST } from '../../usecases/analytics';
import type { Actor, Deps } from '../../usecases/context';
import { escapeHtml as e, htmlPage, type SignedInLine } from '../pages/layout';
import { day, link, money, pill } from '../records/parts';
import { withFilters, type DrillDown } from './drillDown';

/**
 * The registrations behind a point of the weekly registrations chart: those the filters' partners
 * submitted in the week, each opening its record and its partner's page with the same filters.
 */
export async function renderRegistrationsPage(deps: Deps, actor: Actor, signedIn: SignedInLine, drillDown: DrillDown): Promise<string> {
  const registrations = await registrationsBehindReport(deps, actor, drillDown.filters);
  const f = drillDown.filters;
  const partners = [f.region, f.tier].filter(Boolean).join(' · ');
  const title = `Registrations${partners ? ` of ${partners} partners` : ''} submitted ${f.from ?? 'any time'} to ${f.to ?? 'any time'}`;
  const rows = registrations.map(
    (r) =>
      `<tr data-testid="registration"><td>${link(recordPaths.registration(r.id), r.customer)}</td><td>${link(withFilters(recordPaths.partner(r.partner.id), drillDown.carried), r.partner.name)}</td>` +
      `<td>${e(money(r.amount, r.currency))}</td><td>${pill(r.status)}</td><td>submitted ${day(r.submittedAt)}</td></tr>`,
  );
  const body =
    rows.length === 0
      ? '<p class="muted">No registrations were submitted then.</p>'
      : `<table>${rows.join('')}</table>${rows.length === SHOWN_AT_MOST ? `<p class="muted">Showing the latest ${SHOWN_AT_MOST}.</p>` : ''}`;
  const back = withFilters('/dashboard', drillDown.carried, { from: null, to: null, outcome: null });
  return htmlPage(title, `<p><a href="${e(back)}">← Back to the dashboard</a></p><section data-testid="registrations-behind"><h1>${e(title)}</h1>${body}</section>`, signedIn);
}
