import type { WebClient } from '@slack/web-api';
import { getTenant } from '../../store/tenants';
import { findVendorUserByEmail } from '../../store/vendorUsers';
import { userActor } from '../../usecases/actors';
import type { Actor, Deps } from '../../usecases/context';
import { forbidden, notFound } from '../../usecases/errors';

export interface SlackActor extends Actor {
  slackUserId: string;
  email: string;
  /** How people know them: their Slack name, else their Trellis display name, else their email. */
  displayName: string;
}

/**
 * The person who pressed a button, as the Trellis user with the email of their Slack profile
 * (users:read.email; Slack verifies profile emails). Decisions record them as
 * `slack:U123 (jane@vendor.com)`. A clicker Trellis does not know decides nothing.
 */
export async function slackActor(deps: Deps, client: WebClient, tenantId: string, slackUserId: string): Promise<SlackActor> {
  const tenant = await getTenant(deps.db, tenantId);
  if (!tenant) throw notFound('tenant');
  const info = await client.users.info({ user: slackUserId }).catch(() => null);
  const email = info?.user?.profile?.email ?? null;
  const user = email ? await findVendorUserByEmail(deps.db, tenantId, email) : null;
  if (!email || !user) {
    throw forbidden(
      email
        ? `${email} is not a Trellis user of this workspace. Ask your Trellis admin to add you`
        : 'Trellis could not read the email of your Slack profile, so it cannot tell who you are. Ask your Trellis admin',
    );
  }
  const displayName = info?.user?.real_name || info?.user?.profile?.real_name || user.displayName || email;
  return { ...userActor(tenant, user, `slack:${slackUserId} (${email})`), slackUserId, email, displayName };
}
