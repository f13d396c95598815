import { ROLE_LABELS } from '../domain/access';
import type { Deps } from '../usecases/context';
import { listVendorUsers } from '../store/vendorUsers';

export interface Viewer {
  email: string;
  label: string;
}

const CRM_USER_WITHOUT_ACCOUNT = 'crm.user@example.com';

/**
 * Whom a preview page can be viewed as: the workspace's users with their roles, and a CRM user
 * Trellis does not know, who gets the tenant's default role. The one asked for is added when it
 * is none of them; without one, the first is viewing.
 */
export async function previewViewers(deps: Pick<Deps, 'db'>, tenantId: string, asked: string | undefined): Promise<{ people: Viewer[]; viewer: string }> {
  const users = await listVendorUsers(deps.db, tenantId);
  const people = [
    ...users.map((u) => ({ email: u.email, label: `${u.displayName ?? u.email} (${ROLE_LABELS[u.role]})` })),
    { email: CRM_USER_WITHOUT_ACCOUNT, label: `${CRM_USER_WITHOUT_ACCOUNT} (a CRM user who is not a Trellis user)` },
  ];
  const viewer = asked ?? people[0]!.email;
  if (!people.some((p) => p.email === viewer)) people.unshift({ email: viewer, label: viewer });
  return { people, viewer };
}
