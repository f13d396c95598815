import { domainLabel, isFreeMailDomain, registrableDomain, type CustomerKey } from './customer';
import { compareNames, type NameMatch, type NameMeasure } from './nameMatch';
import type { Region } from './partner';
import { isOpen, productKey, type DealRegistration, type RegistrationStatus } from './registration';
import { fail, ok, type Result } from './result';
import type { TenantSettings } from './settings';
import { trigramSimilarity } from './trigram';

export type ConflictKind = 'duplicate' | 'cross_region';

/** What made two customers one: a shared CRM company record, an organisation's domain, or the name. */
export type MatchedOn = 'crm_company' | 'domain' | 'name';

export interface ConflictEvidence {
  matchedOn: MatchedOn;
  /** The submitted customer and the existing registration's customer, as normalized for matching. */
  customer: CustomerKey;
  existingCustomer: CustomerKey;
  /** Trigram similarity of the two normalized names, whatever matched. */
  nameSimilarity: number;
  /** Which name measure matched and how strongly (absent on conflicts found before there were several). */
  nameMeasure?: NameMeasure;
  nameStrength?: number;
  /** The CRM company record both registrations' deals belong to ("hubspot:company:123"). */
  crmCompany?: string;
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

/** The customer as matched: its key and, when the registration came from a CRM deal, the deal's company record. */
export interface MatchableCustomer extends CustomerKey {
  crmCompany?: string | null | undefined;
}

/** What is being submitted (or dry-run checked). */
export interface Submission {
  partnerId: string;
  customer: MatchableCustomer;
  products: string[];
  region: Region;
}

/** An existing registration with its customer key, as the store returns candidates. */
export type Candidate = Pick<DealRegistration, 'id' | 'partnerId' | 'products' | 'region' | 'status' | 'protectionExpiresAt'> & {
  customer: MatchableCustomer;
};

export interface CustomerMatch {
  matchedOn: MatchedOn;
  score: number;
  nameSimilarity: number;
  name: NameMatch | null;
}

export type MatchSettings = Pick<TenantSettings, 'nameMatchThreshold' | 'extraFreeMailDomains'>;

/** The organisation behind a domain, unless the domain is a free or throwaway mail service (then none). */
function organisation(domain: string | null, settings: MatchSettings): string | null {
  return domain && !isFreeMailDomain(domain, settings.extraFreeMailDomains) ? registrableDomain(domain) : null;
}

/**
 * Same customer when both are linked to one CRM company record, when their domains belong to
 * one organisation (subdomains of one registrable domain; free-mail domains never count), or
 * when their names match by one of the name measures at `nameMatchThreshold` or above (names only
 * spelled alike do not count against two unrelated company domains). Look-alikes
 * such as General Motors / General Mills or Deutsche Bank / Deutsche Bahn differ in a whole word
 * and never match; "Microsfot" / "Microsoft" is one swap apart and does.
 */
export function matchCustomer(a: MatchableCustomer, b: MatchableCustomer, settings: MatchSettings): CustomerMatch | null {
  const nameSimilarity = a.normalizedName === b.normalizedName ? 1 : Math.round(trigramSimilarity(a.normalizedName, b.normalizedName) * 1000) / 1000;
  const name = compareNames(a.normalizedName, b.normalizedName, settings.nameMatchThreshold);
  if (a.crmCompany && a.crmCompany === b.crmCompany) return { matchedOn: 'crm_company', score: 1, nameSimilarity, name };
  const org = organisation(a.normalizedDomain, settings);
  const otherOrg = organisation(b.normalizedDomain, settings);
  if (org && org === otherOrg) return { matchedOn: 'domain', score: 1, nameSimilarity, name };
  if (!name) return null;
  // Two organisations' own, unrelated domains ("bunge.com", "bungie.net") outweigh names that are
  // only spelled alike; the same name under two domains ("BMW AG", bmw.de / "BMW Group", bmwgroup.com) still matches.
  const spelledAlike = name.measure !== 'identical' && name.measure !== 'core_name';
  if (spelledAlike && org && otherOrg && domainLabel(org) !== domainLabel(otherOrg)) return null;
  return { matchedOn: 'name', score: name.strength, nameSimilarity, name };
}

const keyOf = (c: MatchableCustomer): CustomerKey => ({ normalizedName: c.normalizedName, normalizedDomain: c.normalizedDomain });

/**
 * A submission conflicts with another partner's open registration for the same
 * customer that shares at least one product. Closed registrations never conflict.
 */
export function detectChannelConflicts(
  submission: Submission,
  candidates: readonly Candidate[],
  settings: MatchSettings & Pick<TenantSettings, 'rulesOfEngagement'>,
  now: Date,
): ChannelConflict[] {
  const products = new Set(submission.products.map(productKey));
  const conflicts: ChannelConflict[] = [];
  for (const candidate of candidates) {
    if (candidate.partnerId === submission.partnerId || !isOpen(candidate, now)) continue;
    const overlappingProducts = candidate.products.filter((p) => products.has(productKey(p)));
    if (overlappingProducts.length === 0) continue;
    const match = matchCustomer(submission.customer, candidate.customer, settings);
    if (!match) continue;
    const existingStatus = candidate.status === 'approved' ? 'approved' : 'pending';
    conflicts.push({
      kind: candidate.region === submission.region ? 'duplicate' : 'cross_region',
      registrationId: candidate.id,
      partnerId: candidate.partnerId,
      score: Math.round(match.score * 1000) / 1000,
      evidence: {
        matchedOn: match.matchedOn,
        customer: keyOf(submission.customer),
        existingCustomer: keyOf(candidate.customer),
        nameSimilarity: match.nameSimilarity,
        ...(match.name && { nameMeasure: match.name.measure, nameStrength: match.name.strength }),
        ...(match.matchedOn === 'crm_company' && { crmCompany: submission.customer.crmCompany! }),
        overlappingProducts,
        regions: { submitted: submission.region, existing: candidate.region },
        existingStatus,
      },
      blocksApproval: settings.rulesOfEngagement === 'first_to_register' && existingStatus === 'approved',
    });
  }
  return conflicts.sort((a, b) => b.score - a.score || a.registrationId.localeCompare(b.registrationId));
}

/** Conflicts that would block approval first, then the closest matches. */
export const mostPressingFirst = (conflicts: readonly ChannelConflict[]): ChannelConflict[] =>
  [...conflicts].sort((a, b) => Number(b.blocksApproval) - Number(a.blocksApproval) || b.score - a.score);

/**
 * How many conflicts one submission records. A customer claimed by dozens of open registrations
 * is one mess for a manager to sort out, not dozens of alerts; every blocking conflict ranks first,
 * so a capped list still blocks whatever the full list would.
 */
export const MAX_RECORDED_CONFLICTS = 20;

/** The conflicts a submission records: the most pressing, up to the cap. */
export const conflictsToRecord = (conflicts: readonly ChannelConflict[]): ChannelConflict[] =>
  mostPressingFirst(conflicts).slice(0, MAX_RECORDED_CONFLICTS);

/**
 * The reason a partner reads on its registration when a conflict went the other way: what
 * happened, in its terms; never the other partner, an internal id, or the managers' own note on
 * the resolution (kept on the conflict, written for colleagues).
 */
export function conflictLossReason(rejected: 'new' | 'existing', products: readonly string[]): string {
  const forProducts = products.length > 0 ? ` for ${products.join(', ')}` : '';
  return rejected === 'new'
    ? `Another partner had already registered this customer${forProducts}, and the conflict was decided in favour of that registration.`
    : `The conflict over this customer${forProducts} was decided in favour of another partner's registration.`;
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

/**
 * What a manager chooses on an open conflict, in Slack and in the approval inbox: which side keeps
 * the customer (and is approved while pending), rejecting the newer side, or that it is no conflict.
 */
export const CONFLICT_CHOICES = ['approve_earlier', 'approve_newer', 'reject_newer', 'not_a_conflict'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

export const CHOICE_PLANS: Record<ConflictChoice, { resolution: ConflictResolution; approve: 'existing' | 'new' | null }> = {
  approve_earlier: { resolution: 'existing_wins', approve: 'existing' },
  approve_newer: { resolution: 'new_wins', approve: 'new' },
  reject_newer: { resolution: 'existing_wins', approve: null },
  not_a_conflict: { resolution: 'not_a_conflict', approve: null },
};

/**
 * Only the choices that can still change something: a side already approved is not offered for
 * approval, and the newer side only wins while the earlier one can still be turned down.
 */
export function conflictChoices(sides: { newStatus: RegistrationStatus; existingStatus: RegistrationStatus }): ConflictChoice[] {
  const earlierPending = sides.existingStatus === 'pending';
  const newerPending = sides.newStatus === 'pending';
  return [
    ...(earlierPending || newerPending ? (['approve_earlier'] as const) : []),
    ...(earlierPending ? (['approve_newer'] as const) : []),
    ...(newerPending ? (['reject_newer'] as const) : []),
    'not_a_conflict',
  ];
}

/** How each choice reads on a button: "Approve Contoso" while that side is pending, "Keep Contoso" once it is approved. */
export function conflictChoiceLabels(
  earlier: { partnerName: string; status: RegistrationStatus },
  newer: { partnerName: string; status: RegistrationStatus },
): Record<ConflictChoice, string> {
  const keep = (side: typeof earlier) => `${side.status === 'pending' ? 'Approve' : 'Keep'} ${side.partnerName}`;
  return { approve_earlier: keep(earlier), approve_newer: keep(newer), reject_newer: `Reject ${newer.partnerName}`, not_a_conflict: 'Not a conflict' };
}
