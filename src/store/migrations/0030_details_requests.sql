-- Questions asked about a registration from its Slack alert ("Ask for details"), and the answer the registering side gave.
CREATE TABLE details_requests (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  registration_id uuid NOT NULL REFERENCES deal_registrations (id) ON DELETE CASCADE,
  -- The alert whose Slack thread gets the answer.
  alert_id uuid REFERENCES alerts (id) ON DELETE SET NULL,
  question text NOT NULL,
  requested_by text NOT NULL,
  -- The asker as people read it (a name), beside the actor recorded in requested_by.
  requested_by_name text NOT NULL,
  requested_at timestamptz NOT NULL,
  -- False when no mail could go out (mail not configured): the question is in Slack only.
  mailed boolean NOT NULL,
  answer text,
  answered_by text,
  answered_at timestamptz,
  -- The Slack reply carrying the answer, once posted in the alert's thread.
  answer_posted_ts text
);
CREATE INDEX details_requests_of_registration ON details_requests (tenant_id, registration_id, requested_at DESC);

-- Who was emailed a link to answer; the link's token is their credential, kept only as its SHA-256.
CREATE TABLE details_request_recipients (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  request_id uuid NOT NULL REFERENCES details_requests (id) ON DELETE CASCADE,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('registering_rep', 'partner_contact')),
  token_hash text UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  mailed_at timestamptz
);
CREATE INDEX details_request_recipients_of_request ON details_request_recipients (tenant_id, request_id);
