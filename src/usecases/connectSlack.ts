import { findSlackInstallationByTeam, saveSlackInstallation, type SlackGrant, type SlackInstallation } from '../store/slackInstallations';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import type { Deps } from './context';
import { conflictError } from './errors';

/** The bot installed in the tenant's workspace; a workspace belongs to one tenant. */
export async function connectSlack(deps: Deps, tenantId: string, grant: SlackGrant): Promise<SlackInstallation> {
  return deps.db.transaction(async (tx) => {
    const owner = await findSlackInstallationByTeam(tx, deps.keyring, grant.teamId);
    if (owner && owner.tenantId !== tenantId) throw conflictError('conflict', 'This Slack workspace is already connected to another Trellis workspace.');
    const installation = await saveSlackInstallation(tx, deps.keyring, tenantId, grant);
    await recordAudit(tx, tenantId, {
      actor: grant.installedBy ? `slack:${grant.installedBy}` : 'slack:install',
      action: 'slack.installed',
      entityType: 'slack_installation',
      entityId: installation.id,
      details: { teamId: grant.teamId, defaultChannelId: grant.defaultChannelId },
    });
    await appendOutboxEvent(tx, tenantId, 'slack.installed', installation.id, { installationId: installation.id, teamId: grant.teamId, origin: 'trellis' });
    return installation;
  });
}
