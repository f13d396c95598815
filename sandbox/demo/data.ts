import { seededRandom, type Random } from '../shared/random';

/**
 * The demo company, Northwind Cloud, a data-platform vendor selling through partners:
 * deterministic for a seed, so every fresh sandbox shows the same partners, customers and deals.
 */
export const DEMO_COMPANY = 'Northwind Cloud';
export const PRODUCTS = ['Analytics Suite', 'Data Pipeline', 'Security Cloud', 'Edge Gateway', 'Premium Support'];

type Region = 'NA' | 'LATAM' | 'EMEA' | 'APAC';
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
  closeDate: string;
}

export interface DemoRegistration {
  partner: number;
  customer: { name: string; domain?: string; country: string };
  products: string[];
  amount: number;
  expectedCloseDate: string;
  decision?: 'approve' | 'reject';
}

export interface DemoData {
  partners: DemoPartner[];
  customers: DemoCustomer[];
  deals: DemoDeal[];
  registrations: DemoRegistration[];
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

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');
const roundTo = (value: number, step: number) => Math.round(value / step) * step;
const isoDay = (base: Date, days: number) => new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);

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
      const specialties = [pick(random, SPECIALTIES), pick(random, SPECIALTIES)].filter((s, k, all) => all.indexOf(s) === k);
      return { name, domain: `${slug(name)}.com`, tier, region, country: pick(random, COUNTRIES[region]), specialties, status, managerEmail: `${MANAGERS[region]}@northwind.example.com` };
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

function deals(random: Random, customerList: DemoCustomer[], today: Date): DemoDeal[] {
  return customerList.flatMap((customer, index) => {
    const count = random() < 0.3 ? 2 : 1;
    return Array.from({ length: count }, (_, k) => {
      const product = pick(random, PRODUCTS);
      const stage = Math.floor(random() * 7);
      return {
        customer: index,
        name: `${customer.name} – ${product}${k > 0 ? ' expansion' : ''}`,
        amount: roundTo(15_000 + random() * random() * 400_000, 500),
        stage,
        closeDate: isoDay(today, stage >= 5 ? -Math.floor(random() * 90) : 14 + Math.floor(random() * 160)),
      };
    });
  });
}

/**
 * Registrations of customers by partners of the customer's region, a third approved, a few
 * rejected; then the genuine conflicts a partner manager has to settle.
 */
function registrations(random: Random, partnerList: DemoPartner[], customerList: DemoCustomer[], today: Date): DemoRegistration[] {
  const eligible = (region: Region) => partnerList.map((p, i) => ({ p, i })).filter(({ p }) => p.region === region && p.status !== 'churned' && p.status !== 'prospect');
  const result: DemoRegistration[] = customerList.slice(0, 44).map((customer, k) => ({
    partner: pick(random, eligible(customer.region)).i,
    customer: { name: customer.name, domain: customer.domain, country: customer.country },
    products: [pick(random, PRODUCTS), pick(random, PRODUCTS)].filter((p, n, all) => all.indexOf(p) === n),
    amount: roundTo(20_000 + random() * 300_000, 500),
    expectedCloseDate: isoDay(today, 30 + Math.floor(random() * 150)),
    ...(k % 3 === 0 ? { decision: 'approve' as const } : k % 11 === 5 ? { decision: 'reject' as const } : {}),
  }));
  const rival = (of: DemoRegistration, sameRegion: boolean) => {
    const region = partnerList[of.partner]!.region;
    const pool = sameRegion ? eligible(region) : REGIONS.filter((r) => r !== region).flatMap(eligible);
    return pool.find(({ i }) => i !== of.partner)!.i;
  };
  const approved = result.filter((r) => r.decision === 'approve');
  const first = approved[0]!;
  const second = approved[1]!;
  const pending = result.find((r) => !r.decision)!;
  result.push(
    // Another partner of the same region registers a deal already approved and protected.
    { ...first, partner: rival(first, true), amount: first.amount + 12_500, decision: undefined },
    // A partner from another region goes after the same customer (cross-region).
    { ...second, partner: rival(second, false), decision: undefined },
    // A near-identical spelling without a domain: caught by name similarity.
    { ...pending, partner: rival(pending, true), customer: { name: pending.customer.name.replace(/s\b/, ''), country: pending.customer.country }, decision: undefined },
  );
  return result;
}

export function demoData(today: Date, seed = 2026): DemoData {
  const random = seededRandom(seed);
  const partnerList = partners(random);
  const customerList = customers(random, 240);
  return {
    partners: partnerList,
    customers: customerList,
    deals: deals(random, customerList, today),
    registrations: registrations(random, partnerList, customerList, today),
  };
}
