import { customerKey } from '../domain/customer';
import {
  approveRegistration,
  closeRegistration,
  rejectRegistration,
  type DealRegistration,
} from '../domain/registration';
import type { Result } from '../domain/result';
import type { Queryable } from '../store/db';
import { listConflictsOfRegistration } from '../store/conflicts';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { registrationsForSync } from '../store/registrationSync';
import { getRegistration, saveRegistrationState } from '../store/registrations';
import { lockTenantRegistrations } from '../store/tenantLock';
import { deciderOf, type Actor, type Deps } from './context';
import { fromDomainFailure, notFound } from './errors';
import { findChannelConflicts } from './findChannelConflicts';
import { requirePermissionFor } from './authorize';

type Decision = 'approved' | 'rejected' | 'won' | 'lost';
const DECISION_VERBS: Record<Decision, string> = { approved: 'approve', rejected: 'reject', won: 'close', lost: 'close' };

/** Loads, applies one lifecycle decision, and stores it with its audit entry and event: one transaction. */
async function decide(
  deps: Deps,
  actor: Actor,
  id: string,
  action: Decision,
  apply: (tx: Queryable, reg: DealRegistration, now: Date) => Promise<Result<DealRegistration>>,
): Promise<DealRegistration> {
  return deps.db.transaction(async (tx) => {
    await lockTenantRegistrations(tx, actor.tenantId);
    const current = await getRegistration(tx, actor.tenantId, id, { forUpdate: true });
    if (!current) throw notFound('deal registration');
    await requirePermissionFor(tx, actor, 'decide', [current.partnerId], `${DECISION_VERBS[action]} this registration`);
    const now = deps.clock.now();
    const result = await apply(tx, current, now);
    if (!result.ok) throw fromDomainFailure(result.error);
    const next = result.value;
    await saveRegistrationState(tx, actor.tenantId, next);
    await recordAudit(tx, actor.tenantId, {
      actor,
      action: `deal_registration.${action}`,
      entityType: 'deal_registration',
      entityId: id,
      details: { from: current.status, to: next.status, reason: next.decision?.reason ?? null, override: next.override?.reason ?? null },
    });
    await appendOutboxEvent(tx, actor.tenantId, `deal_registration.${action}`, id, { registrationId: id, status: next.status, origin: 'trellis' });
    return next;
  });
}

/**
 * Approval re-checks conflicts against the registrations as they are now: one that was
 * pending at submission may have been approved since, and one that blocked may have expired.
 * Pairs a manager resolved as "not a conflict" no longer block.
 */
async function blockingRegistrationIds(tx: Queryable, actor: Actor, reg: DealRegistration, now: Date): Promise<string[]> {
  const cleared = new Set(
    (await listConflictsOfRegistration(tx, actor.tenantId, reg.id))
      .filter((c) => c.resolution === 'not_a_conflict')
      .map((c) => (c.registrationId === reg.id ? c.conflictingRegistrationId : c.registrationId)),
  );
  const submission = { partnerId: reg.partnerId, customer: customerKey(reg.customer, actor.settings.extraFreeMailDomains), products: reg.products, region: reg.region };
  const [stored] = await registrationsForSync(tx, actor.tenantId, [reg.id]);
  return (await findChannelConflicts(tx, actor, submission, now, stored?.crmDealRef))
    .filter((c) => c.blocksApproval && !cleared.has(c.registrationId))
    .map((c) => c.registrationId);
}

export function approveDealRegistration(deps: Deps, actor: Actor, id: string, overrideReason?: string) {
  return decide(deps, actor, id, 'approved', async (tx, reg, now) =>
    approveRegistration(reg, {
      actor: deciderOf(actor),
      now,
      protectionWindowDays: actor.settings.protectionWindowDays,
      blockingRegistrationIds: reg.status === 'pending' ? await blockingRegistrationIds(tx, actor, reg, now) : [],
      overrideReason,
    }),
  );
}

export function rejectDealRegistration(deps: Deps, actor: Actor, id: string, reason: string) {
  return decide(deps, actor, id, 'rejected', async (_tx, reg, now) => rejectRegistration(reg, deciderOf(actor), reason, now));
}

export function closeDealRegistration(deps: Deps, actor: Actor, id: string, outcome: 'won' | 'lost') {
  return decide(deps, actor, id, outcome, async (_tx, reg, now) => closeRegistration(reg, outcome, now));
}
