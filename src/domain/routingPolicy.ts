import { z } from 'zod';
import { CountryCode, Region, Tier, TIERS } from './partner';

const Points = z.number().int().min(0).max(100);
const Product = z.string().trim().min(1).max(120).transform((p) => p.toLowerCase());
const Specialty = z.string().trim().min(1).max(80);

const perTier = <T extends z.ZodType>(value: T) => z.object({ registered: value, silver: value, gold: value, platinum: value }).strict();

/** Points each factor adds to a partner's score; the defaults suit most vendors. */
export const RoutingWeights = z
  .object({
    region: Points.default(30),
    /** On top of the region, for a partner based in the lead's own country. */
    country: Points.default(10),
    /** Scaled by the share of the lead's products the partner's specialties cover. */
    expertise: Points.default(30),
    tier: perTier(Points).default({ registered: 3, silver: 7, gold: 11, platinum: 15 }),
    /** Scaled by the smoothed win rate of the partner's registrations. */
    performance: Points.default(20),
    atRiskPenalty: Points.default(10),
  })
  .strict();
export type RoutingWeights = z.infer<typeof RoutingWeights>;

const OpenReferrals = z.number().int().min(0).max(10_000);

/** How many open (assigned or accepted) referrals a partner may hold: per tier, or per partner where overridden. */
export const CapacityLimits = z
  .object({
    perTier: perTier(OpenReferrals).default({ registered: 3, silver: 5, gold: 8, platinum: 12 }),
    partners: z.record(z.uuid(), OpenReferrals).default({}),
  })
  .strict();
export type CapacityLimits = z.infer<typeof CapacityLimits>;

/** Near-equal candidates (within `nearEqualPoints` of the best) go to whoever had fewer assignments in the window. */
export const Fairness = z
  .object({
    nearEqualPoints: z.number().int().min(0).max(50).default(5),
    windowDays: z.number().int().min(1).max(365).default(30),
  })
  .strict();
export type Fairness = z.infer<typeof Fairness>;

const PartnerCondition = {
  /** The partner has at least one of these specialties. */
  specialties: z.array(Specialty).min(1).max(50).optional(),
  /** The partner's tier is this one or higher. */
  minTier: Tier.optional(),
};

/**
 * "Leads in EMEA for analytics go only to partners specialised in X, preferably gold or above."
 * Conditions left out match anything; a rule needs at least one condition and a restriction or a preference.
 */
export const RoutingRule = z
  .object({
    name: z.string().trim().min(1).max(100),
    when: z
      .object({
        regions: z.array(Region).min(1).optional(),
        countries: z.array(CountryCode).min(1).optional(),
        products: z.array(Product).min(1).max(50).optional(),
      })
      .strict()
      .refine((w) => w.regions || w.countries || w.products, { message: 'name at least one of regions, countries or products' }),
    only: z.object(PartnerCondition).strict().refine((c) => c.specialties || c.minTier, { message: 'name specialties or minTier' }).optional(),
    prefer: z
      .object({ ...PartnerCondition, points: Points.refine((p) => p > 0, { message: 'must be above 0' }) })
      .strict()
      .refine((c) => c.specialties || c.minTier, { message: 'name specialties or minTier' })
      .optional(),
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
      }),
    weights: RoutingWeights.prefault({}),
    capacity: CapacityLimits.prefault({}),
    fairness: Fairness.prefault({}),
  })
  .strict();
export type RoutingPolicy = z.infer<typeof RoutingPolicy>;

export const defaultRoutingPolicy = (): RoutingPolicy => RoutingPolicy.parse({});

export const tierRank = (tier: Tier): number => TIERS.indexOf(tier);
