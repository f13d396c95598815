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
        engagement: Weight.default(25),
        pipeline: Weight.default(30),
        enablement: Weight.default(15),
        satisfaction: Weight.default(15),
        support: Weight.default(15),
      })
      .strict()
      .prefault({})
      .refine((w) => Object.values(w).some((v) => v > 0), { message: 'at least one weight must be above 0' }),
    /** Below this score a partner is at risk. */
    atRiskBelow: z.number().int().min(0).max(100).default(40),
    /** Losing at least this many points within the window is at risk too, whatever the score. */
    dropPoints: z.number().int().min(1).max(100).default(15),
    dropWindowDays: z.number().int().min(1).max(365).default(30),
  })
  .strict();
export type HealthModel = z.infer<typeof HealthModel>;

export const DEFAULT_HEALTH_MODEL: HealthModel = HealthModel.parse({});
