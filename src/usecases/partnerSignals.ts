import type { ActivityInput, CertificationInput, SatisfactionInput, SupportCaseInput } from '../domain/partnerSignals';
import type { Queryable } from '../store/db';
import { recordAudit } from '../store/outbox';
import { insertActivities, insertCertification, insertSatisfactionResponse, upsertSupportCase } from '../store/partnerSignals';
import type { Actor, Deps } from './context';
import { conflictError, notFound } from './errors';
import { requirePermissionFor } from './authorize';

/** One transaction: the partner must be the tenant's, the signal is written, and recording it is audited. */
async function recordSignal<T extends { id: string }>(deps: Deps, actor: Actor, partnerId: string, action: string, write: (tx: Queryable) => Promise<T>) {
  return deps.db.transaction(async (tx) => {
    const { rowCount } = await tx.query('SELECT 1 FROM partners WHERE tenant_id = $1 AND id = $2', [actor.tenantId, partnerId]);
    if (rowCount === 0) throw notFound('partner');
    await requirePermissionFor(tx, actor, 'manage_partners', [partnerId], 'record signals for this partner');
    const recorded = await write(tx);
    await recordAudit(tx, actor.tenantId, { actor, action, entityType: 'partner', entityId: partnerId, details: { id: recorded.id } });
    return recorded;
  });
}

export const recordCertification = (deps: Deps, actor: Actor, partnerId: string, input: CertificationInput) =>
  recordSignal(deps, actor, partnerId, 'certification.recorded', (tx) => insertCertification(tx, actor.tenantId, partnerId, input));

export const recordSatisfaction = (deps: Deps, actor: Actor, partnerId: string, input: SatisfactionInput) =>
  recordSignal(deps, actor, partnerId, 'satisfaction.recorded', (tx) => insertSatisfactionResponse(tx, actor.tenantId, partnerId, input));

export const recordActivity = (deps: Deps, actor: Actor, partnerId: string, input: ActivityInput) =>
  recordSignal(deps, actor, partnerId, 'activity.recorded', async (tx) => (await insertActivities(tx, actor.tenantId, partnerId, [input]))[0]!);

/** A feed's batch of one partner's activity (e.g. an export of portal logins): one transaction, audited once by its first event. */
export async function recordActivities(deps: Deps, actor: Actor, partnerId: string, inputs: readonly ActivityInput[]) {
  if (inputs.length === 0) return [];
  const { recorded } = await recordSignal(deps, actor, partnerId, 'activity.recorded', async (tx) => {
    const all = await insertActivities(tx, actor.tenantId, partnerId, inputs);
    return { id: all[0]!.id, recorded: all };
  });
  return recorded;
}

/** Records a case or updates it by its help desk id; `created` says which. */
export async function recordSupportCase(deps: Deps, actor: Actor, partnerId: string, input: SupportCaseInput) {
  const { created, supportCase } = await recordSignal(deps, actor, partnerId, 'support_case.recorded', async (tx) => {
    const result = await upsertSupportCase(tx, actor.tenantId, partnerId, input);
    if (!result) throw conflictError('conflict', `support case ${input.externalId} belongs to another partner`, { externalId: input.externalId });
    return { id: result.supportCase.id, ...result };
  });
  return { created, supportCase };
}
