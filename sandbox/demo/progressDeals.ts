import type { Emulators } from './apps';
import type { DemoData } from './data';
import { adminCall, DEMO_PORTAL } from './seedCrms';

const COMPANIES = '0-2';
const DEALS = '0-3';
const CLOSED = new Set(['closedwon', 'closedlost']);

/**
 * What Northwind's sales team did in HubSpot after the partners registered: opened a deal for
 * each approved registration (partner-sourced; half of them already won) and moved most open
 * deals of customers with a pending registration to won or lost (partner-influenced). Entered
 * through the emulator's admin endpoint, as CRM users would; the deal sweep reads it like any change.
 */
export async function progressHubSpotDeals(emulators: Emulators, data: DemoData, today: Date): Promise<void> {
  const base = `${emulators.hubspot.url}/_admin/portals/${DEMO_PORTAL.id}`;
  const portal = emulators.hubspot.state.portals[String(DEMO_PORTAL.id)]!;
  const companies = Object.values(portal.records[COMPANIES] ?? {});
  const deals = Object.values(portal.records[DEALS] ?? {});
  const closeDate = today.toISOString().slice(0, 10);
  for (const [k, r] of data.registrations.entries()) {
    const company = r.customer.domain ? companies.find((c) => c.properties.domain === r.customer.domain) : undefined;
    if (!company) continue;
    if (r.decision === 'approve') {
      const won = k % 2 === 0;
      const properties = { dealname: `${r.customer.name} – ${r.products[0]} (registered by a partner)`, amount: String(r.amount), dealstage: won ? 'closedwon' : 'contractsent', pipeline: 'default', closedate: won ? closeDate : r.expectedCloseDate };
      const deal = await adminCall(`${base}/objects/deals`, 'POST', { properties });
      await adminCall(`${base}/associations/deals/${deal.id}/companies/${company.id}`, 'PUT');
    } else if (!r.decision && k % 4 !== 3) {
      const open = deals.find((d) => d.properties.dealname?.startsWith(`${r.customer.name} – `) && !CLOSED.has(d.properties.dealstage ?? ''));
      if (open) await adminCall(`${base}/objects/deals/${open.id}`, 'PATCH', { properties: { dealstage: k % 4 === 1 ? 'closedlost' : 'closedwon', closedate: closeDate } });
    }
  }
}
