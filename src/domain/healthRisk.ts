import type { HealthModel } from './healthModel';
import type { HealthScore } from './healthScore';

/** The snapshots the at-risk rule compares against. */
export interface HealthHistory {
  /** The last evaluation. */
  previous: { score: number; atRisk: boolean } | null;
  /** The highest score within the model's drop window; null when none was taken in it. */
  highestInWindow: number | null;
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

/** At risk: a score under the tenant's threshold, or a fast fall (points lost within the window). */
export function assessRisk(health: HealthScore, history: HealthHistory, model: HealthModel): RiskAssessment {
  if (health.score === null) return { atRisk: false, drop: 0, reasons: [] };
  const drop = history.highestInWindow === null ? 0 : Math.max(0, history.highestInWindow - health.score);
  const reasons: string[] = [];
  const fell = drop >= model.dropPoints;
  if (fell) reasons.push(`score fell ${drop} points within ${model.dropWindowDays} days`);
  const below = health.score < model.atRiskBelow;
  if (below) reasons.push(`score ${health.score} is under the threshold of ${model.atRiskBelow}`);
  const weak = health.components
    .filter((c) => c.value !== null && c.weight > 0 && c.value < WEAK_COMPONENT)
    .sort((a, b) => a.value! - b.value!)
    .map((c) => `${c.component} ${c.value}/100: ${c.explanation}`);
  return { atRisk: fell || below, drop, reasons: [...reasons, ...weak] };
}

/**
 * A partner is announced when it becomes at risk, or falls further while at risk — one that
 * stays at risk at the same score or better is not re-announced every evaluation.
 */
export function shouldAnnounce(risk: RiskAssessment, score: number, previous: HealthHistory['previous']): boolean {
  return risk.atRisk && (!previous?.atRisk || score < previous.score);
}
