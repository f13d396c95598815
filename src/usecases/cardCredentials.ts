import { issueCardCredential } from '../store/cardCredentials';
import { getCrmConnection } from '../store/connections';
import { recordAudit } from '../store/outbox';
import type { Actor, Deps } from './context';
import { conflictError } from './errors';

/**
 * A new secret for the Salesforce org's Named Credential (its External Credential sends it
 * to the card backend); the previous secret stops working at once.
 */
export async function issueSalesforceCardSecret(deps: Deps, actor: Actor): Promise<{ orgId: string; secret: string }> {
  return deps.db.transaction(async (tx) => {
    const connection = await getCrmConnection(tx, deps.keyring, actor.tenantId, 'salesforce');
    if (!connection || connection.status !== 'active') throw conflictError('conflict', 'Connect a Salesforce org first');
    const secret = await issueCardCredential(tx, actor.tenantId, 'salesforce', connection.externalAccountId);
    await recordAudit(tx, actor.tenantId, {
      actor,
      action: 'card_credential.issued',
      entityType: 'crm_connection',
      entityId: connection.id,
      details: { crm: 'salesforce', orgId: connection.externalAccountId },
    });
    return { orgId: connection.externalAccountId, secret };
  });
}
