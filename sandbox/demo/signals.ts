import type { Random } from '../shared/random';
import type { DemoCustomer, DemoDeal, DemoPartner } from './data';
import { between, pick, roundTo } from './draw';
import { TRAITS, type Traits } from './profiles';
import { addDays, addHours, daysAgo, HISTORY_DAYS, workingHour } from './timeline';

/**
 * What Northwind's other systems told Trellis about partners over the year (the LMS, PSAT
 * surveys, the help desk, the partner portal), and the co-selling and referrals of the channel
 * team: drawn per partner from its profile. Instants are ISO strings, all before "today".
 */
export interface DemoSignals {
  activity: Array<{ partner: number; kind: 'portal_login' | 'portal_action' | 'api_call'; occurredAt: string }>;
  certifications: Array<{ partner: number; name: string; holderEmail: string; issuedAt: string; expiresAt: string }>;
  satisfaction: Array<{ partner: number; score: number; respondentEmail: string; comment?: string; respondedAt: string }>;
  supportCases: Array<{ partner: number; externalId: string; subject: string; openedAt: string; closedAt: string | null }>;
  coSell: Array<{ partner: number; customer: number; role: 'co_sell' | 'implementation' | 'referral'; requestedAt: string; note: string }>;
  referrals: DemoReferral[];
}

export interface DemoReferral {
  company: { name: string; domain: string; country: string };
  products: string[];
  estimatedValue: { amount: number; currency: 'USD' };
  source: string;
  createdAt: string;
  /** The partner it is routed to takes it on, or declines it (and it is routed on). */
  response?: { accepts: boolean; at: string };
  outcome?: { kind: 'converted' | 'lost'; at: string };
}

/** Activity goes back a month before the first health evaluation, so the history starts from a real score. */
const SIGNALS_FROM_DAYS = HISTORY_DAYS + 30;
const CERTIFICATIONS = ['Northwind Data Platform Associate', 'Analytics Suite Specialist', 'Security Cloud Professional'];
const CASE_SUBJECTS = ['Pipeline connector times out', 'License key not accepted', 'Edge Gateway firmware update fails', 'Dashboard export is empty', 'SSO login loop'];
const PSAT_COMMENTS: Record<number, string> = {
  1: 'Missed the go-live date and stopped answering.',
  2: 'Slow to respond to our escalations.',
  5: 'Knew the product better than we did.',
};
const ACTIVITY_KINDS = ['portal_login', 'portal_login', 'portal_action', 'api_call'] as const;
const LEAD_SOURCES = ['webinar', 'website', 'trade show', 'customer advisory board'];

const iso = (at: Date) => at.toISOString();
/** When a partner's own history begins and ends, in days ago. */
const span = (t: Traits) => ({ from: Math.min(t.joinedDaysAgo, SIGNALS_FROM_DAYS), until: Math.max(t.quietFor, 1) });

function activity(random: Random, partner: number, t: Traits, today: Date): DemoSignals['activity'] {
  const { from, until } = span(t);
  const events: DemoSignals['activity'] = [];
  for (let day = from; day > until; day -= 1) {
    if (random() < t.activeDayOdds) events.push({ partner, kind: pick(random, ACTIVITY_KINDS), occurredAt: iso(daysAgo(today, day, workingHour(random))) });
  }
  return events;
}

/** Certifications last a year: some lapse, some are due for renewal within the month. */
function certifications(random: Random, partner: number, p: DemoPartner, t: Traits, today: Date): DemoSignals['certifications'] {
  return t.certificationsIssued.map((issuedDaysAgo, k) => {
    const issued = daysAgo(today, Math.max(1, issuedDaysAgo + between(random, [-10, 10])), workingHour(random));
    return { partner, name: CERTIFICATIONS[k % CERTIFICATIONS.length]!, holderEmail: `engineer${k + 1}@${p.domain}`, issuedAt: iso(issued), expiresAt: iso(addDays(issued, 365)) };
  });
}

/** A survey answer every one to three months while the partner had customers. */
function satisfaction(random: Random, partner: number, p: DemoPartner, t: Traits, today: Date): DemoSignals['satisfaction'] {
  const { from, until } = span(t);
  const answers: DemoSignals['satisfaction'] = [];
  for (let day = from - between(random, [5, 40]); day > until; day -= between(random, [30, 90])) {
    const score = between(random, day <= 60 && t.recentPsat ? t.recentPsat : t.psat);
    const comment = PSAT_COMMENTS[score];
    answers.push({ partner, score, respondentEmail: `buyer${answers.length + 1}@customer-of-${p.domain}`, ...(comment ? { comment } : {}), respondedAt: iso(daysAgo(today, day, workingHour(random))) });
  }
  return answers;
}

function supportCases(random: Random, partner: number, t: Traits, today: Date): DemoSignals['supportCases'] {
  const { from } = span(t);
  const cases: DemoSignals['supportCases'] = [];
  const open = (openedAt: Date, closedAt: Date | null) =>
    cases.push({ partner, externalId: `NW-${partner + 1}-${cases.length + 1}`, subject: pick(random, CASE_SUBJECTS), openedAt: iso(openedAt), closedAt: closedAt && iso(closedAt) });
  for (let day = from; day > 3; day -= 1) {
    if (random() < t.closedCasesPer90 / 90) {
      const opened = daysAgo(today, day, workingHour(random));
      open(opened, addHours(opened, 4 + random() * 24 * Math.min(day - 2, 10)));
    }
  }
  for (const day of t.openCases) open(daysAgo(today, day, workingHour(random)), null);
  return cases;
}

/**
 * The channel team asks healthy partners of the customer's region to co-sell or implement on
 * deals while they are open, and passes a few customers to partners as referrals.
 */
function coSell(random: Random, partners: DemoPartner[], customers: DemoCustomer[], deals: DemoDeal[], today: Date): DemoSignals['coSell'] {
  const helpers = (region: DemoPartner['region']) => partners.flatMap((p, i) => (p.region === region && (p.profile === 'thriving' || p.profile === 'steady') ? [i] : []));
  const engagements: DemoSignals['coSell'] = [];
  const taken = new Set<string>();
  for (const deal of deals) {
    if (random() > 0.14) continue;
    const customer = customers[deal.customer]!;
    const partner = pick(random, helpers(customer.region));
    const role = pick(random, ['co_sell', 'co_sell', 'implementation', 'referral'] as const);
    const key = `${partner}:${deal.customer}:${role}`;
    const created = new Date(`${deal.createdDate}T00:00:00Z`);
    const requested = addHours(addDays(created, between(random, [2, 20])), workingHour(random));
    if (taken.has(key) || requested >= daysAgo(today, 0)) continue;
    taken.add(key);
    engagements.push({ partner, customer: deal.customer, role, requestedAt: iso(requested), note: `${deal.name}: ${role === 'implementation' ? 'implementation partner wanted' : role === 'referral' ? 'the partner introduced us' : 'joint pitch requested by the account executive'}` });
  }
  return engagements;
}

/** Leads passed to partners through the year: most taken on, some declined and routed on; most closed by now. */
function referrals(random: Random, customers: DemoCustomer[], today: Date): DemoReferral[] {
  const now = daysAgo(today, 0);
  // Customers from the end of the list: companies no partner registered yet.
  return customers.slice(-24).map((c, k) => {
    const created = daysAgo(today, Math.round(HISTORY_DAYS - (k * (HISTORY_DAYS - 5)) / 24), workingHour(random));
    const respondedAt = addHours(created, 3 + random() * 60);
    const closedAt = addDays(respondedAt, 20 + random() * 70);
    const lead: DemoReferral = {
      company: { name: c.name, domain: c.domain, country: c.country },
      products: [pick(random, ['analytics suite', 'data pipeline', 'security cloud', 'edge gateway'])],
      estimatedValue: { amount: roundTo(10_000 + random() * 150_000, 500), currency: 'USD' },
      source: pick(random, LEAD_SOURCES),
      createdAt: iso(created),
    };
    if (respondedAt >= now) return lead;
    const accepts = random() > 0.15;
    if (!accepts || closedAt >= now) return { ...lead, response: { accepts, at: iso(respondedAt) } };
    return { ...lead, response: { accepts, at: iso(respondedAt) }, outcome: { kind: random() < 0.55 ? 'converted' : 'lost', at: iso(closedAt) } };
  });
}

export function demoSignals(random: Random, world: { partners: DemoPartner[]; customers: DemoCustomer[]; deals: DemoDeal[] }, today: Date): DemoSignals {
  const each = <T>(draw: (p: DemoPartner, i: number, t: Traits) => T[]) => world.partners.flatMap((p, i) => draw(p, i, TRAITS[p.profile]));
  return {
    activity: each((_p, i, t) => activity(random, i, t, today)),
    certifications: each((p, i, t) => certifications(random, i, p, t, today)),
    satisfaction: each((p, i, t) => satisfaction(random, i, p, t, today)),
    supportCases: each((_p, i, t) => supportCases(random, i, t, today)),
    coSell: coSell(random, world.partners, world.customers, world.deals, today),
    referrals: referrals(random, world.customers, today),
  };
}
