import { join } from 'node:path';
import { readPackage, TRELLIS_PACKAGE_PROJECT } from '../salesforce/packageMetadata';
import type { Emulators } from './apps';
import type { DemoData } from './data';

/** The demo's fixed accounts, so a persisted sandbox finds them again after a restart. */
export const DEMO_PORTAL = { id: 24_681_357, domain: 'northwind-cloud.example.com', userEmail: 'admin@northwind-cloud.example.com' };
export const DEMO_ORG_NAME = 'Northwind Cloud';
export const DEMO_SLACK = { teamId: 'T0NORTHWND', adminId: 'U0DANAREYS', channelId: 'C0PRTALERT', channelName: 'partner-alerts' };

export const HUBSPOT_STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'];
/** Stages from 5 on are closed. */
export const LAST_OPEN_STAGE = 4;
const SALESFORCE_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];

/** Runs `work` over `items` with at most `limit` at a time, keeping the results in order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

export async function adminCall(url: string, method: string, body?: unknown): Promise<{ id?: string }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
  return res.status === 204 ? {} : ((await res.json()) as { id?: string });
}

/**
 * The customers and deals a sales team keeps in HubSpot, opened over the past year, entered
 * through the emulator's admin endpoint as CRM users would (before Trellis is installed, so no
 * webhooks fire).
 */
export async function seedHubSpot(emulators: Emulators, data: DemoData): Promise<void> {
  const hubspot = emulators.hubspot;
  hubspot.createPortal(DEMO_PORTAL);
  const base = `${hubspot.url}/_admin/portals/${DEMO_PORTAL.id}`;
  const companyIds = await inParallel(data.customers, 16, async (c) => {
    const properties = { name: c.name, domain: c.domain, country: c.country, industry: c.industry, numberofemployees: String(c.employees), annualrevenue: String(c.annualRevenue) };
    return (await adminCall(`${base}/objects/companies`, 'POST', { properties })).id!;
  });
  await inParallel(data.deals, 16, async (d) => {
    // A deal the team closed is entered as it stood before; closing it is the team's later work (`progressHubSpotDeals`).
    const stage = Math.min(d.stage, LAST_OPEN_STAGE);
    const properties = { dealname: d.name, amount: String(d.amount), dealstage: HUBSPOT_STAGES[stage]!, pipeline: 'default', createdate: `${d.createdDate}T09:00:00.000Z`, closedate: d.closeDate };
    const deal = await adminCall(`${base}/objects/deals`, 'POST', { properties });
    await adminCall(`${base}/associations/deals/${deal.id}/companies/${companyIds[d.customer]}`, 'PUT');
  });
}


/** The same customers and deals as Accounts and Opportunities of a Salesforce org, entered by its admin. */
export function seedSalesforce(emulators: Emulators, data: DemoData): string {
  const sf = emulators.salesforce;
  const org = sf.createOrg({
    name: DEMO_ORG_NAME,
    users: [{ username: 'admin@northwind-cloud.example.com', firstName: 'Dana', lastName: 'Reyes', email: 'dana.reyes@northwind.example.com' }],
  });
  // The admin installed the Trellis package: its objects and fields, read from the package source itself, under its namespace.
  sf.installPackage(org.id, readPackage(TRELLIS_PACKAGE_PROJECT));
  const accountIds = data.customers.map((c) =>
    sf.createRecord(org.id, 'Account', {
      Name: c.name,
      Website: `https://${c.domain}`,
      BillingCountry: c.country,
      Industry: c.industry === 'Transportation' ? 'Other' : c.industry,
      NumberOfEmployees: c.employees,
      AnnualRevenue: c.annualRevenue,
      Type: 'Customer - Channel',
    }),
  );
  for (const d of data.deals) {
    sf.createRecord(org.id, 'Opportunity', {
      Name: d.name,
      AccountId: accountIds[d.customer]!,
      Amount: d.amount,
      StageName: SALESFORCE_STAGES[d.stage]!,
      CloseDate: d.closeDate,
      LeadSource: 'Partner Referral',
    });
  }
  return org.id;
}

/** Northwind's Slack: the channel-sales team and the channel alerts go to. */
export function seedSlack(emulators: Emulators): void {
  const slack = emulators.slack;
  slack.createWorkspace({ id: DEMO_SLACK.teamId, name: 'Northwind Cloud', domain: 'northwind-cloud' });
  const people = [
    { id: DEMO_SLACK.adminId, name: 'dana.reyes', realName: 'Dana Reyes', isAdmin: true },
    { id: 'U0LUCASALM', name: 'lucas.almeida', realName: 'Lucas Almeida', isAdmin: false },
    { id: 'U0INGRIDLR', name: 'ingrid.larsen', realName: 'Ingrid Larsen', isAdmin: false },
    { id: 'U0KENJISAT', name: 'kenji.sato', realName: 'Kenji Sato', isAdmin: false },
    { id: 'U0SAMRIVER', name: 'sam.rivera', realName: 'Sam Rivera', isAdmin: false },
    { id: 'U0PRIYANAI', name: 'priya.nair', realName: 'Priya Nair', isAdmin: false },
    { id: 'U0TOMASORT', name: 'tomas.ortega', realName: 'Tomás Ortega', isAdmin: false },
  ];
  for (const p of people) slack.addUser({ team: DEMO_SLACK.teamId, ...p, email: `${p.name}@northwind.example.com` });
  slack.addChannel({
    team: DEMO_SLACK.teamId,
    id: DEMO_SLACK.channelId,
    name: DEMO_SLACK.channelName,
    members: people.map((p) => p.id),
    purpose: 'Deal registrations, conflicts and partner health alerts from Trellis',
  });
}
