import { recordAudit } from '../store/outbox';
import { savePolicy, type PolicyKind } from '../store/tenantPolicies';
import type { Actor, Deps } from './context';

/** Replaces one of the tenant's policies (already validated), audited. */
export async function replacePolicy<T>(deps: Deps, actor: Actor, kind: PolicyKind, document: T): Promise<T> {
  await deps.db.transaction(async (tx) => {
    await savePolicy(tx, actor.tenantId, kind, document, actor.name);
    await recordAudit(tx, actor.tenantId, { actor, action: `${kind}.replaced`, entityType: 'tenant', entityId: actor.tenantId });
  });
  return document;
}
