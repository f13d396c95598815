import type { CrmWeb } from '../../domain/crmRecordUrl';
import { recordPaths } from '../../domain/recordPaths';
import { SHOWN_AT_MOST, dealsBehindReport } from '../../usecases/analytics';
import type { Actor, Deps } from '../../usecases/context';
import { crmDealLinks } from '../../usecases/crmRecordLinks';
import { escapeHtml as e, htmlPage, type SignedInLine } from '../pages/layout';
import { dealsTable } from '../records/dealsTable';
import { describeDrillDown, withFilters, type DrillDown } from './drillDown';

/**
 * The deals behind a chart's figure that stands for many partners (a region, a tier, a month):
 * each with the partners who touched it, linking to their pages with the same filters.
 */
export async function renderDealsPage(deps: Deps, web: CrmWeb, actor: Actor, signedIn: SignedInLine, drillDown: DrillDown): Promise<string> {
  const deals = await dealsBehindReport(deps, actor, drillDown.filters, { partnerId: null, outcome: drillDown.outcome });
  const links = await crmDealLinks(deps.db, web, actor.tenantId, deals.deals);
  const title = describeDrillDown(drillDown);
  const back = withFilters('/dashboard', drillDown.carried, { from: null, to: null, outcome: null });
  return htmlPage(
    title,
    `<p><a href="${e(back)}">← Back to the dashboard</a></p><section data-testid="deals-behind"><h1>${e(title)}</h1>${dealsTable(deals, links, (id) => withFilters(recordPaths.partner(id), drillDown.carried), SHOWN_AT_MOST)}</section>`,
    signedIn,
  );
}
