import type { WebClient } from '@slack/web-api';
import { getTenant } from '../../store/tenants';
import type { Actor, Deps } from '../../usecases/context';
import { notFound } from '../../usecases/errors';

export interface SlackActor extends Actor {
  slackUserId: string;
  email: string | null;
}

/**
 * The person who pressed a button, as decisions record them: `slack:U123 (jane@vendor.com)`.
 * The email comes from their Slack profile (users:read.email).
 */
export async function slackActor(deps: Deps, client: WebClient, tenantId: string, slackUserId: string): Promise<SlackActor> {
  const tenant = await getTenant(deps.db, tenantId);
  if (!tenant) throw notFound('tenant');
  const info = await client.users.info({ user: slackUserId }).catch(() => null);
  const email = info?.user?.profile?.email ?? null;
  return {
    tenantId,
    settings: tenant.settings,
    name: email ? `slack:${slackUserId} (${email})` : `slack:${slackUserId}`,
    slackUserId,
    email,
  };
}
