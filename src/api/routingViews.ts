import { z } from 'zod';
import type { Partner } from '../domain/partner';
import { REGIONS, TIERS } from '../domain/partner';
import { REFERRAL_STATUSES, type Referral } from '../domain/referral';
import { EXCLUSIONS, PLACEMENTS, type RoutingDecision } from '../domain/routing';
import { ROUTING_FACTORS } from '../domain/routingScore';
import type { ReferralAssignment } from '../store/referralAssignments';
import { Timestamp } from './views';

/** Response shapes of referrals and routing, described for the OpenAPI document and built by the functions below. */

const Reason = z.object({ factor: z.enum(ROUTING_FACTORS), points: z.number().int(), detail: z.string() });
const Placement = z.enum(PLACEMENTS);

export const AssignmentView = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  rule: z.string().nullable(),
  score: z.number().int(),
  reasons: z.array(Reason),
  placement: Placement,
  assignedAt: Timestamp,
  outcome: z.enum(['pending', 'accepted', 'declined']),
  decidedBy: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  declineReason: z.string().nullable(),
});

export const ReferralView = z.object({
  id: z.uuid(),
  company: z.object({ name: z.string(), domain: z.string().nullable(), country: z.string().nullable() }),
  region: z.enum(REGIONS).nullable(),
  products: z.array(z.string()),
  contactEmail: z.string().nullable(),
  estimatedValue: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  source: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  partnerId: z.uuid().nullable(),
  unassignedReason: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  closedAt: Timestamp.nullable(),
});

/** A referral with every partner it went to, oldest first, each with why it was chosen. */
export const ReferralDetailView = ReferralView.extend({ assignments: z.array(AssignmentView) });

export const referralDetailView = (referral: Referral, assignments: readonly ReferralAssignment[]) => ({
  ...referral,
  assignments: assignments.map(({ referralId: _sameForAll, ...a }) => a),
});

const PartnerSummary = z.object({ id: z.uuid(), name: z.string(), tier: z.enum(TIERS), region: z.enum(REGIONS) });

export const RoutingPreviewView = z.object({
  rule: z.string().nullable(),
  candidates: z.array(
    z.object({
      partner: PartnerSummary,
      score: z.number().int(),
      reasons: z.array(Reason),
      placement: Placement,
      placementDetail: z.string(),
      openReferrals: z.number().int(),
      capacity: z.number().int(),
      recentAssignments: z.number().int(),
    }),
  ),
  excluded: z.array(z.object({ partner: PartnerSummary, exclusion: z.enum(EXCLUSIONS), detail: z.string() })),
  unassignedReason: z.string().nullable(),
});

const partnerSummary = (p: Partner) => ({ id: p.id, name: p.name, tier: p.tier, region: p.region });

export function routingPreviewView(decision: RoutingDecision, partners: ReadonlyMap<string, Partner>) {
  const { ranked, excluded, ...rest } = decision;
  return {
    ...rest,
    candidates: ranked.map(({ partnerId, ...c }) => ({ partner: partnerSummary(partners.get(partnerId)!), ...c })),
    excluded: excluded.map(({ partnerId, ...x }) => ({ partner: partnerSummary(partners.get(partnerId)!), ...x })),
  };
}
