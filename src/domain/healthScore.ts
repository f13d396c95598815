/**
 * A first partner health score, 0–100, from four signals, and the rule that flags a partner
 * at risk: a score under the threshold, or a sharp drop since the last evaluation.
 * The partner-intelligence model replaces this; the inputs and outputs are meant to survive it.
 */
export interface HealthInputs {
  /** Registrations submitted in the last 90 days. */
  recentRegistrations: number;
  /** Registrations closed won and lost in the last 365 days. */
  won: number;
  lost: number;
  /** Days since the partner last registered a deal or had one decided; null when never. */
  daysSinceActivity: number | null;
  /** Active certifications; null while certifications are not tracked, which leaves the factor out. */
  certifications: number | null;
}

export type HealthFactor = 'registrations' | 'win_rate' | 'activity' | 'certifications';

export interface HealthScore {
  score: number;
  /** Each factor's 0–1 value; absent when not known. */
  factors: Partial<Record<HealthFactor, number>>;
}

export interface HealthRule {
  /** Below this score a partner is at risk. */
  threshold: number;
  /** A fall of at least this many points since the previous evaluation is at risk too. */
  dropPoints: number;
}

export const DEFAULT_HEALTH_RULE: HealthRule = { threshold: 40, dropPoints: 20 };

const WEIGHTS: Record<HealthFactor, number> = { registrations: 30, win_rate: 30, activity: 25, certifications: 15 };
/** Four registrations a quarter is a healthy pipeline. */
const HEALTHY_REGISTRATIONS = 4;
/** Too few closed deals say nothing about a win rate: assume an average one. */
const MIN_CLOSED_FOR_WIN_RATE = 3;
const NEUTRAL_WIN_RATE = 0.5;
const ACTIVE_WITHIN_DAYS = 14;
const DORMANT_AFTER_DAYS = 90;
const HEALTHY_CERTIFICATIONS = 2;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function healthScore(inputs: HealthInputs): HealthScore {
  const closed = inputs.won + inputs.lost;
  const factors: Partial<Record<HealthFactor, number>> = {
    registrations: clamp01(inputs.recentRegistrations / HEALTHY_REGISTRATIONS),
    win_rate: closed >= MIN_CLOSED_FOR_WIN_RATE ? inputs.won / closed : NEUTRAL_WIN_RATE,
    activity:
      inputs.daysSinceActivity === null
        ? 0
        : clamp01((DORMANT_AFTER_DAYS - inputs.daysSinceActivity) / (DORMANT_AFTER_DAYS - ACTIVE_WITHIN_DAYS)),
  };
  if (inputs.certifications !== null) factors.certifications = clamp01(inputs.certifications / HEALTHY_CERTIFICATIONS);
  // Unknown factors are left out and the known ones rescaled to 100, rather than counted as zero.
  const known = Object.keys(factors) as HealthFactor[];
  const weight = known.reduce((sum, f) => sum + WEIGHTS[f], 0);
  const points = known.reduce((sum, f) => sum + WEIGHTS[f] * factors[f]!, 0);
  return { score: Math.round((points / weight) * 100), factors };
}

export interface RiskAssessment {
  atRisk: boolean;
  /** Points lost since the previous score (0 when it rose or there was none). */
  drop: number;
  /** Readable reasons: the drop first, then the weak factors, weakest first. */
  reasons: string[];
}

const REASON: Record<HealthFactor, string> = {
  registrations: 'few deal registrations in the last 90 days',
  win_rate: 'low win rate over the last year',
  activity: 'no recent deal activity',
  certifications: 'few active certifications',
};
const WEAK_FACTOR = 0.5;

export function assessRisk(current: HealthScore, previousScore: number | null, rule: HealthRule = DEFAULT_HEALTH_RULE): RiskAssessment {
  const drop = previousScore === null ? 0 : Math.max(0, previousScore - current.score);
  const reasons = (Object.entries(current.factors) as [HealthFactor, number][])
    .filter(([, value]) => value < WEAK_FACTOR)
    .sort((a, b) => a[1] - b[1])
    .map(([factor]) => REASON[factor]);
  const dropped = drop >= rule.dropPoints;
  if (dropped) reasons.unshift(`score fell ${drop} points since the last evaluation`);
  return { atRisk: current.score < rule.threshold || dropped, drop, reasons };
}
