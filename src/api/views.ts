import { NAME_MEASURES } from '../domain/nameMatch';
import { z } from 'zod';
import { CONFLICT_RESOLUTIONS, type ChannelConflict } from '../domain/conflicts';
import { PARTNER_STATUSES, REGIONS, TIERS } from '../domain/partner';
import { REGISTRATION_STATUSES, type DealRegistration } from '../domain/registration';
import { RULES_OF_ENGAGEMENT } from '../domain/settings';
import type { StoredConflict } from '../store/conflicts';
import type { AwaitingDecision } from '../usecases/approvers';

/** Response shapes: the JSON clients see, described once for the OpenAPI document and built by the functions below. */
export const Timestamp = z.iso.datetime();

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.union([
      z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), location: z.string().optional(), message: z.string() })),
      z.record(z.string(), z.unknown()),
    ]),
  }),
});

export const PartnerView = z.object({
  id: z.uuid(),
  name: z.string(),
  domain: z.string().nullable(),
  tier: z.enum(TIERS),
  region: z.enum(REGIONS),
  country: z.string(),
  specialties: z.array(z.string()),
  status: z.enum(PARTNER_STATUSES),
  managerEmail: z.string().nullable(),
  employeeCount: z.number().int().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** Why two registrations were judged one customer's, as both the REST API and the cards show it. */
export const Evidence = z.object({
  matchedOn: z.enum(['crm_company', 'domain', 'name']),
  customer: z.object({ normalizedName: z.string(), normalizedDomain: z.string().nullable() }),
  existingCustomer: z.object({ normalizedName: z.string(), normalizedDomain: z.string().nullable() }),
  nameSimilarity: z.number(),
  nameMeasure: z.enum(NAME_MEASURES).optional(),
  nameStrength: z.number().optional(),
  crmCompany: z.string().optional(),
  overlappingProducts: z.array(z.string()),
  regions: z.object({ submitted: z.enum(REGIONS), existing: z.enum(REGIONS) }),
  existingStatus: z.enum(['pending', 'approved']),
});

/** A conflict as seen from one registration: the other party is `registrationId` / `partnerId`. */
export const RegistrationConflictView = z.object({
  id: z.uuid().optional(),
  kind: z.enum(['duplicate', 'cross_region']),
  registrationId: z.uuid(),
  partnerId: z.uuid(),
  score: z.number(),
  evidence: Evidence,
  status: z.enum(['open', 'resolved']).optional(),
  resolution: z.enum(CONFLICT_RESOLUTIONS).nullable().optional(),
  blocksApproval: z.boolean().optional(),
});

/** What a registration claims: the customer, the products, and the deal's size, timing and region. */
export const RegistrationClaim = z.object({
  customer: z.object({ name: z.string(), domain: z.string().nullable(), country: z.string().nullable() }),
  products: z.array(z.string()),
  amount: z.number(),
  currency: z.string(),
  expectedCloseDate: z.iso.date(),
  region: z.enum(REGIONS),
});

export const RegistrationView = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  accountId: z.uuid(),
  ...RegistrationClaim.shape,
  notes: z.string().nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  submittedAt: Timestamp,
  decision: z.object({ by: z.string(), at: Timestamp, reason: z.string().nullable() }).nullable(),
  override: z.object({ by: z.string(), at: Timestamp, reason: z.string() }).nullable(),
  protectionExpiresAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  /** Who decides a pending registration; null once decided, or when nobody on the team may decide it. */
  approver: z.object({ email: z.string(), name: z.string(), role: z.enum(['partner_manager', 'admin']) }).nullable(),
  /** Since when a pending registration waits for its decision; null once decided. */
  waitingSince: Timestamp.nullable(),
  conflicts: z.array(RegistrationConflictView),
});

export const ConflictView = z.object({
  id: z.uuid(),
  kind: z.enum(['duplicate', 'cross_region']),
  status: z.enum(['open', 'resolved']),
  registrationId: z.uuid(),
  partnerId: z.uuid(),
  conflictingRegistrationId: z.uuid(),
  conflictingPartnerId: z.uuid(),
  score: z.number(),
  evidence: Evidence,
  resolution: z.enum(CONFLICT_RESOLUTIONS).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: Timestamp.nullable(),
  detectedAt: Timestamp,
});

export const SettingsView = z.object({
  rulesOfEngagement: z.enum(RULES_OF_ENGAGEMENT),
  protectionWindowDays: z.number().int(),
  nameMatchThreshold: z.number(),
  approvalSlaHours: z.number().int(),
  crmUserDefaultRole: z.enum(['sales_rep', 'viewer']),
  closeDateGraceDays: z.number().int(),
  healthGraceDays: z.number().int(),
  extraFreeMailDomains: z.array(z.string()),
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });


export function registrationConflictView(registrationId: string, c: StoredConflict) {
  const mine = c.registrationId === registrationId;
  return {
    id: c.id,
    kind: c.kind,
    registrationId: mine ? c.conflictingRegistrationId : c.registrationId,
    partnerId: mine ? c.conflictingPartnerId : c.partnerId,
    score: c.score,
    evidence: c.evidence,
    status: c.status,
    resolution: c.resolution,
  };
}

export function dryRunConflictView(c: ChannelConflict) {
  return { kind: c.kind, registrationId: c.registrationId, partnerId: c.partnerId, score: c.score, evidence: c.evidence, blocksApproval: c.blocksApproval };
}

/** A registration as the API shows it, with who it waits for while pending. */
export function registrationView(reg: DealRegistration, awaiting: AwaitingDecision | undefined, conflicts?: StoredConflict[]) {
  const waiting = { approver: awaiting?.approver ?? null, waitingSince: awaiting?.waitingSince ?? null };
  return conflicts ? { ...reg, ...waiting, conflicts: conflicts.map((c) => registrationConflictView(reg.id, c)) } : { ...reg, ...waiting };
}
