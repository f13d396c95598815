-- API keys with a lifecycle: a role scope, an optional expiry, when each was last used (written at
-- most once a minute) and who created it. Keys made before this had every power, so they stay admin.
ALTER TABLE api_keys ADD COLUMN role text NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'read_only'));
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
ALTER TABLE api_keys ADD COLUMN created_by text;
