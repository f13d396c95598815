import type { Emulators } from './apps';
import type { DemoData, DemoRegistration } from './data';
import { adminCall, DEMO_PORTAL, HUBSPOT_STAGES, inParallel, LAST_OPEN_STAGE } from './seedCrms';

const COMPANIES = '0-2';
const DEALS = '0-3';

/** The deal a partner's approved registration became: opened on approval, closed when the registration closed. */
function registeredDeal(r: DemoRegistration, today: Date): Record<string, string> {
  const slipped = !r.outcome && r.expectedCloseDate < today.toISOString().slice(0, 10);
  // Never closed within the protection window: the deal slipped away and the registration expired.
  const dealstage = r.outcome === 'won' ? 'closedwon' : r.outcome === 'lost' || slipped ? 'closedlost' : 'contractsent';
  const closedate = r.closedAt?.slice(0, 10) ?? r.expectedCloseDate;
  return { dealname: `${r.customer.name} – ${r.products[0]} (registered by a partner)`, amount: String(r.amount), dealstage, pipeline: 'default', createdate: r.decidedAt!, closedate };
}

/**
 * What Northwind's sales team did in HubSpot over the year, entered after Trellis is installed
 * through the emulator's admin endpoint, as CRM users would; the deal sweep reads it like any
 * change. Deals whose cycle ran are closed won or lost (HubSpot is where the team works its
 * deals, so its copy is the one modified last and counted), and each approved registration got
 * a deal of its own (partner-sourced), won or lost as the registration was.
 */
export async function progressHubSpotDeals(emulators: Emulators, data: DemoData, today: Date): Promise<void> {
  const base = `${emulators.hubspot.url}/_admin/portals/${DEMO_PORTAL.id}`;
  const portal = emulators.hubspot.state.portals[String(DEMO_PORTAL.id)]!;
  const companies = new Map(Object.values(portal.records[COMPANIES] ?? {}).map((c) => [c.properties.domain, c.id]));
  const dealIds = new Map(Object.values(portal.records[DEALS] ?? {}).map((d) => [d.properties.dealname, d.id]));
  const closed = data.deals.filter((d) => d.stage > LAST_OPEN_STAGE && dealIds.has(d.name));
  await inParallel(closed, 16, (d) => adminCall(`${base}/objects/deals/${dealIds.get(d.name)}`, 'PATCH', { properties: { dealstage: HUBSPOT_STAGES[d.stage]! } }));
  const registered = data.registrations.filter((r) => r.decision?.kind === 'approve' && companies.has(r.customer.domain));
  await inParallel(registered, 16, async (r) => {
    const deal = await adminCall(`${base}/objects/deals`, 'POST', { properties: registeredDeal(r, today) });
    await adminCall(`${base}/associations/deals/${deal.id}/companies/${companies.get(r.customer.domain)}`, 'PUT');
  });
}
