-- Partners' own people: they sign in to the portal by a link mailed to them and act only for their partner.
CREATE TABLE partner_users (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email)),
  display_name text,
  role text NOT NULL CHECK (role IN ('partner_admin', 'seller', 'marketer')),
  -- A BCP 47 tag such as de or pt-BR; null means the partner's country decides.
  locale text,
  invited_by text NOT NULL,
  invited_at timestamptz NOT NULL,
  first_signed_in_at timestamptz,
  last_signed_in_at timestamptz,
  removed_at timestamptz
);
-- One person per email in a vendor's program; the same email may be a user of another vendor's program.
CREATE UNIQUE INDEX partner_users_email ON partner_users (tenant_id, email) WHERE removed_at IS NULL;
CREATE INDEX partner_users_partner ON partner_users (tenant_id, partner_id) WHERE removed_at IS NULL;

-- Links mailed to sign in (an invitation or a requested link): single use, short-lived. The mail job
-- makes the token when it sends the mail, so no token waits in a queue; only its hash is kept.
CREATE TABLE partner_sign_in_links (
  id uuid PRIMARY KEY,
  token_hash text UNIQUE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES partner_users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('invitation', 'sign_in')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  mailed_at timestamptz,
  used_at timestamptz
);
CREATE INDEX partner_sign_in_links_user ON partner_sign_in_links (user_id);

CREATE TABLE partner_sessions (
  -- sha256 of the cookie's token; the token itself is never stored.
  token_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES partner_users (id) ON DELETE CASCADE,
  signed_in_with text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX partner_sessions_user ON partner_sessions (user_id);
