-- Where each tenant's Salesforce Change Data Capture subscription resumes: the replay id of the
-- last change event Trellis stored (or of the stream's tip when idle), per channel.
CREATE TABLE salesforce_cdc_replay (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  channel text NOT NULL,
  replay_id bigint NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel)
);
