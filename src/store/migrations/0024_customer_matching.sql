-- Customer matching beyond trigrams: the organisation a domain belongs to (eu.acme.co.uk → acme.co.uk)
-- and the keys under which a name is found one typo away. The application fills both, and recomputes
-- normalized names with the new legal forms and transliterations, in the step that follows this file
-- (src/store/customerKeys.ts).
ALTER TABLE accounts ADD COLUMN registrable_domain text;
ALTER TABLE accounts ADD COLUMN name_keys text[] NOT NULL DEFAULT '{}';
CREATE INDEX accounts_open_registrable_domain ON accounts (tenant_id, registrable_domain) WHERE has_open_registrations AND registrable_domain IS NOT NULL;
CREATE INDEX accounts_open_name_keys ON accounts USING gin (tenant_id, name_keys) WHERE has_open_registrations;
-- Nearly every key is rare; with the default statistics the planner takes a search for a name's ~40 keys
-- to match a third of the table and scans the tenant instead. Finer statistics tell it the truth.
ALTER TABLE accounts ALTER COLUMN name_keys SET STATISTICS 2000;
CREATE INDEX crm_deals_company ON crm_deals (tenant_id, crm, company_crm_id) WHERE company_crm_id IS NOT NULL;
CREATE INDEX deal_registrations_open_by_crm_deal ON deal_registrations (tenant_id, crm_deal_ref) WHERE crm_deal_ref IS NOT NULL AND status IN ('pending', 'approved');
