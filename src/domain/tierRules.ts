import { z } from 'zod';
import { Region, TIERS, type Tier } from './partner';

/** The tiers a partner earns; `registered` is the floor every partner keeps. */
const EarnedTier = z.enum(['silver', 'gold', 'platinum']);

const TierTarget = z
  .object({
    tier: EarnedTier.describe('The tier these targets earn'),
    minAnnualWonRevenue: z.number().min(0).describe('Amounts of the registrations won in the last 365 days, summed in the rules’ `currency`, at least'),
    minCurrentCertifications: z.number().int().min(0).describe('Certifications current (unexpired) now, at least'),
    minRegistrations: z.number().int().min(0).describe('Registrations submitted in the last 365 days, rejected ones not counted, at least'),
  })
  .strict();

/** A tenant's tier targets, with a multiplier per region (e.g. APAC ×0.8) applied to every target there. */
export const TierRules = z
  .object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
      .describe('ISO 4217 code; won revenue counts registrations in this currency only, as Trellis converts no currencies'),
    tiers: z
      .array(TierTarget)
      .min(1)
      .max(3)
      .superRefine((targets, ctx) => {
        targets.forEach((t, i) => {
          if (targets.findIndex((o) => o.tier === t.tier) !== i) ctx.addIssue({ code: 'custom', path: [i, 'tier'], message: `${t.tier} is given twice` });
        });
      })
      .describe('The targets of each tier a partner can earn, each tier once; a partner gets the highest tier whose every target it meets, else `registered`'),
    regionalAdjustments: z
      .partialRecord(Region, z.number().gt(0).max(2))
      .default({})
      .describe('Per region, a factor (above 0, up to 2) every target there is multiplied by, e.g. `{ "APAC": 0.8 }`; count targets round up, regions left out keep the targets as given'),
  })
  .strict();
export type TierRules = z.infer<typeof TierRules>;
type TierTarget = z.infer<typeof TierTarget>;

/** What a partner achieved, as the targets measure it. */
export interface TierStanding {
  annualWonRevenue: number;
  currentCertifications: number;
  registrations: number;
}

export interface TierDecision {
  tier: Tier;
  reason: string;
}

// Multiplying by factors such as 0.8 leaves float dust (3 × 0.8 = 2.4000000000000004): round it away before rounding up.
const settle = (x: number) => Math.round(x * 1e6) / 1e6;

function adjusted(target: TierTarget, factor: number): TierTarget {
  return {
    tier: target.tier,
    minAnnualWonRevenue: Math.round(settle(target.minAnnualWonRevenue * factor) * 100) / 100,
    // A count target of 1.6 means at least 2.
    minCurrentCertifications: Math.ceil(settle(target.minCurrentCertifications * factor)),
    minRegistrations: Math.ceil(settle(target.minRegistrations * factor)),
  };
}

function compare(target: TierTarget, s: TierStanding, currency: string) {
  return [
    { met: s.annualWonRevenue >= target.minAnnualWonRevenue, text: (op: string) => `won ${s.annualWonRevenue} ${currency} ${op} ${target.minAnnualWonRevenue}` },
    { met: s.currentCertifications >= target.minCurrentCertifications, text: (op: string) => `${s.currentCertifications} current certifications ${op} ${target.minCurrentCertifications}` },
    { met: s.registrations >= target.minRegistrations, text: (op: string) => `${s.registrations} registrations ${op} ${target.minRegistrations}` },
  ];
}

/**
 * The highest tier whose every (regionally adjusted) target the partner meets — reaching a target
 * exactly meets it — explained by the targets met and, for the tier above, the ones missed.
 */
export function qualifyingTier(standing: TierStanding, region: Region, rules: TierRules): TierDecision {
  const factor = rules.regionalAdjustments[region] ?? 1;
  const where = factor === 1 ? '' : ` (${region} targets ×${factor})`;
  const highestFirst = [...rules.tiers].sort((a, b) => TIERS.indexOf(b.tier) - TIERS.indexOf(a.tier)).map((t) => adjusted(t, factor));
  const metIndex = highestFirst.findIndex((t) => compare(t, standing, rules.currency).every((c) => c.met));
  const earned = metIndex === -1 ? null : highestFirst[metIndex]!;
  const above = highestFirst[metIndex === -1 ? highestFirst.length - 1 : metIndex - 1];
  const parts = [
    earned
      ? `meets ${earned.tier}${where}: ${compare(earned, standing, rules.currency).map((c) => c.text('≥')).join(', ')}`
      : `meets no tier's targets${where}`,
  ];
  if (above) {
    const missed = compare(above, standing, rules.currency).filter((c) => !c.met).map((c) => c.text('<'));
    parts.push(`misses ${above.tier}: ${missed.join(', ')}`);
  }
  return { tier: earned?.tier ?? 'registered', reason: parts.join('; ') };
}
