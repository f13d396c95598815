import type { HealthModel } from './healthModel';
import type { HealthScore } from './healthScore';

/** The snapshots the at-risk rule compares against. */
export interface HealthHistory {
  /** The last evaluation. */
  previous: { score: number; atRisk: boolean } | null;
  /** The highest score within the model's drop window; null when none was taken in it. */
  highestInWindow: number | null;
  /** When Trellis first evaluated the partner; null before its first evaluation. */
  firstEvaluatedAt: Date | null;
}

export interface RiskAssessment {
  atRisk: boolean;
  /** Points lost from the window's highest score (0 when none is higher). */
  drop: number;
  /** Readable reasons: the drop and the threshold first, then the weak components, weakest first. */
  reasons: string[];
}

/** Components scoring under this are named as reasons. */
const WEAK_COMPONENT = 50;

/** What the partner team knows of a partner beyond its score. */
export interface PartnerStanding {
  /** The partner team marked the partner at risk: their verdict counts as much as the score. */
  marked: boolean;
  /** A new partner has too little data to judge: until this instant it is never at risk by its score; null when past. */
  graceUntil: Date | null;
}

export const NO_STANDING: PartnerStanding = { marked: false, graceUntil: null };

/**
 * The end of a new partner's grace period, or null once it is over. It counts from the partner's
 * first evaluation (now, at the first), so partners added or imported at once, as on the day a
 * tenant installs Trellis, are all given time to show what they do.
 */
export function graceUntil(firstEvaluatedAt: Date | null, graceDays: number, now: Date): Date | null {
  const until = new Date((firstEvaluatedAt ?? now).getTime() + graceDays * 86_400_000);
  return until > now ? until : null;
}

/**
 * At risk: a score under the tenant's threshold, or a fast fall (points lost within the window),
 * or the partner team's mark. A new partner in its grace period is not at risk by its score.
 */
export function assessRisk(health: HealthScore, history: HealthHistory, model: HealthModel, standing: PartnerStanding = NO_STANDING): RiskAssessment {
  if (health.score === null) return { atRisk: false, drop: 0, reasons: [] };
  const drop = history.highestInWindow === null ? 0 : Math.max(0, history.highestInWindow - health.score);
  const weak = health.components
    .filter((c) => c.value !== null && c.weight > 0 && c.value < WEAK_COMPONENT)
    .sort((a, b) => a.value! - b.value!)
    .map((c) => `${c.component} ${c.value}/100: ${c.explanation}`);
  const marked = standing.marked ? ['marked at risk by the partner team'] : [];
  if (standing.graceUntil) {
    const grace = `new partner: its score can put it at risk from ${standing.graceUntil.toISOString().slice(0, 10)}`;
    return { atRisk: standing.marked, drop, reasons: [...marked, grace] };
  }
  const reasons: string[] = [];
  const fell = drop >= model.dropPoints;
  if (fell) reasons.push(`score fell ${drop} points within ${model.dropWindowDays} days`);
  const below = health.score < model.atRiskBelow;
  if (below) reasons.push(`score ${health.score} is under the threshold of ${model.atRiskBelow}`);
  return { atRisk: standing.marked || fell || below, drop, reasons: [...marked, ...reasons, ...weak] };
}

/** A partner that was at risk at the last evaluation and no longer is: its at-risk alert is settled. */
export const hasRecovered = (risk: RiskAssessment, previous: HealthHistory['previous']): boolean => !risk.atRisk && previous?.atRisk === true;

/**
 * A partner is announced when it becomes at risk, or falls further while at risk — one that
 * stays at risk at the same score or better is not re-announced every evaluation.
 */
export function shouldAnnounce(risk: RiskAssessment, score: number, previous: HealthHistory['previous']): boolean {
  return risk.atRisk && (!previous?.atRisk || score < previous.score);
}
