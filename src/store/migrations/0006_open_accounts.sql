-- A conflict check only ever matches customers that someone still claims (a pending or approved
-- registration). Marking those accounts lets the trigram search skip the far larger rest.
ALTER TABLE accounts ADD COLUMN has_open_registrations boolean NOT NULL DEFAULT false;
UPDATE accounts a SET has_open_registrations = EXISTS (
  SELECT 1 FROM deal_registrations r
  WHERE r.tenant_id = a.tenant_id AND r.account_id = a.id AND r.status IN ('pending', 'approved')
);
CREATE INDEX accounts_open_name_trgm ON accounts USING gin (tenant_id, normalized_name gin_trgm_ops) WHERE has_open_registrations;
CREATE INDEX accounts_open_domain ON accounts (tenant_id, normalized_domain) WHERE has_open_registrations AND normalized_domain IS NOT NULL;
