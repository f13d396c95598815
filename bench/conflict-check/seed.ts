import { randomUUID } from 'node:crypto';
import { normalizeCompanyName } from '../../src/domain/customer';
import type { Region } from '../../src/domain/partner';
import type { Db } from '../../src/store/db';
import type { Random } from '../support/random';
import { companyName, typedDomain } from './companyNames';
import { accountMatchColumns } from '../../src/store/customerKeys';

export const PRODUCTS = [
  'analytics suite', 'payments', 'core platform', 'data warehouse', 'security add-on', 'mobile sdk', 'premium support', 'ai assistant',
] as const;

const REGION_COUNTRIES: Record<Region, readonly string[]> = {
  NA: ['US', 'US', 'US', 'CA'],
  LATAM: ['BR', 'MX', 'AR', 'CL', 'CO'],
  EMEA: ['GB', 'DE', 'FR', 'NL', 'SE', 'ES', 'IT', 'ZA', 'AE'],
  APAC: ['JP', 'AU', 'IN', 'SG', 'KR', 'NZ'],
};
/** Where customers and partners are, roughly as a global vendor's book looks. */
const REGION_WEIGHTS: readonly Region[] = ['NA', 'NA', 'NA', 'NA', 'EMEA', 'EMEA', 'EMEA', 'APAC', 'APAC', 'LATAM'];

export interface SeededAccount {
  id: string;
  name: string;
  normalizedName: string;
  /** As typed on the account; null when no domain is on file. */
  domain: string | null;
  normalizedDomain: string | null;
  country: string;
}

export interface SeededPartner {
  id: string;
  region: Region;
}

/** Distinct customers (by normalized name), normalized in JS by the domain's own functions, inserted in batches. */
export async function seedAccounts(db: Db, tenantId: string, count: number, random: Random): Promise<SeededAccount[]> {
  const names = new Set<string>();
  const domains = new Set<string>();
  const accounts: SeededAccount[] = [];
  while (accounts.length < count) {
    const name = companyName(random);
    const normalizedName = normalizeCompanyName(name);
    if (names.has(normalizedName)) continue;
    names.add(normalizedName);
    const domain = typedDomain(name, random, domains);
    const region = random.pick(REGION_WEIGHTS);
    accounts.push({
      id: randomUUID(),
      name,
      normalizedName,
      domain: domain?.typed ?? null,
      normalizedDomain: domain?.normalized ?? null,
      country: random.pick(REGION_COUNTRIES[region]),
    });
  }
  const batch = 20_000;
  for (let start = 0; start < accounts.length; start += batch) {
    const rows = accounts.slice(start, start + batch);
    const columns = rows.map((a) => accountMatchColumns(a.normalizedName, a.normalizedDomain));
    await db.query(
      `INSERT INTO accounts (id, tenant_id, name, normalized_name, domain, normalized_domain, country, registrable_domain, name_keys)
       SELECT id, $1, name, normalized_name, domain, normalized_domain, country, registrable_domain, ARRAY(SELECT jsonb_array_elements_text(name_keys))
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
         AS t (id, name, normalized_name, domain, normalized_domain, country, registrable_domain, name_keys)`,
      [
        tenantId,
        rows.map((a) => a.id),
        rows.map((a) => a.name),
        rows.map((a) => a.normalizedName),
        rows.map((a) => a.domain),
        rows.map((a) => a.normalizedDomain),
        rows.map((a) => a.country),
        columns.map((c) => c.registrableDomain),
        columns.map((c) => JSON.stringify(c.nameKeys)),
      ],
    );
  }
  return accounts;
}

export async function seedPartners(db: Db, tenantId: string, count: number): Promise<SeededPartner[]> {
  const { rows } = await db.query<{ id: string; region: Region }>(
    `INSERT INTO partners (id, tenant_id, name, domain, normalized_domain, tier, region, country, specialties, status)
     SELECT gen_random_uuid(), $1, format('Partner %s', lpad(g::text, 5, '0')), format('partner%s.example', g), format('partner%s.example', g),
       (ARRAY['registered', 'registered', 'silver', 'silver', 'gold', 'platinum'])[1 + g % 6],
       r.region, r.country, ARRAY['cloud'], (ARRAY['active', 'active', 'active', 'onboarding', 'at_risk'])[1 + g % 5]
     FROM generate_series(1, $2::int) g
     CROSS JOIN LATERAL (SELECT (ARRAY['NA', 'NA', 'NA', 'NA', 'EMEA', 'EMEA', 'EMEA', 'APAC', 'APAC', 'LATAM'])[1 + g % 10] AS region) rr
     CROSS JOIN LATERAL (SELECT rr.region, CASE rr.region WHEN 'NA' THEN 'US' WHEN 'EMEA' THEN 'DE' WHEN 'APAC' THEN 'AU' ELSE 'BR' END AS country) r
     RETURNING id, region`,
    [tenantId, count],
  );
  return rows;
}

/**
 * Registrations generated inside Postgres, in chunks, from a seeded random stream. Customers
 * are skewed (a few large accounts draw many registrations); about 5% are pending and 8%
 * approved, of which the ones decided more than 90 days ago are past their protection window
 * and not yet swept; the rest are closed (rejected, expired, won, lost).
 */
export async function seedRegistrations(
  db: Db,
  tenantId: string,
  total: number,
  onChunk: (done: number) => void,
): Promise<void> {
  await db.transaction(async (tx) => {
    // One backend and a plain scan keep random() in the same order run after run.
    await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
    await tx.query('SELECT setseed(0.2024)');
    await tx.query(
      `CREATE TEMP TABLE seed_accounts ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY normalized_name)::int AS n, id, name, domain, country FROM accounts WHERE tenant_id = $1`,
      [tenantId],
    );
    await tx.query('ALTER TABLE seed_accounts ADD PRIMARY KEY (n)');
    await tx.query(
      `CREATE TEMP TABLE seed_partners ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY name)::int AS n, id, region FROM partners WHERE tenant_id = $1`,
      [tenantId],
    );
    await tx.query('ALTER TABLE seed_partners ADD PRIMARY KEY (n)');
    const { rows } = await tx.query<{ accounts: number; partners: number }>(
      'SELECT (SELECT count(*) FROM seed_accounts)::int AS accounts, (SELECT count(*) FROM seed_partners)::int AS partners',
    );
    const { accounts, partners } = rows[0]!;
    const chunk = 250_000;
    for (let start = 1; start <= total; start += chunk) {
      const end = Math.min(total, start + chunk - 1);
      await tx.query(
        `INSERT INTO deal_registrations (id, tenant_id, partner_id, account_id, customer_name, customer_domain, customer_country,
           products, amount, currency, expected_close_date, region, status, submitted_at,
           decided_by, decided_at, decision_reason, protection_expires_at, closed_at, updated_at)
         SELECT gen_random_uuid(), $1, p.id, a.id, a.name, a.domain, a.country,
           CASE WHEN s.r_two < 0.35 THEN ARRAY[($6::text[])[s.p1], ($6::text[])[1 + (s.p1 - 1 + s.p2) % 8]] ELSE ARRAY[($6::text[])[s.p1]] END,
           round((1000 + power(s.r_amount, 3) * 2000000)::numeric, 2),
           CASE rg.region WHEN 'EMEA' THEN 'EUR' WHEN 'APAC' THEN 'AUD' ELSE 'USD' END,
           (t.submitted_at + (30 + floor(s.r_close * 150)::int) * interval '1 day')::date,
           rg.region, st.status, t.submitted_at,
           CASE WHEN st.status <> 'pending' THEN 'channel.manager@vendor.example' END,
           t.decided_at,
           CASE WHEN st.status = 'rejected' THEN 'customer already engaged directly' END,
           CASE WHEN st.status NOT IN ('pending', 'rejected') THEN t.decided_at + interval '90 days' END,
           CASE st.status
             WHEN 'expired' THEN t.decided_at + interval '90 days'
             WHEN 'won' THEN t.decided_at + s.r_close * interval '85 days'
             WHEN 'lost' THEN t.decided_at + s.r_close * interval '85 days' END,
           now()
         FROM (
           SELECT g, random() AS r_account, random() AS r_partner, random() AS r_status, random() AS r_age, random() AS r_two,
             1 + floor(random() * 8)::int AS p1, 1 + floor(random() * 7)::int AS p2, random() AS r_amount, random() AS r_close,
             random() AS r_region
           FROM generate_series($2::int, $3::int) g
         ) s
         JOIN seed_accounts a ON a.n = 1 + least(floor($4::int * power(s.r_account, 1.5))::int, $4::int - 1)
         JOIN seed_partners p ON p.n = 1 + floor(s.r_partner * $5::int)::int
         CROSS JOIN LATERAL (SELECT CASE WHEN s.r_region < 0.1 THEN (ARRAY['NA', 'LATAM', 'EMEA', 'APAC'])[1 + floor(s.r_region * 40)::int]
                                         ELSE p.region END AS region) rg
         CROSS JOIN LATERAL (SELECT CASE WHEN s.r_status < 0.05 THEN 'pending' WHEN s.r_status < 0.13 THEN 'approved'
                                         WHEN s.r_status < 0.25 THEN 'rejected' WHEN s.r_status < 0.5 THEN 'expired'
                                         WHEN s.r_status < 0.78 THEN 'won' ELSE 'lost' END AS status) st
         CROSS JOIN LATERAL (
           SELECT CASE st.status
                    WHEN 'pending' THEN now() - s.r_age * interval '30 days'
                    WHEN 'approved' THEN now() - s.r_age * interval '100 days' - interval '5 days'
                    ELSE now() - interval '120 days' - s.r_age * interval '3 years' END AS submitted_at) t0
         CROSS JOIN LATERAL (
           SELECT t0.submitted_at, CASE WHEN st.status <> 'pending' THEN t0.submitted_at + interval '5 days' END AS decided_at) t`,
        [tenantId, start, end, accounts, partners, PRODUCTS],
      );
      onChunk(end);
    }
  });
}
