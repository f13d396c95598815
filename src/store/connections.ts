import { randomUUID } from 'node:crypto';
import type { Crm } from '../domain/crm';
import type { Queryable } from './db';
import { SECRET_COLUMNS, secretAad } from './secretColumns';
import type { Keyring } from '../security/secrets';

/** A tenant's link to one CRM account, with its tokens decrypted for use. */
export interface CrmConnection {
  id: string;
  tenantId: string;
  crm: Crm;
  externalAccountId: string;
  instanceUrl: string | null;
  /** Salesforce: the login host the org's grants are refreshed at (null: the configured one). */
  loginUrl: string | null;
  scopes: string[];
  accessToken: string;
  refreshToken: string | null;
  accessTokenExpiresAt: Date | null;
  status: 'active' | 'disconnected' | 'error';
  statusReason: string | null;
  installedBy: string | null;
  connectedAt: Date;
}

interface ConnectionRow {
  id: string;
  tenant_id: string;
  crm: Crm;
  external_account_id: string;
  instance_url: string | null;
  login_url: string | null;
  scopes: string[];
  access_token_enc: string;
  refresh_token_enc: string | null;
  access_token_expires_at: Date | null;
  status: CrmConnection['status'];
  status_reason: string | null;
  installed_by: string | null;
  connected_at: Date;
}

const COLUMNS = `id, tenant_id, crm, external_account_id, instance_url, login_url, scopes, access_token_enc, refresh_token_enc,
  access_token_expires_at, status, status_reason, installed_by, connected_at`;

/** Where a connection's tokens are bound to: its tenant and CRM, the key its upsert keeps. */
const accessTokenAad = (tenantId: string, crm: Crm) => secretAad(SECRET_COLUMNS.crmAccessToken, [tenantId, crm]);
const refreshTokenAad = (tenantId: string, crm: Crm) => secretAad(SECRET_COLUMNS.crmRefreshToken, [tenantId, crm]);

const toConnection = (keyring: Keyring) => (r: ConnectionRow): CrmConnection => ({
  id: r.id,
  tenantId: r.tenant_id,
  crm: r.crm,
  externalAccountId: r.external_account_id,
  instanceUrl: r.instance_url,
  loginUrl: r.login_url,
  scopes: r.scopes,
  accessToken: keyring.decrypt(r.access_token_enc, accessTokenAad(r.tenant_id, r.crm)),
  refreshToken: r.refresh_token_enc ? keyring.decrypt(r.refresh_token_enc, refreshTokenAad(r.tenant_id, r.crm)) : null,
  accessTokenExpiresAt: r.access_token_expires_at,
  status: r.status,
  statusReason: r.status_reason,
  installedBy: r.installed_by,
  connectedAt: r.connected_at,
});

export interface ConnectionGrant {
  externalAccountId: string;
  instanceUrl?: string | null;
  loginUrl?: string | null;
  scopes: string[];
  accessToken: string;
  refreshToken?: string | null;
  accessTokenExpiresAt?: Date | null;
  installedBy?: string | null;
  /** True when the CRM itself reports the installing user as a super admin of the account. */
  installedBySuperAdmin?: boolean;
}

/** Connects (or reconnects) a tenant to a CRM account; a reinstall refreshes tokens and reactivates. */
export async function saveCrmConnection(q: Queryable, keyring: Keyring, tenantId: string, crm: Crm, grant: ConnectionGrant): Promise<CrmConnection> {
  const { rows } = await q.query<ConnectionRow>(
    `INSERT INTO crm_connections (id, tenant_id, crm, external_account_id, instance_url, scopes, access_token_enc, refresh_token_enc,
       access_token_expires_at, installed_by, login_url)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (tenant_id, crm) DO UPDATE SET external_account_id = EXCLUDED.external_account_id, instance_url = EXCLUDED.instance_url,
       login_url = EXCLUDED.login_url, scopes = EXCLUDED.scopes, access_token_enc = EXCLUDED.access_token_enc, refresh_token_enc = EXCLUDED.refresh_token_enc,
       access_token_expires_at = EXCLUDED.access_token_expires_at, installed_by = EXCLUDED.installed_by,
       status = 'active', status_reason = NULL, connected_at = now(), updated_at = now()
     RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      tenantId,
      crm,
      grant.externalAccountId,
      grant.instanceUrl ?? null,
      grant.scopes,
      keyring.encrypt(grant.accessToken, accessTokenAad(tenantId, crm)),
      grant.refreshToken ? keyring.encrypt(grant.refreshToken, refreshTokenAad(tenantId, crm)) : null,
      grant.accessTokenExpiresAt ?? null,
      grant.installedBy ?? null,
      grant.loginUrl ?? null,
    ],
  );
  return toConnection(keyring)(rows[0]!);
}

export async function getCrmConnection(q: Queryable, keyring: Keyring, tenantId: string, crm: Crm): Promise<CrmConnection | null> {
  const { rows } = await q.query<ConnectionRow>(`SELECT ${COLUMNS} FROM crm_connections WHERE tenant_id = $1 AND crm = $2`, [tenantId, crm]);
  return rows[0] ? toConnection(keyring)(rows[0]) : null;
}

export async function listCrmConnections(q: Queryable, keyring: Keyring, tenantId: string): Promise<CrmConnection[]> {
  const { rows } = await q.query<ConnectionRow>(`SELECT ${COLUMNS} FROM crm_connections WHERE tenant_id = $1 ORDER BY crm`, [tenantId]);
  return rows.map(toConnection(keyring));
}

/**
 * Which tenant an inbound CRM request belongs to, from the portal or org id it carries, with
 * its tokens. With findWebhookTenant, the lookups that start without a tenant: they are how the tenant is found.
 */
export async function findCrmConnectionByAccount(
  q: Queryable,
  keyring: Keyring,
  crm: Crm,
  externalAccountId: string,
): Promise<CrmConnection | null> {
  const { rows } = await q.query<ConnectionRow>(`SELECT ${COLUMNS} FROM crm_connections WHERE crm = $1 AND external_account_id = $2`, [
    crm,
    externalAccountId,
  ]);
  return rows[0] ? toConnection(keyring)(rows[0]) : null;
}

/**
 * Which tenant an inbound CRM webhook belongs to, from the portal or org id it carries, with the
 * sync mapping it saved (null for the defaults): what a receiver needs to sort a delivery, in one
 * round trip and without reading (or decrypting) any token.
 */
export async function findWebhookTenant(q: Queryable, crm: Crm, externalAccountId: string): Promise<{ tenantId: string; savedMapping: unknown } | null> {
  const { rows } = await q.query<{ tenant_id: string; mapping: unknown }>(
    `SELECT c.tenant_id, m.mapping FROM crm_connections c LEFT JOIN sync_mappings m ON m.tenant_id = c.tenant_id
     WHERE c.crm = $1 AND c.external_account_id = $2`,
    [crm, externalAccountId],
  );
  return rows[0] ? { tenantId: rows[0].tenant_id, savedMapping: rows[0].mapping } : null;
}

export async function saveRefreshedTokens(
  q: Queryable,
  keyring: Keyring,
  connection: Pick<CrmConnection, 'id' | 'tenantId' | 'crm'>,
  tokens: { accessToken: string; refreshToken?: string | null; accessTokenExpiresAt: Date | null },
): Promise<void> {
  const { tenantId, crm } = connection;
  await q.query(
    `UPDATE crm_connections SET access_token_enc = $2, refresh_token_enc = COALESCE($3, refresh_token_enc),
       access_token_expires_at = $4, updated_at = now() WHERE id = $1`,
    [
      connection.id,
      keyring.encrypt(tokens.accessToken, accessTokenAad(tenantId, crm)),
      tokens.refreshToken ? keyring.encrypt(tokens.refreshToken, refreshTokenAad(tenantId, crm)) : null,
      tokens.accessTokenExpiresAt,
    ],
  );
}

/**
 * A problem an admin should see beside an active connection (e.g. the CRM refusing Trellis's app
 * credentials), or null once it is gone. A disconnected connection keeps its own reason.
 */
export async function noteConnectionProblem(q: Queryable, connectionId: string, problem: string | null): Promise<void> {
  await q.query("UPDATE crm_connections SET status_reason = $2, updated_at = now() WHERE id = $1 AND status = 'active'", [connectionId, problem]);
}

export async function setCrmConnectionStatus(
  q: Queryable,
  tenantId: string,
  crm: Crm,
  status: CrmConnection['status'],
  reason: string | null,
): Promise<void> {
  await q.query('UPDATE crm_connections SET status = $3, status_reason = $4, updated_at = now() WHERE tenant_id = $1 AND crm = $2', [
    tenantId,
    crm,
    status,
    reason,
  ]);
}
