-- Partner analytics at scale: a deal kept in both CRMs counted once, touchpoints rebuilt only for
-- what changed since the last rebuild, and per-month rollups the reports read instead of every touchpoint.

-- The copy of the same deal in the other CRM that is counted instead of this one (see markCrossCrmDuplicates).
ALTER TABLE crm_deals ADD COLUMN duplicate_of uuid REFERENCES crm_deals (id) ON DELETE SET NULL;
-- When Trellis last changed the row (database clock), for the incremental touchpoint rebuild.
ALTER TABLE crm_deals ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();
-- The close month a deal moved out of since the last rebuild: its rollup rows there are stale until then.
ALTER TABLE crm_deals ADD COLUMN moved_from_month date;
CREATE INDEX crm_deals_changed ON crm_deals (tenant_id, changed_at);
-- The same deal in both CRMs: the same customer (matched, else by normalized domain, else by normalized
-- company name) and the same deal name, case and spacing aside. Null when the customer is unknown.
ALTER TABLE crm_deals ADD COLUMN duplicate_key text GENERATED ALWAYS AS (
  coalesce(account_id::text, 'domain:' || company_normalized_domain, 'name:' || company_normalized_name)
    || '|' || lower(regexp_replace(btrim(name), '\s+', ' ', 'g'))
) STORED;
CREATE INDEX crm_deals_duplicate_key ON crm_deals (tenant_id, duplicate_key) WHERE duplicate_key IS NOT NULL;

-- Engagements carry the product's clock in created_at/updated_at; this is the database's, comparable with the rebuild watermark.
ALTER TABLE co_sell_engagements ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX co_sell_engagements_changed ON co_sell_engagements (tenant_id, changed_at);
-- Registrations and partners stamp updated_at with the database clock on every change.
CREATE INDEX deal_registrations_changed ON deal_registrations (tenant_id, updated_at);
CREATE INDEX partners_changed ON partners (tenant_id, updated_at);

-- Rollups and partial-month reports read touchpoints by their deal's close date.
CREATE INDEX touchpoints_close ON touchpoints (tenant_id, deal_close_date);

-- Up to when each tenant's touchpoints and rollups reflect the changes (database clock).
CREATE TABLE touchpoint_rebuilds (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  rebuilt_through timestamptz NOT NULL
);

-- Per close month (first day; null for deals without a close date) and currency: the deals, narrowed
-- to the partners of a region, a tier, both, or any (region and tier null). Untouched deals appear once,
-- with region and tier null; a touched deal once per partner scope it falls in.
CREATE TABLE analytics_deal_rollups (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  month date,
  currency char(3),
  outcome text NOT NULL CHECK (outcome IN ('open', 'won', 'lost')),
  touched boolean NOT NULL,
  -- A partner registered or referred the deal by the time the CRM had it.
  sourced boolean NOT NULL,
  region text,
  tier text,
  deals integer NOT NULL,
  amount numeric NOT NULL
);
CREATE INDEX analytics_deal_rollups_month ON analytics_deal_rollups (tenant_id, month);

-- Per partner, close month and currency: the deals it touched by their outcome, and the won revenue it sourced.
CREATE TABLE analytics_partner_rollups (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  month date,
  currency char(3),
  open_deals integer NOT NULL,
  open_amount numeric NOT NULL,
  won_deals integer NOT NULL,
  lost_deals integer NOT NULL,
  sourced_revenue numeric NOT NULL
);
CREATE INDEX analytics_partner_rollups_month ON analytics_partner_rollups (tenant_id, month);

-- Per partner, close month, currency and attribution model (time decay at the default half-life): won revenue credited.
CREATE TABLE analytics_credit_rollups (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  month date,
  currency char(3),
  model text NOT NULL,
  revenue float8 NOT NULL,
  -- Won deals the partner got any credit for.
  deals integer NOT NULL
);
CREATE INDEX analytics_credit_rollups_month ON analytics_credit_rollups (tenant_id, model, month);

-- Per partner, customer, close month and currency: won revenue and the first and latest win, for lifetime value.
CREATE TABLE analytics_customer_rollups (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  -- The matched customer, or the deal itself ('deal:<id>') when it matched none.
  customer text NOT NULL,
  month date NOT NULL,
  currency char(3),
  won_revenue numeric NOT NULL,
  first_win date NOT NULL,
  last_win date NOT NULL
);
CREATE INDEX analytics_customer_rollups_month ON analytics_customer_rollups (tenant_id, month);
