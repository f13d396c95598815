import { matchCustomer, type Candidate, type MatchSettings, type Submission } from './conflicts';
import type { CrmDeal } from './crmDeal';
import { isOpen, productKey } from './registration';
import { fail, ok, type Result } from './result';
import type { TenantSettings } from './settings';

const DAY_MS = 86_400_000;

/** What the rules look at beyond the submission itself. */
export interface AdmissionFacts {
  /** The CRM deal the registration is made from, as last synced; null when none is named or it is not synced yet. */
  crmDeal: Pick<CrmDeal, 'crm' | 'isClosed' | 'isWon' | 'closeDate'> | null;
  /** The same partner's registrations that could name this customer (the store narrows, `admitRegistration` decides). */
  ownRegistrations: readonly Candidate[];
}

export type AdmissionSettings = MatchSettings & Pick<TenantSettings, 'closeDateGraceDays'>;

/** The earliest expected close date a registration submitted now may carry (YYYY-MM-DD, UTC). */
export const earliestCloseDate = (now: Date, graceDays: number): string => new Date(now.getTime() - graceDays * DAY_MS).toISOString().slice(0, 10);

const CRM_NAMES = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;

/**
 * The rules of engagement a registration must meet before it is recorded, so that partners
 * earn protection and credit for deals they bring, not for deals already decided:
 * - the expected close date is not in the past (beyond the tenant's grace);
 * - the CRM deal it is made from is not already closed (a registration after the fact never earns credit);
 * - the same partner does not already hold an open registration of the same customer for these products.
 */
export function admitRegistration(
  submission: Submission & { expectedCloseDate: string },
  facts: AdmissionFacts,
  settings: AdmissionSettings,
  now: Date,
): Result<void> {
  const earliest = earliestCloseDate(now, settings.closeDateGraceDays);
  if (submission.expectedCloseDate < earliest) {
    const grace = settings.closeDateGraceDays === 0 ? 'today or later' : `no earlier than ${earliest} (${settings.closeDateGraceDays} days' grace)`;
    return fail('close_date_in_past', `the expected close date ${submission.expectedCloseDate} is in the past; a registration claims a deal still to be won, so give a date ${grace}`, {
      earliestCloseDate: earliest,
    });
  }
  const deal = facts.crmDeal;
  if (deal?.isClosed) {
    const outcome = deal.isWon ? 'closed won' : 'closed lost';
    const when = deal.closeDate ? ` on ${deal.closeDate}` : '';
    return fail(
      'deal_already_closed',
      `this deal is already ${outcome} in ${CRM_NAMES[deal.crm]}${when}; a registration must come before the close, so a closed deal cannot be registered or earn partner credit`,
      { closeDate: deal.closeDate, won: deal.isWon },
    );
  }
  const existing = duplicateOf(submission, facts.ownRegistrations, settings, now);
  if (existing) {
    return fail(
      'duplicate_registration',
      `this partner already holds ${existing.status === 'pending' ? 'a pending' : 'an approved'} registration of this customer for ${existing.products.join(', ')} (${existing.id}); ask for that one to be extended rather than registering it again`,
      { existingRegistrationId: existing.id, existingStatus: existing.status },
    );
  }
  return ok(undefined);
}

/** The same partner's open registration of the same customer that already covers every product submitted. */
function duplicateOf(submission: Submission, own: readonly Candidate[], settings: MatchSettings, now: Date): Candidate | null {
  const covers = (r: Candidate) => {
    const keys = new Set(r.products.map(productKey));
    return submission.products.every((p) => keys.has(productKey(p)));
  };
  return (
    own.find(
      (r) => r.partnerId === submission.partnerId && isOpen(r, now) && covers(r) && matchCustomer(submission.customer, r.customer, settings) !== null,
    ) ?? null
  );
}
