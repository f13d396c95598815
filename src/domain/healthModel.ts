import { z } from 'zod';

export const HEALTH_COMPONENTS = ['engagement', 'pipeline', 'enablement', 'satisfaction', 'support'] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];

const Weight = z.number().min(0).max(100);

/**
 * How a tenant weighs the health components and when a partner counts as at risk. Weights are
 * relative: they need not sum to 100, because the components that have data are rescaled anyway.
 * Every field has a default so a new tenant works at once.
 */
export const HealthModel = z
  .object({
    weights: z
      .object({
        engagement: Weight.default(25).describe('Portal, API and registration activity: how recent, and on how many of the last 30 days'),
        pipeline: Weight.default(30).describe('Registrations submitted in the last 90 days, their pace against the 90 days before, and the win rate'),
        enablement: Weight.default(15).describe('Current (unexpired) certifications; two count as healthy'),
        satisfaction: Weight.default(15).describe('Average PSAT score of the last 180 days'),
        support: Weight.default(15).describe('Support load: open cases, and cases closed in the last 90 days at half; more load scores lower'),
      })
      .strict()
      .prefault({})
      .refine((w) => Object.values(w).some((v) => v > 0), { message: 'at least one weight must be above 0' })
      .describe('Relative weight of each component in the 0–100 health score; they need not sum to 100, 0 leaves a component out, and at least one must be above 0'),
    atRiskBelow: z.number().int().min(0).max(100).default(40).describe('A partner whose score (0–100) is below this is at risk, once past its grace period as a new partner'),
    dropPoints: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(15)
      .describe('A partner whose score fell at least this many points from its highest within `dropWindowDays` is at risk too, whatever the score'),
    dropWindowDays: z.number().int().min(1).max(365).default(30).describe('How many days back a fall of `dropPoints` is measured from'),
  })
  .strict();
export type HealthModel = z.infer<typeof HealthModel>;

export const DEFAULT_HEALTH_MODEL: HealthModel = HealthModel.parse({});
