import { HEALTH_COMPONENTS, type HealthComponent, type HealthModel } from './healthModel';
import { smoothedWinRate, type PartnerPerformance } from './performance';

/**
 * What is known about a partner, per component. A component is null when there is no data
 * for it — it is then left out of the score and the others rescaled, never counted as zero.
 */
export interface HealthSignals {
  /** Portal and API activity plus registration submissions; always known, since Trellis records registrations. */
  engagement: { daysSinceLastActivity: number | null; activeDaysLast30: number };
  pipeline: Pick<PartnerPerformance, 'submittedLast90' | 'submittedPrevious90' | 'won' | 'lost'>;
  /** Null when the tenant records no certifications at all. */
  enablement: { currentCertifications: number } | null;
  /** Null when the partner has no PSAT response in the satisfaction window. */
  satisfaction: { responses: number; averageScore: number } | null;
  /** Null when the tenant records no support cases at all. */
  support: { openCases: number; closedLast90: number } | null;
}

export interface ScoredComponent {
  component: HealthComponent;
  /** 0–100; null when the component has no data. */
  value: number | null;
  /** The tenant's configured weight. */
  weight: number;
  /** Its share of the score in percent after rescaling over the components with data; 0 when left out. */
  effectiveWeight: number;
  explanation: string;
}

export interface HealthScore {
  /** 0–100; null when no component with a weight above 0 has data. */
  score: number | null;
  components: ScoredComponent[];
  /** Components left out for lack of data, named so the score can say so. */
  leftOut: HealthComponent[];
  /** How the score was made, naming what was left out and rescaled. */
  summary: string;
}

export const SATISFACTION_WINDOW_DAYS = 180;
/** Active on two days a week is fully engaged. */
const ENGAGED_DAYS_PER_30 = 8;
const ACTIVE_WITHIN_DAYS = 14;
const DORMANT_AFTER_DAYS = 90;
/** Four registrations a quarter is a healthy pipeline. */
const HEALTHY_REGISTRATIONS_PER_90 = 4;
const HEALTHY_CERTIFICATIONS = 2;
/** Open cases count fully, cases closed in the last 90 days half; this much load is the worst score. */
const FULL_SUPPORT_LOAD = 5;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface Measured {
  /** 0–1. */
  value: number;
  explanation: string;
}

function engagement(s: HealthSignals['engagement']): Measured {
  const days = s.daysSinceLastActivity;
  const recency = days === null ? 0 : clamp01((DORMANT_AFTER_DAYS - days) / (DORMANT_AFTER_DAYS - ACTIVE_WITHIN_DAYS));
  const frequency = clamp01(s.activeDaysLast30 / ENGAGED_DAYS_PER_30);
  const last = days === null ? 'no portal, API or registration activity recorded' : `last active ${plural(days, 'day')} ago`;
  return { value: 0.6 * recency + 0.4 * frequency, explanation: `${last}; active on ${s.activeDaysLast30} of the last 30 days` };
}

function pipeline(s: HealthSignals['pipeline']): Measured {
  const volume = clamp01(s.submittedLast90 / HEALTHY_REGISTRATIONS_PER_90);
  const winRate = smoothedWinRate(s);
  // Velocity: keeping pace with the quarter before (or starting from nothing) is full marks.
  const velocity = s.submittedPrevious90 === 0 ? (s.submittedLast90 > 0 ? 1 : 0) : clamp01(s.submittedLast90 / s.submittedPrevious90);
  const closed = s.won + s.lost;
  const record = closed === 0 ? 'no closed deals in the last year, win rate assumed even' : `won ${s.won} of ${closed} closed in the last year`;
  return {
    value: 0.4 * volume + 0.4 * winRate + 0.2 * velocity,
    explanation: `${plural(s.submittedLast90, 'registration')} in the last 90 days (${s.submittedPrevious90} in the 90 before); ${record}`,
  };
}

function enablement(s: NonNullable<HealthSignals['enablement']>): Measured {
  return {
    value: clamp01(s.currentCertifications / HEALTHY_CERTIFICATIONS),
    explanation: `${plural(s.currentCertifications, 'current certification')} (unexpired); ${HEALTHY_CERTIFICATIONS} is healthy`,
  };
}

function satisfaction(s: NonNullable<HealthSignals['satisfaction']>): Measured {
  return {
    value: clamp01((s.averageScore - 1) / 4),
    explanation: `average PSAT ${s.averageScore.toFixed(1)} of 5 from ${plural(s.responses, 'response')} in the last ${SATISFACTION_WINDOW_DAYS} days`,
  };
}

function support(s: NonNullable<HealthSignals['support']>): Measured {
  const load = s.openCases + 0.5 * s.closedLast90;
  return {
    value: clamp01(1 - load / FULL_SUPPORT_LOAD),
    explanation: `${plural(s.openCases, 'open support case')}, ${s.closedLast90} closed in the last 90 days; more load lowers the score`,
  };
}

const NO_DATA: Record<HealthComponent, string> = {
  engagement: 'no activity data',
  pipeline: 'no registration data',
  enablement: 'no certifications are recorded for any of your partners',
  satisfaction: `no PSAT responses in the last ${SATISFACTION_WINDOW_DAYS} days`,
  support: 'no support cases are recorded for any of your partners',
};

function measure(component: HealthComponent, signals: HealthSignals): Measured | null {
  switch (component) {
    case 'engagement':
      return engagement(signals.engagement);
    case 'pipeline':
      return pipeline(signals.pipeline);
    case 'enablement':
      return signals.enablement && enablement(signals.enablement);
    case 'satisfaction':
      return signals.satisfaction && satisfaction(signals.satisfaction);
    case 'support':
      return signals.support && support(signals.support);
  }
}

/** The health score, 0–100, as the weighted mean of the components that have data. */
export function healthScore(signals: HealthSignals, model: HealthModel): HealthScore {
  const measured = HEALTH_COMPONENTS.map((component) => ({ component, weight: model.weights[component], m: measure(component, signals) }));
  const counted = measured.filter((c) => c.m !== null && c.weight > 0);
  const totalWeight = counted.reduce((sum, c) => sum + c.weight, 0);
  const leftOut = measured.filter((c) => c.m === null).map((c) => c.component);
  const components = measured.map(({ component, weight, m }): ScoredComponent => ({
    component,
    value: m === null ? null : Math.round(m.value * 100),
    weight,
    effectiveWeight: m === null || totalWeight === 0 ? 0 : Math.round((weight / totalWeight) * 1000) / 10,
    explanation: m === null ? `left out: ${NO_DATA[component]}` : weight === 0 ? `${m.explanation}; weighted 0, so not counted` : m.explanation,
  }));
  const points = counted.reduce((sum, c) => sum + c.weight * c.m!.value, 0);
  return { score: totalWeight === 0 ? null : Math.round((points / totalWeight) * 100), components, leftOut, summary: summarize(components) };
}

/** How a score was made, from its scored components: what counted, and what was left out and rescaled. */
export function summarize(components: readonly ScoredComponent[]): string {
  const counted = components.filter((c) => c.value !== null && c.weight > 0).map((c) => c.component);
  const leftOut = components.filter((c) => c.value === null).map((c) => c.component);
  if (counted.length === 0) return 'Not scored: no weighted component has data.';
  const mean = `Weighted mean of ${counted.join(', ')}`;
  if (leftOut.length === 0) return `${mean}.`;
  return `${mean}; ${leftOut.join(', ')} left out for lack of data and the other weights rescaled to 100 %.`;
}
