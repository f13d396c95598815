-- Signing in with HubSpot, Salesforce or an OpenID Connect provider sends the browser away and back
-- like an install does, with the same one-time state bound to the browser.
ALTER TABLE oauth_states DROP CONSTRAINT IF EXISTS oauth_states_provider_check;
ALTER TABLE oauth_states ADD CONSTRAINT oauth_states_provider_check
  CHECK (provider IN ('hubspot', 'salesforce', 'slack', 'hubspot_signin', 'salesforce_signin', 'oidc_signin'));
