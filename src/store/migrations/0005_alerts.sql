-- Slack alerts: where each kind goes, what was raised and posted (so nothing is posted twice),
-- per-channel pacing, refused request replays, and partner health snapshots for the drop rule.

-- Ordered routing rules; the first whose non-null filters all match decides. No match: the default channel.
CREATE TABLE alert_routes (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  position integer NOT NULL,
  kind text,
  region text CHECK (region IN ('NA', 'LATAM', 'EMEA', 'APAC')),
  tier text CHECK (tier IN ('registered', 'silver', 'gold', 'platinum')),
  channel_id text,
  to_partner_manager boolean NOT NULL DEFAULT false,
  CHECK (to_partner_manager OR channel_id IS NOT NULL),
  PRIMARY KEY (tenant_id, position)
);

-- One row per alert subject (a conflict, a registration, a partner…). Raising it again inside the
-- dedupe window only counts; the Slack channel and ts are recorded so the message is updated, never reposted.
CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kind text NOT NULL,
  subject_id text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL CHECK (status IN ('pending', 'posting', 'posted', 'digested', 'closed')),
  raise_count integer NOT NULL DEFAULT 1,
  first_raised_at timestamptz NOT NULL,
  last_raised_at timestamptz NOT NULL,
  channel_id text,
  ts text,
  posted_at timestamptz,
  digest_id uuid REFERENCES alerts (id),
  outcome text,
  closed_by text,
  closed_at timestamptz,
  snoozed_until timestamptz,
  UNIQUE (tenant_id, kind, subject_id)
);
CREATE INDEX alerts_recent_by_kind ON alerts (tenant_id, kind, last_raised_at);
CREATE INDEX alerts_digest ON alerts (tenant_id, digest_id) WHERE digest_id IS NOT NULL;

-- Outbox events already applied to alerts: a redelivered event changes nothing twice.
CREATE TABLE alert_events (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  event_id bigint NOT NULL,
  PRIMARY KEY (tenant_id, event_id)
);

-- The next moment a message may go to a channel (Slack allows about one per second per channel).
CREATE TABLE slack_channel_pace (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  channel_id text NOT NULL,
  next_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, channel_id)
);

-- Signatures of Slack requests already accepted, kept for the 5-minute window so a replay is refused.
-- Checked before the request is read, so before its tenant is known: the one table without tenant_id.
CREATE TABLE slack_request_signatures (
  signature text PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX slack_request_signatures_age ON slack_request_signatures (received_at);

CREATE TABLE health_snapshots (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  evaluated_at timestamptz NOT NULL,
  score integer NOT NULL,
  at_risk boolean NOT NULL,
  factors jsonb NOT NULL,
  PRIMARY KEY (tenant_id, partner_id, evaluated_at)
);
