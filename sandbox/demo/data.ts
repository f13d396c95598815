import { seededRandom, type Random } from '../shared/random';
import { pick, roundTo } from './draw';
import { TRAITS, type Profile } from './profiles';
import { demoSignals, type DemoSignals } from './signals';
import { spreadsheetImport } from './spreadsheetImport';
import { addDays, addHours, daysAgo, HISTORY_DAYS, isoDate, workingHour } from './timeline';

/**
 * The demo company, Northwind Cloud, a data-platform vendor selling through partners:
 * deterministic for a seed, so every fresh sandbox shows the same partners, customers and deals.
 */
export const DEMO_COMPANY = 'Northwind Cloud';
export const PRODUCTS = ['Analytics Suite', 'Data Pipeline', 'Security Cloud', 'Edge Gateway', 'Premium Support'];

export type Region = 'NA' | 'LATAM' | 'EMEA' | 'APAC';
type Tier = 'registered' | 'silver' | 'gold' | 'platinum';

export interface DemoPartner {
  name: string;
  domain: string;
  tier: Tier;
  region: Region;
  country: string;
  specialties: string[];
  status: 'prospect' | 'onboarding' | 'active' | 'at_risk' | 'churned';
  managerEmail: string;
  /** How it behaved over the year; not a partner field, so not sent to Trellis. */
  profile: Profile;
}

export interface DemoCustomer {
  name: string;
  domain: string;
  country: string;
  region: Region;
  industry: string;
  employees: number;
  annualRevenue: number;
}

export interface DemoDeal {
  customer: number;
  name: string;
  amount: number;
  /** 0 (earliest) to 6 (closed lost), mapped to each CRM's own stages. */
  stage: number;
  /** When the sales team opened it (YYYY-MM-DD), within the past year. */
  createdDate: string;
  closeDate: string;
}

/** A registration as it happened: submitted, decided by the partner's manager, and closed when its deal did. */
export interface DemoRegistration {
  partner: number;
  customer: { name: string; domain?: string; country: string };
  products: string[];
  amount: number;
  expectedCloseDate: string;
  /** ISO instants, all before "today". */
  submittedAt: string;
  decision?: { kind: 'approve' } | { kind: 'reject'; reason: string };
  decidedAt?: string;
  outcome?: 'won' | 'lost';
  closedAt?: string;
}

export interface DemoData {
  partners: DemoPartner[];
  customers: DemoCustomer[];
  deals: DemoDeal[];
  registrations: DemoRegistration[];
  /** What else partners did over the year: the signals health is scored from, co-selling and referrals. */
  signals: DemoSignals;
}

const COUNTRIES: Record<Region, string[]> = {
  NA: ['US', 'US', 'US', 'CA'],
  LATAM: ['BR', 'MX', 'AR', 'CL', 'CO'],
  EMEA: ['GB', 'DE', 'FR', 'NL', 'SE', 'ES'],
  APAC: ['AU', 'JP', 'SG', 'IN'],
};
const REGIONS = Object.keys(COUNTRIES) as Region[];
/** Per region: one platinum, two gold, three silver, four registered partners. */
const TIER_MIX: Tier[] = ['platinum', 'gold', 'gold', 'silver', 'silver', 'silver', 'registered', 'registered', 'registered', 'registered'];
/** The three partners the team marked at risk went wrong in three different ways; one in NA is slipping fast. */
const AT_RISK_PROFILE: Record<Region, Profile> = { NA: 'quiet', LATAM: 'went_quiet', EMEA: 'lapsed', APAC: 'unhappy' };
const profileOf = (region: Region, i: number): Profile =>
  i === 9 ? 'newcomer' : i === 8 ? AT_RISK_PROFILE[region] : i === 5 && region === 'NA' ? 'slipping' : i <= 1 ? 'thriving' : i <= 5 ? 'steady' : 'quiet';
const MANAGERS: Record<Region, string> = { NA: 'dana.reyes', LATAM: 'lucas.almeida', EMEA: 'ingrid.larsen', APAC: 'kenji.sato' };

const PARTNER_STEMS = ['Bluepeak', 'Northgate', 'Cobalt', 'Redwood', 'Silverline', 'Brightpath', 'Ironbridge', 'Clearwater', 'Summit', 'Harbor', 'Keystone', 'Lumen', 'Meridian', 'Oakridge', 'Pinnacle', 'Quartz', 'Riverbend', 'Sterling', 'Trident', 'Vantage'];
const PARTNER_KINDS = ['Consulting', 'Systems', 'Solutions', 'Partners', 'Digital', 'Integrators', 'Advisory', 'Technologies'];
const SPECIALTIES = ['data engineering', 'cloud migration', 'security', 'analytics', 'managed services', 'IoT', 'financial services', 'healthcare', 'retail'];
const CUSTOMER_STEMS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent', 'Wonka', 'Gringotts', 'Oscorp', 'Massive', 'Aperture', 'Monarch', 'Nakatomi', 'Octan', 'Pied Piper', 'Prestige', 'Sirius', 'Virtucon', 'Zorin', 'Helix', 'Orbit', 'Polaris', 'Quantum', 'Nimbus', 'Atlas'];
const CUSTOMER_KINDS = ['Industries', 'Logistics', 'Health', 'Financial', 'Energy', 'Foods', 'Retail', 'Motors', 'Media', 'Pharma'];
const INDUSTRIES: Record<string, string> = {
  Industries: 'Manufacturing', Logistics: 'Transportation', Health: 'Healthcare', Financial: 'Finance', Energy: 'Energy',
  Foods: 'Retail', Retail: 'Retail', Motors: 'Manufacturing', Media: 'Media', Pharma: 'Healthcare',
};

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');

function partners(random: Random): DemoPartner[] {
  const names = new Set<string>();
  return REGIONS.flatMap((region) =>
    TIER_MIX.map((tier, i) => {
      let name: string;
      do name = `${pick(random, PARTNER_STEMS)} ${pick(random, PARTNER_KINDS)}`;
      while (names.has(name));
      names.add(name);
      // Most partners are active; a few are still onboarding or slipping.
      const status = i === 9 ? 'onboarding' : i === 8 && region !== 'NA' ? 'at_risk' : 'active';
      const profile = profileOf(region, i);
      const specialties = [pick(random, SPECIALTIES), pick(random, SPECIALTIES)].filter((s, k, all) => all.indexOf(s) === k);
      return { name, domain: `${slug(name)}.com`, tier, region, country: pick(random, COUNTRIES[region]), specialties, status, managerEmail: `${MANAGERS[region]}@northwind.example.com`, profile };
    }),
  );
}

function customers(random: Random, count: number): DemoCustomer[] {
  const all: DemoCustomer[] = [];
  for (const kind of CUSTOMER_KINDS) {
    for (const stem of CUSTOMER_STEMS) {
      const name = `${stem} ${kind}`;
      const region = pick(random, REGIONS);
      const employees = roundTo(50 + random() * random() * 20_000, 10);
      all.push({ name, domain: `${slug(stem)}-${slug(kind)}.com`, country: pick(random, COUNTRIES[region]), region, industry: INDUSTRIES[kind]!, employees, annualRevenue: employees * roundTo(80_000 + random() * 220_000, 1000) });
    }
  }
  // A seeded shuffle, then the first `count`: a varied but repeatable customer base.
  for (let i = all.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, count);
}

/**
 * Deals opened over the past year: those whose sales cycle has run are closed, a little over
 * half of them won; the rest are open and close in the coming months.
 */
function deals(random: Random, customerList: DemoCustomer[], today: Date): DemoDeal[] {
  return customerList.flatMap((customer, index) => {
    const count = random() < 0.3 ? 2 : 1;
    return Array.from({ length: count }, (_, k) => {
      const product = pick(random, PRODUCTS);
      const created = daysAgo(today, 10 + Math.floor(random() * (HISTORY_DAYS - 10)));
      const close = addDays(created, 30 + Math.floor(random() * 150));
      const closed = close < daysAgo(today, 2);
      return {
        customer: index,
        name: `${customer.name} – ${product}${k > 0 ? ' expansion' : ''}`,
        amount: roundTo(15_000 + random() * random() * 400_000, 500),
        stage: closed ? (random() < 0.55 ? 5 : 6) : Math.floor(random() * 5),
        createdDate: isoDate(created),
        closeDate: isoDate(closed ? close : addDays(daysAgo(today, 0), 14 + Math.floor(random() * 160))),
      };
    });
  });
}

const REJECTIONS = [
  'The customer is already served directly by our enterprise team.',
  'Not a new opportunity: the customer renewed with us last quarter.',
  'The products registered are not in the partner\'s program.',
];

/** Registration days of each partner while it was active, oldest first, one chance per day. */
function registrationDays(random: Random, partnerList: DemoPartner[]): Array<{ partner: number; daysAgo: number }> {
  const days = partnerList.flatMap((p, partner) => {
    const t = TRAITS[p.profile];
    const found: Array<{ partner: number; daysAgo: number }> = [];
    for (let day = Math.min(HISTORY_DAYS, t.joinedDaysAgo); day > Math.max(t.quietFor, 1); day -= 1) {
      if (random() < t.registrationsPerMonth / 30) found.push({ partner, daysAgo: day });
    }
    return found;
  });
  return days.sort((a, b) => b.daysAgo - a.daysAgo || a.partner - b.partner);
}

/**
 * What became of a registration: managers decide within hours to a few days (a few recent ones
 * still wait, some past the approval SLA); approved deals close within the protection window,
 * won or lost, or are left to expire; the newest are still open.
 */
function lifecycle(random: Random, submitted: Date, winOdds: number, today: Date): Omit<DemoRegistration, 'partner' | 'customer' | 'products' | 'amount' | 'submittedAt'> {
  const now = daysAgo(today, 0);
  const decidedAt = addHours(submitted, 2 * 60 ** random());
  const cycle = addDays(decidedAt, 20 + random() * 65);
  const expectedCloseDate = isoDate(cycle);
  const waits = submitted > daysAgo(today, 7) && random() < 0.35;
  if (decidedAt >= now || waits) return { expectedCloseDate };
  if (random() < 0.12) return { expectedCloseDate, decision: { kind: 'reject', reason: pick(random, REJECTIONS) }, decidedAt: decidedAt.toISOString() };
  const approved = { expectedCloseDate, decision: { kind: 'approve' as const }, decidedAt: decidedAt.toISOString() };
  if (cycle >= now || random() < 0.08) return approved;
  return { ...approved, outcome: random() < winOdds ? 'won' : 'lost', closedAt: cycle.toISOString() };
}

/** A rep's typo: two letters swapped in the middle of the name's longest word ("Logistics" → "Logsitics"). */
function withSwappedLetters(name: string): string {
  const words = name.split(' ');
  const longest = words.reduce((best, word, k) => (word.length > words[best]!.length ? k : best), 0);
  const letters = [...words[longest]!];
  const at = Math.floor(letters.length / 2);
  [letters[at - 1], letters[at]] = [letters[at]!, letters[at - 1]!];
  words[longest] = letters.join('');
  return words.join(' ');
}

/**
 * A year of registrations by each partner at its own pace, each of a different customer and
 * with its lifecycle; then the genuine conflicts of the last few days a partner manager has to settle.
 */
function registrations(random: Random, partnerList: DemoPartner[], customerList: DemoCustomer[], today: Date): DemoRegistration[] {
  const result: DemoRegistration[] = registrationDays(random, partnerList).map(({ partner, daysAgo: day }, k) => {
    const customer = customerList[k % customerList.length]!;
    const submitted = daysAgo(today, day, workingHour(random));
    return {
      partner,
      customer: { name: customer.name, domain: customer.domain, country: customer.country },
      products: [pick(random, PRODUCTS), pick(random, PRODUCTS)].filter((p, n, all) => all.indexOf(p) === n),
      amount: roundTo(20_000 + random() * 300_000, 500),
      submittedAt: submitted.toISOString(),
      ...lifecycle(random, submitted, TRAITS[partnerList[partner]!.profile].winOdds, today),
    };
  });
  const eligible = (region: Region) => partnerList.map((p, i) => ({ p, i })).filter(({ p }) => p.region === region && p.status !== 'churned' && p.status !== 'prospect');
  const rival = (of: DemoRegistration, sameRegion: boolean) => {
    const region = partnerList[of.partner]!.region;
    const pool = sameRegion ? eligible(region) : REGIONS.filter((r) => r !== region).flatMap(eligible);
    return pool.find(({ i }) => i !== of.partner)!.i;
  };
  // Approved and still protected: what a later registration of the same customer runs into.
  const protectedNow = result.filter((r) => r.decision?.kind === 'approve' && !r.outcome && new Date(r.decidedAt!) > daysAgo(today, 60));
  const first = protectedNow.at(-1)!;
  const second = protectedNow.at(-2)!;
  const pending = result.filter((r) => !r.decision).at(-1)!;
  // The same deal registered again a few days ago, still waiting for a decision; a close date that
  // has passed since the first registration moves out, as a rep registering it now would give.
  const again = ({ partner, customer, products, amount, expectedCloseDate }: DemoRegistration, days: number): DemoRegistration => {
    const submitted = daysAgo(today, days, workingHour(random));
    const earliest = isoDate(addDays(submitted, 30));
    return { partner, customer, products, amount, expectedCloseDate: expectedCloseDate < earliest ? earliest : expectedCloseDate, submittedAt: submitted.toISOString() };
  };
  result.push(
    // Another partner of the same region registers a deal already approved and protected.
    { ...again(first, 3), partner: rival(first, true), amount: first.amount + 12_500 },
    // A partner from another region goes after the same customer (cross-region).
    { ...again(second, 2), partner: rival(second, false) },
    // The same customer typed with two letters swapped and no domain: caught by edit distance.
    { ...again(pending, 1), partner: rival(pending, true), customer: { name: withSwappedLetters(pending.customer.name), country: pending.customer.country } },
  );
  return result;
}

export function demoData(today: Date, seed = 2026): DemoData {
  const random = seededRandom(seed);
  const partnerList = partners(random);
  const customerList = customers(random, 240);
  const dealList = deals(random, customerList, today);
  const year = registrations(random, partnerList, customerList, today);
  const signals = demoSignals(random, { partners: partnerList, customers: customerList, deals: dealList }, today);
  // Drawn last, so the year before it is the same with or without today's import.
  const imported = spreadsheetImport(random, partnerList, customerList, year, today, PRODUCTS);
  return { partners: partnerList, customers: customerList, deals: dealList, registrations: [...year, ...imported], signals };
}
