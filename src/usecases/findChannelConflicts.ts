import { detectChannelConflicts, type ChannelConflict, type Submission } from '../domain/conflicts';
import type { Queryable } from '../store/db';
import { findConflictCandidates } from '../store/registrations';
import type { Actor } from './context';

/** Channel conflicts of a submission against the tenant's registrations as they are now: the index narrows, the domain rule decides. */
export async function findChannelConflicts(tx: Queryable, actor: Actor, submission: Submission, now: Date): Promise<ChannelConflict[]> {
  const candidates = await findConflictCandidates(tx, actor.tenantId, {
    customer: submission.customer,
    products: submission.products,
    excludePartnerId: submission.partnerId,
    nameThreshold: actor.settings.nameMatchThreshold,
    now,
  });
  return detectChannelConflicts(submission, candidates, actor.settings, now);
}
