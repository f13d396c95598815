-- Deal registrations travel to the CRMs: the CRM deal a registration was made from (when a
-- rep registered it on a deal record), and the deal's stage as the CRM reports it.
ALTER TABLE deal_registrations ADD COLUMN crm_deal_ref text;
ALTER TABLE deal_registrations ADD COLUMN deal_stage text;

-- Card and conflict views look registrations' conflicts up from either side.
CREATE INDEX conflicts_conflicting_registration ON conflicts (tenant_id, conflicting_registration_id);

-- A person's choice between the two values of a sync field conflict (from Slack or the API).
ALTER TABLE sync_field_conflicts ADD COLUMN chosen_winner text CHECK (chosen_winner IN ('trellis', 'crm'));
ALTER TABLE sync_field_conflicts ADD COLUMN chosen_by text;
ALTER TABLE sync_field_conflicts ADD COLUMN chosen_at timestamptz;

-- Each connection's batch query reads its waiting records in due order.
CREATE INDEX sync_pending_connection_due ON sync_pending (tenant_id, crm, due_at, record_key);

-- Nothing is written to a CRM before it has the properties and objects the mapping needs;
-- connections that have synced already were provisioned.
ALTER TABLE sync_connection_state ADD COLUMN provisioned_at timestamptz;
UPDATE sync_connection_state SET provisioned_at = now() WHERE last_success_at IS NOT NULL;
