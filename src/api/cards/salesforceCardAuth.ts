import { z } from 'zod';
import { findCardCredentialOwner } from '../../store/cardCredentials';
import { findCrmConnectionByAccount } from '../../store/connections';
import { getTenant } from '../../store/tenants';
import type { Deps } from '../../usecases/context';
import { crmUserActor } from '../../usecases/actors';
import { unauthorized } from '../../usecases/errors';
import type { Authenticator } from '../route';

const Email = z.email();

/**
 * Calls from the org's Apex through its Named Credential: the External Credential sends the
 * org's card secret as a bearer token, and the Apex class names the Salesforce user in
 * `X-Trellis-User-Email` (trusted because only code inside the org holds the secret).
 */
export function salesforceCardAuthenticator(deps: Deps): Authenticator {
  return async (req) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) throw unauthorized('Send the org card secret as "Authorization: Bearer <secret>"');
    const owner = await findCardCredentialOwner(deps.db, match[1]!);
    if (!owner) throw unauthorized('The card secret is not valid');
    const connection = await findCrmConnectionByAccount(deps.db, deps.keyring, 'salesforce', owner.externalAccountId);
    if (!connection || connection.tenantId !== owner.tenantId || connection.status !== 'active') {
      throw unauthorized('Trellis is not connected to this Salesforce org');
    }
    const tenant = await getTenant(deps.db, owner.tenantId);
    if (!tenant) throw unauthorized('The card secret is not valid');
    const email = Email.safeParse(req.get('x-trellis-user-email') ?? '');
    if (!email.success) throw unauthorized('Name the Salesforce user in X-Trellis-User-Email');
    return crmUserActor(deps, tenant, email.data, email.data);
  };
}
