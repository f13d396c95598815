import { z } from 'zod';
import { Region } from './partner';

const Weight = z.number().min(0).max(100);
const Count = z.number().int().min(0);

/** How a tenant describes its best partners; criteria left empty are not judged. */
export const IdealPartnerProfile = z
  .object({
    regions: z.array(Region).max(4).default([]).describe('The regions the best partners work in; empty: region is not judged'),
    specialties: z
      .array(z.string().trim().min(1).max(80))
      .max(50)
      .default([])
      .describe('The specialties the best partners have (e.g. data migration); a partner meets the share it has, ignoring case; empty: not judged'),
    employeeCount: z
      .object({
        min: Count.optional().describe('Fewest employees; left out: no lower bound'),
        max: Count.optional().describe('Most employees, not below `min`; left out: no upper bound'),
      })
      .strict()
      .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { path: ['max'], message: 'must not be below min' })
      .optional()
      .describe('The headcount range of the best partners, bounds included; left out: size is not judged, nor for a partner whose headcount is unknown'),
    performance: z
      .object({
        minRegistrationsLast90: Count.optional().describe('Registrations submitted in the last 90 days, at least'),
        minWinRate: z.number().min(0).max(1).optional().describe('Won share (0–1, so 0.4 is 40 %) of the registrations submitted in the last year that closed; a partner with none closed misses it'),
        minCurrentCertifications: Count.optional().describe('Current (unexpired) certifications, at least'),
      })
      .strict()
      .optional()
      .describe('Track record targets; a partner meets the share of them it reaches. Left out: not judged, nor for a partner without a track record yet'),
    weights: z
      .object({
        region: Weight.default(25).describe('Weight of `regions`'),
        specialties: Weight.default(30).describe('Weight of `specialties`'),
        size: Weight.default(20).describe('Weight of `employeeCount`'),
        performance: Weight.default(25).describe('Weight of `performance`'),
      })
      .strict()
      .prefault({})
      .describe('Relative weight (0–100) of each criterion in the 0–100 fit score; only the criteria judged for a partner count, and 0 leaves one out'),
  })
  .strict()
  .refine((p) => p.regions.length > 0 || p.specialties.length > 0 || p.employeeCount !== undefined || p.performance !== undefined, {
    message: 'describe at least one of regions, specialties, employeeCount or performance',
  });
export type IdealPartnerProfile = z.infer<typeof IdealPartnerProfile>;

export type FitCriterion = keyof IdealPartnerProfile['weights'];

/** What fit is judged on, for a partner or a prospect. */
export interface FitFacts {
  region: Region;
  specialties: readonly string[];
  employeeCount: number | null;
  /** Null when the partner has no track record yet (no registration ever, no current certification). */
  performance: { submittedLast90: number; won: number; lost: number; currentCertifications: number } | null;
}

export interface PartnerFit {
  /** 0–100; null when nothing the profile asks about is known of the partner. */
  score: number | null;
  reasons: string[];
}

interface Judged {
  criterion: FitCriterion;
  /** 0–1, or null when not known of the partner. */
  value: number | null;
  reason: string;
}

const sizeRange = (r: NonNullable<IdealPartnerProfile['employeeCount']>) =>
  r.min !== undefined && r.max !== undefined ? `${r.min}–${r.max}` : r.min !== undefined ? `${r.min} or more` : `up to ${r.max}`;

function judge(profile: IdealPartnerProfile, facts: FitFacts): Judged[] {
  const judged: Judged[] = [];
  if (profile.regions.length > 0) {
    const inside = profile.regions.includes(facts.region);
    judged.push({ criterion: 'region', value: inside ? 1 : 0, reason: `works in ${facts.region}, ${inside ? 'a' : 'not a'} profile region (${profile.regions.join(', ')})` });
  }
  if (profile.specialties.length > 0) {
    const has = new Set(facts.specialties.map((s) => s.toLowerCase()));
    const matched = profile.specialties.filter((s) => has.has(s.toLowerCase()));
    judged.push({
      criterion: 'specialties',
      value: matched.length / profile.specialties.length,
      reason: matched.length ? `specializes in ${matched.join(', ')} (${matched.length} of ${profile.specialties.length} wanted)` : `none of the wanted specialties (${profile.specialties.join(', ')})`,
    });
  }
  const size = profile.employeeCount;
  if (size) {
    const n = facts.employeeCount;
    const within = n !== null && (size.min === undefined || n >= size.min) && (size.max === undefined || n <= size.max);
    judged.push(
      n === null
        ? { criterion: 'size', value: null, reason: 'employee count unknown, so size is not judged' }
        : { criterion: 'size', value: within ? 1 : 0, reason: `${n} employees, ${within ? 'within' : 'outside'} ${sizeRange(size)}` },
    );
  }
  if (profile.performance) judged.push(judgePerformance(profile.performance, facts.performance));
  return judged;
}

function judgePerformance(wanted: NonNullable<IdealPartnerProfile['performance']>, p: FitFacts['performance']): Judged {
  if (!p) return { criterion: 'performance', value: null, reason: 'no track record yet, so performance is not judged' };
  const closed = p.won + p.lost;
  const checks: { met: boolean; text: string }[] = [];
  if (wanted.minRegistrationsLast90 !== undefined) {
    checks.push({ met: p.submittedLast90 >= wanted.minRegistrationsLast90, text: `${p.submittedLast90} registrations in 90 days (wanted ${wanted.minRegistrationsLast90})` });
  }
  if (wanted.minWinRate !== undefined) {
    const rate = closed === 0 ? null : p.won / closed;
    const shown = rate === null ? 'no closed deals' : `win rate ${Math.round(rate * 100)} %`;
    checks.push({ met: rate !== null && rate >= wanted.minWinRate, text: `${shown} (wanted ${Math.round(wanted.minWinRate * 100)} %)` });
  }
  if (wanted.minCurrentCertifications !== undefined) {
    checks.push({ met: p.currentCertifications >= wanted.minCurrentCertifications, text: `${p.currentCertifications} current certifications (wanted ${wanted.minCurrentCertifications})` });
  }
  const met = checks.filter((c) => c.met).length;
  return {
    criterion: 'performance',
    value: checks.length === 0 ? 1 : met / checks.length,
    reason: `meets ${met} of ${checks.length} performance targets: ${checks.map((c) => c.text).join('; ')}`,
  };
}

/** Fit 0–100: the weighted share of the profile's criteria the partner meets, over the criteria known of it. */
export function partnerFit(profile: IdealPartnerProfile, facts: FitFacts): PartnerFit {
  const judged = judge(profile, facts);
  const counted = judged.filter((j) => j.value !== null && profile.weights[j.criterion] > 0);
  const total = counted.reduce((sum, j) => sum + profile.weights[j.criterion], 0);
  const points = counted.reduce((sum, j) => sum + profile.weights[j.criterion] * j.value!, 0);
  return { score: total === 0 ? null : Math.round((points / total) * 100), reasons: judged.map((j) => j.reason) };
}
