-- The sync engine's bookkeeping: which CRM record each Trellis entity is, what was last agreed
-- with it, what still has to be synced, raw inbound events, dead letters, field conflicts,
-- per-tenant mapping overrides and per-connection progress.

-- One Trellis entity ↔ one CRM record. `synced_values` is the last state both sides agreed on
-- (the base of the three-way merge); `synced_hash` lets an echo of our own write be dropped cheaply.
CREATE TABLE sync_links (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  entity_kind text NOT NULL CHECK (entity_kind IN ('partner', 'registration')),
  entity_id uuid NOT NULL,
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  crm_id text NOT NULL,
  synced_values jsonb NOT NULL DEFAULT '{}'::jsonb,
  synced_hash text,
  crm_modified_at timestamptz,
  -- Set when the CRM record was deleted or merged away; the entity is then no longer written there.
  tombstoned_at timestamptz,
  tombstone_reason text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, entity_kind, entity_id, crm),
  UNIQUE (tenant_id, crm, entity_kind, crm_id)
);

-- Records waiting to be synced with one CRM: one row per record however many changes arrived
-- (coalescing), keyed by the Trellis id (`e:<uuid>`) or, for CRM records not linked yet, the CRM id (`c:<id>`).
CREATE TABLE sync_pending (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  entity_kind text NOT NULL CHECK (entity_kind IN ('partner', 'registration')),
  record_key text NOT NULL,
  -- Bumped by every new change, so a change arriving mid-sync keeps the row for another round.
  version bigint NOT NULL DEFAULT 1,
  due_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, crm, entity_kind, record_key)
);
CREATE INDEX sync_pending_due ON sync_pending (due_at);

-- Every webhook event as received, deduplicated, kept for audit and replay.
CREATE TABLE inbound_events (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  dedupe_key text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'echo', 'ignored')),
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, crm, dedupe_key)
);

-- Records a CRM refused for good, with a reason an admin can act on; replay puts them back in sync_pending.
CREATE TABLE dead_letters (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  entity_kind text NOT NULL,
  record_key text NOT NULL,
  reason text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  replayed_at timestamptz
);
CREATE UNIQUE INDEX dead_letters_open_record ON dead_letters (tenant_id, crm, entity_kind, record_key) WHERE status = 'open';
CREATE INDEX dead_letters_page ON dead_letters (tenant_id, created_at DESC, id DESC);

-- One field changed on both sides since they last agreed, to different values.
CREATE TABLE sync_field_conflicts (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  entity_kind text NOT NULL,
  entity_id uuid NOT NULL,
  crm text NOT NULL,
  crm_id text NOT NULL,
  field text NOT NULL,
  base_value text,
  trellis_value text,
  crm_value text,
  winner text NOT NULL CHECK (winner IN ('trellis', 'crm')),
  rule text NOT NULL,
  detected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_field_conflicts_page ON sync_field_conflicts (tenant_id, detected_at DESC, id DESC);

-- A tenant's changes to the default field mapping.
CREATE TABLE sync_mappings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Per connection: the reconciliation watermark, the backfill's resumable cursor, and recent outcomes.
CREATE TABLE sync_connection_state (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  watermark timestamptz,
  backfill_status text NOT NULL DEFAULT 'none' CHECK (backfill_status IN ('none', 'running', 'done', 'failed')),
  backfill_cursor text,
  backfill_seen integer NOT NULL DEFAULT 0,
  backfill_started_at timestamptz,
  backfill_finished_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  last_error_at timestamptz,
  PRIMARY KEY (tenant_id, crm)
);
