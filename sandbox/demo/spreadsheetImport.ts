import type { Random } from '../shared/random';
import type { DemoCustomer, DemoPartner, DemoRegistration } from './data';
import { between, pick, roundTo } from './draw';
import { addDays, isoDate } from './timeline';

/** How many rows the partner's spreadsheet held: more than the alert digest threshold (10) on their own. */
const ROWS = 15;
/** When the import ran, before the sandbox started. */
const MINUTES_AGO = 40;
/** The portal saves one row every few seconds. */
const SECONDS_PER_ROW = 4;

/**
 * Today's burst: within the last hour the EMEA platinum partner imported its pipeline from a
 * spreadsheet into the partner portal, so fifteen registrations arrived within a minute, all
 * still waiting for a decision. Their alerts come at once, and the alert pipeline folds the
 * ones past its threshold into one digest message rather than flooding #partner-alerts.
 * Each row is a customer nobody registered before, so the import raises no channel conflict.
 */
export function spreadsheetImport(random: Random, partners: DemoPartner[], customers: DemoCustomer[], earlier: DemoRegistration[], today: Date, products: readonly string[]): DemoRegistration[] {
  const partner = partners.findIndex((p) => p.region === 'EMEA' && p.tier === 'platinum');
  const registered = new Set(earlier.map((r) => r.customer.name));
  const started = today.getTime() - MINUTES_AGO * 60_000;
  return customers
    .filter((c) => !registered.has(c.name))
    .slice(0, ROWS)
    .map((customer, row) => ({
      partner,
      customer: { name: customer.name, domain: customer.domain, country: customer.country },
      products: [pick(random, products)],
      amount: roundTo(25_000 + random() * 200_000, 500),
      expectedCloseDate: isoDate(addDays(today, between(random, [45, 150]))),
      submittedAt: new Date(started + row * SECONDS_PER_ROW * 1000).toISOString(),
    }));
}
