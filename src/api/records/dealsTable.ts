import type { DealsBehind } from '../../store/analytics/dealsBehind';
import type { CrmRecordLink } from '../../usecases/crmRecordLinks';
import { escapeHtml as e } from '../pages/layout';
import { crmLinks, link, money, pill } from './parts';

/** An amount in its currency; a deal without a code is in the CRM's company currency, which Trellis is not told. */
export const dealMoney = (amount: number, currency: string | null) =>
  currency ? money(amount, currency) : `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(amount)} (CRM company currency)`;

/**
 * The deals behind a figure, each with its CRM record and the partners who touched it, and a
 * total per currency, never one sum across currencies. Amounts carry `data-amount` and
 * `data-currency`, so what a reader adds up is what the page says.
 */
export function dealsTable(result: DealsBehind, crm: Map<string, CrmRecordLink>, partnerHref: (id: string) => string, shownAtMost: number): string {
  if (result.deals.length === 0) return '<p class="muted" data-testid="no-deals">No deals match these filters.</p>';
  const rows = result.deals.map(
    (d) =>
      `<tr data-testid="deal"><td>${e(d.name)}<br>${crm.has(d.id) ? crmLinks([crm.get(d.id)!]) : `<span class="muted">${e(d.crm)} deal ${e(d.crmId)}, no CRM connection to open it</span>`}</td>` +
      `<td data-amount="${d.amount}" data-currency="${e(d.currency ?? '')}">${e(dealMoney(d.amount, d.currency))}</td>` +
      `<td>${pill(d.outcome)}</td><td>${d.closeDate ? `closes ${e(d.closeDate)}` : '<span class="muted">no close date</span>'}</td>` +
      `<td>${d.partners.map((p) => link(partnerHref(p.id), p.name)).join(', ')}</td></tr>`,
  );
  const totals = result.totals.map(
    (t) =>
      `<tr data-testid="deals-total"><th>Total${t.currency ? ` in ${e(t.currency)}` : ''}</th><td data-amount="${t.amount}" data-currency="${e(t.currency ?? '')}"><strong>${e(dealMoney(t.amount, t.currency))}</strong></td><td colspan="3">${t.deals} ${t.deals === 1 ? 'deal' : 'deals'}</td></tr>`,
  );
  const shown = result.totals.reduce((n, t) => n + t.deals, 0) > result.deals.length ? `<p class="muted">Showing the ${shownAtMost} largest; the totals count every deal.</p>` : '';
  return `<table><thead><tr><th>Deal</th><th>Amount</th><th>Outcome</th><th>Close</th><th>Partners</th></tr></thead><tbody>${rows.join('')}</tbody><tfoot>${totals.join('')}</tfoot></table>${shown}`;
}
