-- Partner intelligence: the signals behind the health score (certifications, PSAT responses,
-- support cases, portal and API activity), per-tenant policies (health model, ideal partner
-- profile, tier rules), partner size, and the history of tier changes.
ALTER TABLE partners ADD COLUMN employee_count integer CHECK (employee_count >= 0);

CREATE TABLE certifications (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  -- The course or exam the certification is for, e.g. 'Analytics Implementation Specialist'.
  name text NOT NULL,
  holder_email text,
  issued_at timestamptz NOT NULL,
  -- Null for certifications that never expire.
  expires_at timestamptz,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certifications_partner ON certifications (tenant_id, partner_id);

CREATE TABLE satisfaction_responses (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  -- PSAT: how satisfied the respondent is working with the partner, 1 (very dissatisfied) to 5 (very satisfied).
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  respondent_email text,
  comment text,
  responded_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX satisfaction_responses_partner ON satisfaction_responses (tenant_id, partner_id, responded_at DESC);

CREATE TABLE support_cases (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  -- The help desk's own id: recording the same case again updates it (e.g. when it closes).
  external_id text NOT NULL,
  subject text,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, external_id)
);
CREATE INDEX support_cases_partner ON support_cases (tenant_id, partner_id);

CREATE TABLE partner_activity (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('portal_login', 'portal_action', 'api_call')),
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partner_activity_partner ON partner_activity (tenant_id, partner_id, occurred_at DESC);

-- Why a snapshot is at risk, as the alert said it; `factors` holds the scored components.
ALTER TABLE health_snapshots ADD COLUMN reasons jsonb NOT NULL DEFAULT '[]'::jsonb;

-- One validated JSON document per tenant and kind of policy.
CREATE TABLE tenant_policies (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('health_model', 'ideal_partner_profile', 'tier_rules')),
  document jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, kind)
);

CREATE TABLE tier_changes (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  old_tier text NOT NULL,
  new_tier text NOT NULL,
  reason text NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL
);
CREATE INDEX tier_changes_partner ON tier_changes (tenant_id, partner_id, changed_at DESC, id DESC);
