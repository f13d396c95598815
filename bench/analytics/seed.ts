import type { Db } from '../../src/store/db';

export interface AnalyticsWorkload {
  partners: number;
  accounts: number;
  registrations: number;
  deals: number;
  snapshotsPerPartner: number;
}

/**
 * A tenant's partner history in a handful of set-based statements, deterministic (ids aside):
 * partners over four regions and tiers, customers, registrations of every status over two years,
 * CRM deals (a third open, a third won, a third lost) of those customers, monthly health snapshots.
 * Rows are stamped as changed a day ago: history the last touchpoint rebuild has already seen.
 */
export async function seedAnalytics(db: Db, tenantId: string, w: AnalyticsWorkload): Promise<void> {
  await db.query(
    `INSERT INTO partners (id, tenant_id, name, tier, region, country, status, updated_at)
     SELECT gen_random_uuid(), $1, 'Partner ' || lpad(i::text, 4, '0'), (ARRAY['registered', 'silver', 'gold', 'platinum'])[1 + i % 4],
       (ARRAY['NA', 'LATAM', 'EMEA', 'APAC'])[1 + (i / 4) % 4], 'US', 'active', now() - interval '1 day'
     FROM generate_series(1, $2::int) i`,
    [tenantId, w.partners],
  );
  await db.query(
    `INSERT INTO accounts (id, tenant_id, name, normalized_name, domain, normalized_domain)
     SELECT gen_random_uuid(), $1, 'Customer ' || i, 'customer ' || i, 'customer' || i || '.com', 'customer' || i || '.com'
     FROM generate_series(1, $2::int) i`,
    [tenantId, w.accounts],
  );
  await db.query('CREATE TEMP TABLE bench_partner AS SELECT id, row_number() OVER (ORDER BY name) AS rn FROM partners WHERE tenant_id = $1', [tenantId]);
  await db.query('CREATE TEMP TABLE bench_account AS SELECT id, row_number() OVER (ORDER BY id) AS rn FROM accounts WHERE tenant_id = $1', [tenantId]);
  await db.query('CREATE INDEX ON bench_partner (rn)');
  await db.query('CREATE INDEX ON bench_account (rn)');
  await db.query(
    `INSERT INTO deal_registrations (id, tenant_id, partner_id, account_id, customer_name, products, amount, currency, expected_close_date, region, status, submitted_at, decided_at, updated_at)
     SELECT gen_random_uuid(), $1, p.id, a.id, 'Customer', '{Analytics}', 10000, 'USD', date '2027-06-30', 'NA',
       (ARRAY['approved', 'approved', 'pending', 'rejected', 'won', 'lost', 'expired', 'approved'])[1 + g % 8],
       timestamptz '2025-01-01 09:00Z' + (g % 700) * interval '1 day' + (g % 13) * interval '1 hour',
       CASE WHEN g % 8 <> 2 THEN timestamptz '2025-01-01 09:00Z' + (g % 700) * interval '1 day' + (g % 13) * interval '1 hour' + (g % 11) * interval '7 hours' END,
       now() - interval '1 day'
     FROM generate_series(1, $2::int) g
     JOIN bench_partner p ON p.rn = 1 + (g::bigint * 7919) % $3
     JOIN bench_account a ON a.rn = 1 + (g::bigint * 104729) % $4`,
    [tenantId, w.registrations, w.partners, w.accounts],
  );
  await db.query(
    `INSERT INTO crm_deals (tenant_id, crm, crm_id, ref, name, amount, currency, stage, is_closed, is_won, crm_created_at, close_date,
       company_crm_id, company_name, company_normalized_name, company_normalized_domain, account_id, crm_modified_at, changed_at)
     SELECT $1, 'hubspot', g::text, 'hubspot:deal:' || g, 'Deal ' || g, 1000 + (g::bigint * 37) % 200000, 'USD',
       CASE g % 3 WHEN 0 THEN 'contractsent' WHEN 1 THEN 'closedwon' ELSE 'closedlost' END, g % 3 <> 0, g % 3 = 1,
       timestamptz '2025-01-01 00:00Z' + (g % 730) * interval '1 day',
       date '2025-01-01' + (g % 730) + 20 + (g % 90),
       'c' || g, 'Customer', 'customer', NULL, a.id, now(), now() - interval '1 day'
     FROM generate_series(1, $2::int) g
     JOIN bench_account a ON a.rn = 1 + (g::bigint * 48271) % $3`,
    [tenantId, w.deals, w.accounts],
  );
  await db.query(
    `INSERT INTO health_snapshots (tenant_id, partner_id, evaluated_at, score, at_risk, factors)
     SELECT $1, p.id, timestamptz '2026-01-01 00:00Z' + m * interval '30 days', s.score, s.score < 40, '{}'::jsonb
     FROM bench_partner p CROSS JOIN generate_series(0, $2::int - 1) m
     CROSS JOIN LATERAL (SELECT ((p.rn * 31 + m * 17) % 101)::int AS score) s`,
    [tenantId, w.snapshotsPerPartner],
  );
  await db.query('DROP TABLE bench_partner');
  await db.query('DROP TABLE bench_account');
}
