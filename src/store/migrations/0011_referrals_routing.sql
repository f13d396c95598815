-- Lead routing: referrals passed to partners, every assignment with its reasons, and each tenant's routing policy.
CREATE TABLE referrals (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  company_name text NOT NULL,
  company_domain text,
  company_country char(2),
  region text CHECK (region IN ('NA', 'LATAM', 'EMEA', 'APAC')),
  products text[] NOT NULL DEFAULT '{}',
  contact_email text,
  estimated_amount numeric(15, 2),
  estimated_currency char(3),
  source text,
  status text NOT NULL CHECK (status IN ('new', 'assigned', 'accepted', 'declined', 'converted', 'lost')),
  partner_id uuid REFERENCES partners (id),
  unassigned_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX referrals_page ON referrals (tenant_id, created_at DESC, id DESC);
-- Capacity counts a partner's open referrals on every assignment.
CREATE INDEX referrals_open_by_partner ON referrals (tenant_id, partner_id) WHERE status IN ('assigned', 'accepted');

CREATE TABLE referral_assignments (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  referral_id uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
  -- 1 for the first partner the referral went to, 2 for the next after a decline, and so on.
  position integer NOT NULL,
  partner_id uuid NOT NULL REFERENCES partners (id),
  -- The routing rule that applied, by name; null when none matched.
  rule_name text,
  score integer NOT NULL,
  reasons jsonb NOT NULL,
  placement text NOT NULL CHECK (placement IN ('score', 'fairness', 'tie_break')),
  assigned_at timestamptz NOT NULL,
  outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'accepted', 'declined')),
  decided_by text,
  decided_at timestamptz,
  decline_reason text
);
CREATE UNIQUE INDEX referral_assignments_referral ON referral_assignments (tenant_id, referral_id, position);
-- Fairness counts each partner's recent assignments.
CREATE INDEX referral_assignments_recent ON referral_assignments (tenant_id, assigned_at, partner_id);

CREATE TABLE routing_rules (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  -- The whole policy (ordered rules, weights, capacity limits, fairness), validated by the domain's schema.
  policy jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);
