import { z } from 'zod';
import { CO_SELL_ROLES, CO_SELL_STATUSES } from '../../domain/coSell';
import { HEALTH_COMPONENTS } from '../../domain/healthModel';
import { PARTNER_STATUSES, REGIONS, TIERS } from '../../domain/partner';
import { REGISTRATION_STATUSES } from '../../domain/registration';
import { RULES_OF_ENGAGEMENT } from '../../domain/settings';
import { CONFLICT_RESOLUTIONS } from '../../domain/conflicts';
import { Evidence, RegistrationClaim, Timestamp } from '../views';

/**
 * What the card endpoints answer, described once: the routes declare these, tests hold every
 * answer to them, and the HubSpot cards' types are generated from them (`npm run generate:card-types`).
 */

export const CardPartner = z.object({
  id: z.uuid(),
  name: z.string(),
  tier: z.enum(TIERS),
  region: z.enum(REGIONS),
  status: z.enum(PARTNER_STATUSES),
  specialties: z.array(z.string()),
});

/** A partner named in passing; `Unknown partner` if it has since been deleted. */
const NamedPartner = z.object({ id: z.uuid(), name: z.string() });

/** A conflict on a card: stored ones have an id, a status and the other registration's status now; the live check says whether it blocks approval. */
export const CardConflict = z.object({
  id: z.uuid().optional(),
  kind: z.enum(['duplicate', 'cross_region']),
  score: z.number(),
  evidence: Evidence,
  registrationId: z.uuid(),
  partner: NamedPartner,
  status: z.enum(['open', 'resolved']).optional(),
  resolution: z.enum(CONFLICT_RESOLUTIONS).nullable().optional(),
  otherStatus: z.enum(REGISTRATION_STATUSES).nullable().optional(),
  blocksApproval: z.boolean().optional(),
});

export const CardRegistration = z.object({
  id: z.uuid(),
  status: z.enum(REGISTRATION_STATUSES),
  partner: NamedPartner,
  ...RegistrationClaim.shape,
  submittedAt: Timestamp,
  decision: z.object({ by: z.string(), at: Timestamp, reason: z.string().nullable() }).nullable(),
  override: z.object({ by: z.string(), at: Timestamp, reason: z.string() }).nullable(),
  protection: z.object({ expiresAt: Timestamp, daysLeft: z.number().int() }).nullable(),
  canDecide: z.boolean(),
  forThisDeal: z
    .boolean()
    .describe('Made from the CRM deal the card is shown on (the `crmDealRef` it asked with); false on a company record, or when the card named no deal'),
  awaiting: z
    .object({
      approver: z.object({ name: z.string(), email: z.string() }).nullable(),
      since: Timestamp,
      line: z.string().describe('"Waiting for Dana Reyes for 2 days"'),
    })
    .nullable()
    .describe('Who a pending registration waits for and since when; null once decided'),
  conflictCount: z.number().int().describe('All of the registration’s conflicts; `conflicts` holds the most pressing few'),
  conflicts: z.array(CardConflict),
  detailsRequest: z
    .object({
      question: z.string(),
      askedBy: z.string().describe('The asker as the rep reads it: "Ingrid Larsen"'),
      askedAt: Timestamp,
      answer: z.object({ text: z.string(), by: z.string(), at: Timestamp }).nullable().describe('null while the question waits for an answer'),
    })
    .nullable()
    .describe('The latest question an approver asked about the registration ("Ask for details"); null when none was asked'),
});

export const PartnerPickerReply = z.object({
  partners: z.array(CardPartner),
  total: z.number().int().describe('How many partners match in all; `partners` holds the best few'),
});

export const RecordRegistrationsReply = z.object({
  viewer: z.object({ name: z.string() }),
  rules: z.object({
    rulesOfEngagement: z.enum(RULES_OF_ENGAGEMENT),
    protectionWindowDays: z.number().int(),
    earliestCloseDate: z.iso.date().describe('The earliest expected close date a registration may give today'),
  }),
  registrations: z.array(CardRegistration),
});

export const CheckReply = z.object({ conflictCount: z.number().int(), conflicts: z.array(CardConflict) });

export const RegistrationReply = z.object({ registration: CardRegistration });

export const CoSellReply = z.object({
  suggestions: z.array(z.object({ partner: CardPartner, score: z.number(), reasons: z.array(z.string()) })),
  engagements: z.array(
    z.object({
      id: z.uuid(),
      partner: CardPartner.nullable(),
      role: z.enum(CO_SELL_ROLES),
      status: z.enum(CO_SELL_STATUSES),
      requestedBy: z.string(),
      requestedAt: Timestamp,
    }),
  ),
});

export const EngagementReply = z.object({
  engagement: z.object({ id: z.uuid(), role: z.enum(CO_SELL_ROLES), status: z.enum(CO_SELL_STATUSES), requestedAt: Timestamp }),
});

export const CardHealthComponent = z.object({
  component: z.enum(HEALTH_COMPONENTS),
  value: z.number().nullable().describe('0–100; null when the component has no data and is left out of the score'),
  share: z.number().describe('Its share of the score in percent'),
  explanation: z.string(),
});

export const CardCertification = z.object({
  name: z.string(),
  holderEmail: z.string().nullable(),
  issuedAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  daysLeft: z.number().int().nullable(),
});

/** The company's partner with its health; only `partner: null` when the company is not a partner. */
export const PartnerHealthReply = z.union([
  z.object({
    partner: CardPartner,
    health: z
      .object({
        score: z.number(),
        trend: z.enum(['up', 'flat', 'down', 'new']),
        previousScore: z.number().nullable(),
        evaluatedAt: Timestamp.nullable(),
        atRisk: z.boolean(),
        reasons: z.array(z.string()),
        summary: z.string(),
        components: z.array(CardHealthComponent),
      })
      .nullable(),
    notScored: z.string().nullable().describe('Why there is no score: not evaluated yet'),
    activity: z.object({
      submittedLast90: z.number().int(),
      submittedPrevious90: z.number().int(),
      won: z.number().int(),
      lost: z.number().int(),
      rejected: z.number().int(),
      expired: z.number().int(),
    }),
    pipeline: z.array(z.object({ currency: z.string(), amount: z.number(), count: z.number().int() })),
    certifications: z.array(CardCertification),
  }),
  z.object({ partner: z.null() }),
]);

/** The shapes the HubSpot cards import as types, by the name they import them under. */
export const CARD_REPLY_SCHEMAS = {
  Evidence,
  CardPartner,
  CardConflict,
  CardRegistration,
  CardHealthComponent,
  CardCertification,
  PartnerPickerReply,
  RecordRegistrationsReply,
  CheckReply,
  RegistrationReply,
  CoSellReply,
  EngagementReply,
  PartnerHealthReply,
} satisfies Record<string, z.ZodType>;
