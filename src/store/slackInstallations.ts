import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import { SECRET_COLUMNS, secretAad } from './secretColumns';
import type { Keyring } from '../security/secrets';

/** The Trellis bot installed in a tenant's Slack workspace, its token decrypted for use. */
export interface SlackInstallation {
  id: string;
  tenantId: string;
  teamId: string;
  teamName: string | null;
  appId: string | null;
  botUserId: string;
  botToken: string;
  scopes: string[];
  defaultChannelId: string | null;
  /** "#partner-alerts", as Slack named the channel at install; null for installs from before it was kept. */
  defaultChannelName: string | null;
  status: 'active' | 'disconnected';
  installedBy: string | null;
  installedAt: Date;
}

interface InstallationRow {
  id: string;
  tenant_id: string;
  team_id: string;
  team_name: string | null;
  app_id: string | null;
  bot_user_id: string;
  bot_token_enc: string;
  scopes: string[];
  default_channel_id: string | null;
  default_channel_name: string | null;
  status: SlackInstallation['status'];
  installed_by: string | null;
  installed_at: Date;
}

const COLUMNS = 'id, tenant_id, team_id, team_name, app_id, bot_user_id, bot_token_enc, scopes, default_channel_id, default_channel_name, status, installed_by, installed_at';

/** A bot token is bound to its tenant, the key the installation's upsert keeps. */
const botTokenAad = (tenantId: string) => secretAad(SECRET_COLUMNS.slackBotToken, [tenantId]);

const toInstallation = (keyring: Keyring) => (r: InstallationRow): SlackInstallation => ({
  id: r.id,
  tenantId: r.tenant_id,
  teamId: r.team_id,
  teamName: r.team_name,
  appId: r.app_id,
  botUserId: r.bot_user_id,
  botToken: keyring.decrypt(r.bot_token_enc, botTokenAad(r.tenant_id)),
  scopes: r.scopes,
  defaultChannelId: r.default_channel_id,
  defaultChannelName: r.default_channel_name,
  status: r.status,
  installedBy: r.installed_by,
  installedAt: r.installed_at,
});

export type SlackGrant = Pick<SlackInstallation, 'teamId' | 'teamName' | 'appId' | 'botUserId' | 'botToken' | 'scopes' | 'defaultChannelId' | 'installedBy'> & { defaultChannelName?: string | null };

export async function saveSlackInstallation(q: Queryable, keyring: Keyring, tenantId: string, g: SlackGrant): Promise<SlackInstallation> {
  const { rows } = await q.query<InstallationRow>(
    `INSERT INTO slack_installations (id, tenant_id, team_id, team_name, app_id, bot_user_id, bot_token_enc, scopes, default_channel_id, default_channel_name, installed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (tenant_id) DO UPDATE SET team_id = EXCLUDED.team_id, team_name = EXCLUDED.team_name, app_id = EXCLUDED.app_id,
       bot_user_id = EXCLUDED.bot_user_id, bot_token_enc = EXCLUDED.bot_token_enc, scopes = EXCLUDED.scopes,
       default_channel_id = COALESCE(EXCLUDED.default_channel_id, slack_installations.default_channel_id),
       -- The name goes with the id it names: a reinstall that picks no channel keeps both.
       default_channel_name = CASE WHEN EXCLUDED.default_channel_id IS NULL THEN slack_installations.default_channel_name ELSE EXCLUDED.default_channel_name END,
       installed_by = EXCLUDED.installed_by, status = 'active', installed_at = now(), updated_at = now()
     RETURNING ${COLUMNS}`,
    [randomUUID(), tenantId, g.teamId, g.teamName, g.appId, g.botUserId, keyring.encrypt(g.botToken, botTokenAad(tenantId)), g.scopes, g.defaultChannelId, g.defaultChannelName ?? null, g.installedBy],
  );
  return toInstallation(keyring)(rows[0]!);
}

export async function getSlackInstallation(q: Queryable, keyring: Keyring, tenantId: string): Promise<SlackInstallation | null> {
  const { rows } = await q.query<InstallationRow>(`SELECT ${COLUMNS} FROM slack_installations WHERE tenant_id = $1`, [tenantId]);
  return rows[0] ? toInstallation(keyring)(rows[0]) : null;
}

/** Which tenant a Slack request belongs to, from its team id: how the tenant is found. */
export async function findSlackInstallationByTeam(q: Queryable, keyring: Keyring, teamId: string): Promise<SlackInstallation | null> {
  const { rows } = await q.query<InstallationRow>(`SELECT ${COLUMNS} FROM slack_installations WHERE team_id = $1`, [teamId]);
  return rows[0] ? toInstallation(keyring)(rows[0]) : null;
}

export async function disconnectSlack(q: Queryable, tenantId: string): Promise<void> {
  await q.query("UPDATE slack_installations SET status = 'disconnected', updated_at = now() WHERE tenant_id = $1", [tenantId]);
}
