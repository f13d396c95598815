import { principalFor } from '../../domain/access';
import { getTenant } from '../../store/tenants';
import { issueSalesforceCardSecret } from '../../usecases/cardCredentials';
import type { Deps } from '../../usecases/context';

/**
 * The org card secret an admin enters in the org's External Credential: the preview issues one per
 * tenant the first time it runs the Apex class in this process (through the same use case as
 * `POST /api/v1/card-credentials/salesforce`, so it is audited, and it replaces the previous
 * secret, as issuing one does) and keeps it in memory, where an org keeps it in its credential store.
 */
export function orgCardSecrets(deps: Deps): (tenantId: string) => Promise<string> {
  const issued = new Map<string, Promise<string>>();
  const issue = async (tenantId: string) => {
    const tenant = await getTenant(deps.db, tenantId);
    if (!tenant) throw new Error(`No tenant ${tenantId}`);
    const actor = { tenantId, settings: tenant.settings, name: 'Salesforce preview (sandbox)', principal: principalFor('admin') };
    return (await issueSalesforceCardSecret(deps, actor)).secret;
  };
  return (tenantId) => {
    let secret = issued.get(tenantId);
    if (!secret) {
      secret = issue(tenantId);
      secret.catch(() => issued.delete(tenantId));
      issued.set(tenantId, secret);
    }
    return secret;
  };
}
