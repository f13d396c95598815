import { CHOICE_PLANS, type ConflictChoice } from '../domain/conflicts';
import { getConflict, type StoredConflict } from '../store/conflicts';
import { getRegistration } from '../store/registrations';
import type { Actor, Deps } from './context';
import { approveDealRegistration } from './decideDealRegistration';
import { notFound } from './errors';
import { resolveConflict } from './resolveConflict';

/**
 * A manager's choice on a conflict, wherever it is made (a Slack button, the approval inbox):
 * resolve it, then approve the side that keeps the customer if it is still pending. `where`
 * goes into the resolution's note ("decided in Slack").
 */
export async function settleConflict(deps: Deps, actor: Actor, conflictId: string, choice: ConflictChoice, where: string): Promise<StoredConflict> {
  const conflict = await getConflict(deps.db, actor.tenantId, conflictId);
  if (!conflict) throw notFound('conflict');
  const { resolution, approve } = CHOICE_PLANS[choice];
  const note = choice === 'reject_newer' ? `newer registration rejected in ${where}` : `decided in ${where}`;
  const resolved = await resolveConflict(deps, actor, conflictId, resolution, note);
  const winnerId = approve === 'existing' ? conflict.conflictingRegistrationId : approve === 'new' ? conflict.registrationId : null;
  const winner = winnerId ? await getRegistration(deps.db, actor.tenantId, winnerId) : null;
  if (winner?.status === 'pending') await approveDealRegistration(deps, actor, winner.id);
  return resolved;
}
