-- Tenants, API keys, partners, customer accounts, deal registrations, conflicts,
-- and the bookkeeping every write shares: idempotency keys, outbox, audit log.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  key_prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE partners (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  domain text,
  normalized_domain text,
  tier text NOT NULL CHECK (tier IN ('registered', 'silver', 'gold', 'platinum')),
  region text NOT NULL CHECK (region IN ('NA', 'LATAM', 'EMEA', 'APAC')),
  country char(2) NOT NULL,
  specialties text[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('prospect', 'onboarding', 'active', 'at_risk', 'churned')),
  manager_email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partners_tenant_page ON partners (tenant_id, created_at DESC, id DESC);

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  normalized_name text NOT NULL,
  domain text,
  normalized_domain text,
  country char(2),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_tenant_domain ON accounts (tenant_id, normalized_domain) WHERE normalized_domain IS NOT NULL;
CREATE INDEX accounts_tenant_name ON accounts (tenant_id, normalized_name);
CREATE INDEX accounts_tenant_name_trgm ON accounts USING gin (tenant_id, normalized_name gin_trgm_ops);

CREATE TABLE deal_registrations (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  customer_name text NOT NULL,
  customer_domain text,
  customer_country char(2),
  products text[] NOT NULL,
  amount numeric(15, 2) NOT NULL,
  currency char(3) NOT NULL,
  expected_close_date date NOT NULL,
  region text NOT NULL CHECK (region IN ('NA', 'LATAM', 'EMEA', 'APAC')),
  notes text,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'won', 'lost', 'expired')),
  submitted_at timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  decision_reason text,
  override_by text,
  override_at timestamptz,
  override_reason text,
  protection_expires_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deal_registrations_open_by_account ON deal_registrations (tenant_id, account_id) WHERE status IN ('pending', 'approved');
CREATE INDEX deal_registrations_page ON deal_registrations (tenant_id, submitted_at DESC, id DESC);
CREATE INDEX deal_registrations_partner ON deal_registrations (tenant_id, partner_id);
CREATE INDEX deal_registrations_expiry ON deal_registrations (protection_expires_at) WHERE status = 'approved';

CREATE TABLE conflicts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('duplicate', 'cross_region')),
  registration_id uuid NOT NULL REFERENCES deal_registrations (id),
  partner_id uuid NOT NULL REFERENCES partners (id),
  conflicting_registration_id uuid NOT NULL REFERENCES deal_registrations (id),
  conflicting_partner_id uuid NOT NULL REFERENCES partners (id),
  score numeric(4, 3) NOT NULL,
  evidence jsonb NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution text CHECK (resolution IN ('existing_wins', 'new_wins', 'not_a_conflict')),
  resolution_note text,
  resolved_by text,
  resolved_at timestamptz,
  detected_at timestamptz NOT NULL,
  UNIQUE (tenant_id, registration_id, conflicting_registration_id)
);
CREATE INDEX conflicts_page ON conflicts (tenant_id, detected_at DESC, id DESC);

CREATE TABLE idempotency_keys (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);

CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  topic text NOT NULL,
  aggregate_id uuid NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  actor text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity_type, entity_id);
