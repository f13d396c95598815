-- Salesforce orgs log in (and refresh their grants) at their own host: login.salesforce.com,
-- test.salesforce.com for sandboxes, or the org's My Domain. An install remembers the host it
-- started at until its callback, and a connection keeps the host its grants are refreshed at.
-- Empty for HubSpot, and for Salesforce connections made before hosts were kept (they use the
-- configured SALESFORCE_LOGIN_URL, as before).
ALTER TABLE oauth_states ADD COLUMN login_url text;
ALTER TABLE crm_connections ADD COLUMN login_url text;
