import type { CustomerKey } from './customer';
import type { Region } from './partner';
import { isOpen, type DealRegistration, type RegistrationStatus } from './registration';
import { fail, ok, type Result } from './result';
import type { TenantSettings } from './settings';
import { trigramSimilarity } from './trigram';

export type ConflictKind = 'duplicate' | 'cross_region';

export interface ConflictEvidence {
  matchedOn: 'domain' | 'name';
  /** The submitted customer and the existing registration's customer, as normalized for matching. */
  customer: CustomerKey;
  existingCustomer: CustomerKey;
  nameSimilarity: number;
  overlappingProducts: string[];
  regions: { submitted: Region; existing: Region };
  existingStatus: 'pending' | 'approved';
}

export interface ChannelConflict {
  kind: ConflictKind;
  registrationId: string;
  partnerId: string;
  score: number;
  evidence: ConflictEvidence;
  /** An approved, protected registration blocks approval under first_to_register. */
  blocksApproval: boolean;
}

/** What is being submitted (or dry-run checked). */
export interface Submission {
  partnerId: string;
  customer: CustomerKey;
  products: string[];
  region: Region;
}

/** An existing registration with its customer key, as the store returns candidates. */
export type Candidate = Pick<DealRegistration, 'id' | 'partnerId' | 'products' | 'region' | 'status' | 'protectionExpiresAt'> & {
  customer: CustomerKey;
};

export interface CustomerMatch {
  matchedOn: 'domain' | 'name';
  score: number;
  nameSimilarity: number;
}

/**
 * Same customer when the normalized domains are equal, or when the normalized names
 * are at least `threshold` similar. Look-alikes such as General Motors / General Mills
 * (0.45) fall below the default 0.6; spelling slips such as "Stark Industies" (0.74) do not.
 */
export function matchCustomer(a: CustomerKey, b: CustomerKey, threshold: number): CustomerMatch | null {
  const nameSimilarity = a.normalizedName === b.normalizedName ? 1 : trigramSimilarity(a.normalizedName, b.normalizedName);
  if (a.normalizedDomain && a.normalizedDomain === b.normalizedDomain) {
    return { matchedOn: 'domain', score: 1, nameSimilarity };
  }
  if (nameSimilarity >= threshold) return { matchedOn: 'name', score: nameSimilarity, nameSimilarity };
  return null;
}

/**
 * A submission conflicts with another partner's open registration for the same
 * customer that shares at least one product. Closed registrations never conflict.
 */
export function detectChannelConflicts(
  submission: Submission,
  candidates: readonly Candidate[],
  settings: Pick<TenantSettings, 'nameMatchThreshold' | 'rulesOfEngagement'>,
  now: Date,
): ChannelConflict[] {
  const products = new Set(submission.products);
  const conflicts: ChannelConflict[] = [];
  for (const candidate of candidates) {
    if (candidate.partnerId === submission.partnerId || !isOpen(candidate, now)) continue;
    const overlappingProducts = candidate.products.filter((p) => products.has(p));
    if (overlappingProducts.length === 0) continue;
    const match = matchCustomer(submission.customer, candidate.customer, settings.nameMatchThreshold);
    if (!match) continue;
    const existingStatus = candidate.status === 'approved' ? 'approved' : 'pending';
    conflicts.push({
      kind: candidate.region === submission.region ? 'duplicate' : 'cross_region',
      registrationId: candidate.id,
      partnerId: candidate.partnerId,
      score: Math.round(match.score * 1000) / 1000,
      evidence: {
        matchedOn: match.matchedOn,
        customer: submission.customer,
        existingCustomer: candidate.customer,
        nameSimilarity: Math.round(match.nameSimilarity * 1000) / 1000,
        overlappingProducts,
        regions: { submitted: submission.region, existing: candidate.region },
        existingStatus,
      },
      blocksApproval: settings.rulesOfEngagement === 'first_to_register' && existingStatus === 'approved',
    });
  }
  return conflicts.sort((a, b) => b.score - a.score || a.registrationId.localeCompare(b.registrationId));
}

export const CONFLICT_RESOLUTIONS = ['existing_wins', 'new_wins', 'not_a_conflict'] as const;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];

export interface ResolutionPlan {
  /** Which side's registration the resolution rejects, if any. */
  reject: 'new' | 'existing' | null;
}

/**
 * `existing_wins` rejects the newer registration, `new_wins` the earlier one (only while
 * it is pending: an approved one is overruled by approving the newer with an override),
 * `not_a_conflict` rejects nothing and stops the pair from blocking approval.
 */
export function planConflictResolution(
  conflictStatus: 'open' | 'resolved',
  resolution: ConflictResolution,
  sides: { newStatus: RegistrationStatus; existingStatus: RegistrationStatus },
): Result<ResolutionPlan> {
  if (conflictStatus === 'resolved') return fail('conflict_already_resolved', 'this conflict has already been resolved');
  if (resolution === 'not_a_conflict') return ok({ reject: null });
  const side = resolution === 'existing_wins' ? 'new' : 'existing';
  const status = side === 'new' ? sides.newStatus : sides.existingStatus;
  if (status === 'pending') return ok({ reject: side });
  if (resolution === 'new_wins' && status === 'approved') {
    return fail(
      'resolution_not_applicable',
      'the earlier registration is already approved; approve the newer one with a manager override instead',
    );
  }
  // The losing side is already closed (rejected, expired, won or lost): nothing left to reject.
  return ok({ reject: null });
}
