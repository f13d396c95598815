import type { Partner } from '../../domain/partner';
import type { DealRegistration, RegistrationStatus } from '../../domain/registration';
import type { ChannelConflict, ConflictEvidence } from '../../domain/conflicts';
import type { StoredConflict } from '../../store/conflicts';
import { canFor, type Principal } from '../../domain/access';
import { awaitingLine } from '../../domain/approver';
import type { AwaitingDecision } from '../../usecases/approvers';
import type { DetailsRequest } from '../../domain/detailsRequest';
import { registrationConflictView } from '../views';

/** What a card shows about a partner: enough to name it and explain a suggestion. */
export const cardPartner = (p: Partner) => ({ id: p.id, name: p.name, tier: p.tier, region: p.region, status: p.status, specialties: p.specialties });

const partnerName = (partners: ReadonlyMap<string, Partner>, id: string) => ({ id, name: partners.get(id)?.name ?? 'Unknown partner' });

/** Whole days left in the protection window, so the card can count down. */
export function protectionOf(reg: DealRegistration, now: Date) {
  if (!reg.protectionExpiresAt) return null;
  const ms = reg.protectionExpiresAt.getTime() - now.getTime();
  return { expiresAt: reg.protectionExpiresAt.toISOString(), daysLeft: Math.max(0, Math.ceil(ms / 86_400_000)) };
}

/** Evidence is stored from the newer registration's side; seen from the earlier one, the two sides swap. */
const fromOtherSide = (e: ConflictEvidence): ConflictEvidence => ({
  ...e,
  customer: e.existingCustomer,
  existingCustomer: e.customer,
  regions: { submitted: e.regions.existing, existing: e.regions.submitted },
});

export function cardRegistration(
  reg: DealRegistration,
  awaiting: AwaitingDecision | undefined,
  conflicts: { shown: StoredConflict[]; total: number },
  partners: ReadonlyMap<string, Partner>,
  statuses: ReadonlyMap<string, RegistrationStatus>,
  viewer: Principal,
  now: Date,
  forThisDeal: boolean,
  details: DetailsRequest | undefined,
) {
  const partner = partners.get(reg.partnerId);
  return {
    id: reg.id,
    status: reg.status,
    partner: partnerName(partners, reg.partnerId),
    customer: reg.customer,
    products: reg.products,
    amount: reg.amount,
    currency: reg.currency,
    expectedCloseDate: reg.expectedCloseDate,
    region: reg.region,
    submittedAt: reg.submittedAt.toISOString(),
    decision: reg.decision ? { by: reg.decision.by, at: reg.decision.at.toISOString(), reason: reg.decision.reason } : null,
    override: reg.override ? { by: reg.override.by, at: reg.override.at.toISOString(), reason: reg.override.reason } : null,
    protection: reg.status === 'approved' ? protectionOf(reg, now) : null,
    canDecide: reg.status === 'pending' && partner !== undefined && canFor(viewer, 'decide', [partner]),
    forThisDeal,
    // Who a pending registration waits for and since when: "Waiting for Dana Reyes for 2 days".
    awaiting: awaiting
      ? {
          approver: awaiting.approver && { name: awaiting.approver.name, email: awaiting.approver.email },
          since: awaiting.waitingSince.toISOString(),
          line: awaitingLine(awaiting.approver, awaiting.waitingSince, now),
        }
      : null,
    conflictCount: conflicts.total,
    conflicts: conflicts.shown.map((c) => {
      const v = registrationConflictView(reg.id, c);
      return {
        id: v.id,
        kind: v.kind,
        status: v.status,
        resolution: v.resolution,
        score: v.score,
        evidence: c.registrationId === reg.id ? c.evidence : fromOtherSide(c.evidence),
        registrationId: v.registrationId,
        otherStatus: statuses.get(v.registrationId) ?? null,
        partner: partnerName(partners, v.partnerId),
      };
    }),
    detailsRequest: details ? cardDetailsRequest(details) : null,
  };
}

const cardDetailsRequest = (d: DetailsRequest) => ({
  question: d.question,
  askedBy: d.requestedByName,
  askedAt: d.requestedAt.toISOString(),
  answer: d.answer ? { text: d.answer.text, by: d.answer.by, at: d.answer.at.toISOString() } : null,
});

export const cardDryRunConflict = (c: ChannelConflict, partners: ReadonlyMap<string, Partner>) => ({
  kind: c.kind,
  score: c.score,
  evidence: c.evidence,
  blocksApproval: c.blocksApproval,
  registrationId: c.registrationId,
  partner: partnerName(partners, c.partnerId),
});

/** Ids of the registrations on the other side of the conflicts. */
export const otherRegistrationIdsOf = (regs: readonly DealRegistration[], conflicts: readonly StoredConflict[][]): string[] => [
  ...new Set(conflicts.flatMap((list, i) => list.map((c) => (c.registrationId === regs[i]!.id ? c.conflictingRegistrationId : c.registrationId)))),
];

/** Ids of every partner a set of registrations and conflicts mentions. */
export function partnerIdsOf(regs: readonly DealRegistration[], conflicts: readonly StoredConflict[]): string[] {
  return [...new Set([...regs.map((r) => r.partnerId), ...conflicts.flatMap((c) => [c.partnerId, c.conflictingPartnerId])])];
}
