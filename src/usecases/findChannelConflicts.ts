import { detectChannelConflicts, type ChannelConflict, type Submission } from '../domain/conflicts';
import type { Queryable } from '../store/db';
import { crmCompanyOfDeal, findConflictCandidates } from '../store/registrations';
import type { Actor } from './context';

/**
 * Channel conflicts of a submission against the tenant's registrations as they are now: the index narrows,
 * the domain rule decides. A submission made from a CRM deal is also matched through that deal's company.
 */
export async function findChannelConflicts(
  tx: Queryable,
  actor: Actor,
  submission: Submission,
  now: Date,
  crmDealRef?: string | null,
): Promise<ChannelConflict[]> {
  const crmCompany = crmDealRef ? await crmCompanyOfDeal(tx, actor.tenantId, crmDealRef) : null;
  const customer = { ...submission.customer, crmCompany };
  const candidates = await findConflictCandidates(tx, actor.tenantId, {
    customer,
    products: submission.products,
    partnerId: submission.partnerId,
    of: 'other_partners',
    now,
  });
  return detectChannelConflicts({ ...submission, customer }, candidates, actor.settings, now);
}
