import { z } from 'zod';
import { CountryCode, Region, Tier, TIERS } from './partner';

const Points = z.number().int().min(0).max(100);
const Product = z.string().trim().min(1).max(120).transform((p) => p.toLowerCase());
const Specialty = z.string().trim().min(1).max(80);

/** One value per tier, each described by `meaning` of its tier. */
const perTier = <T extends z.ZodType>(value: T, meaning: (tier: Tier) => string) =>
  z
    .object({ registered: value.describe(meaning('registered')), silver: value.describe(meaning('silver')), gold: value.describe(meaning('gold')), platinum: value.describe(meaning('platinum')) })
    .strict();

/** Points each factor adds to a partner's score; the defaults suit most vendors. */
export const RoutingWeights = z
  .object({
    region: Points.default(30).describe('For a partner working in the lead’s region'),
    country: Points.default(10).describe('On top of the region, for a partner based in the lead’s own country'),
    expertise: Points.default(30).describe('Scaled by the share of the lead’s products the partner’s specialties cover'),
    tier: perTier(Points, (tier) => `For a ${tier} partner`)
      .default({ registered: 3, silver: 7, gold: 11, platinum: 15 })
      .describe('Per tier of the partner'),
    performance: Points.default(20).describe('Scaled by the partner’s win rate, smoothed so that one without closed registrations gets half'),
    atRiskPenalty: Points.default(10).describe('Taken off a partner marked at risk'),
  })
  .strict();
export type RoutingWeights = z.infer<typeof RoutingWeights>;

const OpenReferrals = z.number().int().min(0).max(10_000);

/** How many open (assigned or accepted) referrals a partner may hold: per tier, or per partner where overridden. */
export const CapacityLimits = z
  .object({
    perTier: perTier(OpenReferrals, (tier) => `For a ${tier} partner`)
      .default({ registered: 3, silver: 5, gold: 8, platinum: 12 })
      .describe('The limit per tier of the partner'),
    partners: z.record(z.uuid(), OpenReferrals).default({}).describe('Limits of single partners, by partner id, in place of their tier’s'),
  })
  .strict();
export type CapacityLimits = z.infer<typeof CapacityLimits>;

/** Near-equal candidates (within `nearEqualPoints` of the best) go to whoever had fewer assignments in the window. */
export const Fairness = z
  .object({
    nearEqualPoints: z.number().int().min(0).max(50).default(5).describe('Candidates within this many points of the best score left count as near-equal; 0 applies fairness to exact ties only'),
    windowDays: z.number().int().min(1).max(365).default(30).describe('How many days of past assignments count'),
  })
  .strict();
export type Fairness = z.infer<typeof Fairness>;

const PartnerCondition = {
  specialties: z.array(Specialty).min(1).max(50).optional().describe('The partner has at least one of these specialties, matched exactly but ignoring case'),
  minTier: Tier.optional().describe('The partner’s tier is this one or higher'),
};

/**
 * "Leads in EMEA for analytics go only to partners specialised in X, preferably gold or above."
 * Conditions left out match anything; a rule needs at least one condition and a restriction or a preference.
 */
export const RoutingRule = z
  .object({
    name: z.string().trim().min(1).max(100).describe('Names the rule in previews and reasons; unique, ignoring case'),
    when: z
      .object({
        regions: z.array(Region).min(1).optional().describe('The lead is in one of these regions'),
        countries: z.array(CountryCode).min(1).optional().describe('The lead is in one of these countries'),
        products: z
          .array(Product)
          .min(1)
          .max(50)
          .optional()
          .describe('The lead wants one of these products; a product matches when either name contains the other, ignoring case (analytics matches Analytics Suite)'),
      })
      .strict()
      .refine((w) => w.regions || w.countries || w.products, { message: 'name at least one of regions, countries or products' })
      .describe('The leads the rule applies to: every condition given must hold'),
    only: z
      .object(PartnerCondition)
      .strict()
      .refine((c) => c.specialties || c.minTier, { message: 'name specialties or minTier' })
      .optional()
      .describe('Partners that do not meet every condition here are excluded from the lead'),
    prefer: z
      .object({ ...PartnerCondition, points: Points.refine((p) => p > 0, { message: 'must be above 0' }).describe('Points added to the score of a partner that meets every condition here') })
      .strict()
      .refine((c) => c.specialties || c.minTier, { message: 'name specialties or minTier' })
      .optional()
      .describe('Partners that meet every condition here rank higher'),
  })
  .strict()
  .refine((r) => r.only || r.prefer, { message: 'a rule restricts (only) or prefers (prefer) partners', path: ['only'] });
export type RoutingRule = z.infer<typeof RoutingRule>;

/** A tenant's whole routing configuration: rules are tried in order and the first whose conditions match applies. */
export const RoutingPolicy = z
  .object({
    rules: z
      .array(RoutingRule)
      .max(100)
      .default([])
      .superRefine((rules, ctx) => {
        const seen = new Set<string>();
        rules.forEach((r, i) => {
          const key = r.name.toLowerCase();
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'rule names must be unique' });
          seen.add(key);
        });
      })
      .describe('Tried in order: the first whose `when` holds for a lead applies to it; with none, no rule excludes or prefers partners'),
    weights: RoutingWeights.prefault({}).describe('Points each factor adds to a partner’s score'),
    capacity: CapacityLimits.prefault({}).describe('How many open (assigned or accepted) referrals a partner may hold; a partner at its limit is excluded'),
    fairness: Fairness.prefault({}).describe('Among near-equal candidates, the one with fewer recent assignments goes first'),
  })
  .strict();
export type RoutingPolicy = z.infer<typeof RoutingPolicy>;

export const defaultRoutingPolicy = (): RoutingPolicy => RoutingPolicy.parse({});

export const tierRank = (tier: Tier): number => TIERS.indexOf(tier);
