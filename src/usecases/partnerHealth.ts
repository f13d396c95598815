import { normalizeDomain } from '../domain/customer';
import { DEFAULT_HEALTH_MODEL, HealthModel } from '../domain/healthModel';
import { assessRisk, graceUntil, type HealthHistory, type RiskAssessment } from '../domain/healthRisk';
import { healthScore, summarize, type HealthScore } from '../domain/healthScore';
import { IN_BUSINESS_STATUSES, type Partner } from '../domain/partner';
import { emptyPerformance, type PartnerPerformance } from '../domain/performance';
import type { TenantSettings } from '../domain/settings';
import type { Queryable } from '../store/db';
import { loadHealthSignals } from '../store/healthSignals';
import { getLatestHealthEvaluation, loadHealthHistory, listHealthTrend, type HealthTrendPoint } from '../store/partnerHealth';
import { loadPartnerPerformance } from '../store/partnerPerformance';
import { findPartnerByDomain, getPartner } from '../store/partners';
import { listCurrentCertifications, type CurrentCertification } from '../store/partnerSignals';
import { loadPolicy } from '../store/tenantPolicies';
import type { Actor, Deps } from './context';
import { notFound } from './errors';

export const loadHealthModel = async (q: Queryable, tenantId: string): Promise<HealthModel> =>
  (await loadPolicy(q, tenantId, 'health_model', HealthModel)) ?? DEFAULT_HEALTH_MODEL;

export interface PartnerHealthEvaluation {
  partnerId: string;
  health: HealthScore;
  risk: RiskAssessment;
  history: HealthHistory;
}

/**
 * Scores partners as of now under the tenant's model, with the at-risk verdict against their
 * snapshots, their team's mark and a new partner's grace period. Only the scheduled evaluation
 * calls this; everything that shows health reads what it kept, so every place shows one number.
 */
export async function evaluateHealthOf(q: Queryable, tenantId: string, partners: readonly Partner[], now: Date, settings: Pick<TenantSettings, 'healthGraceDays'>) {
  const model = await loadHealthModel(q, tenantId);
  const partnerIds = partners.map((p) => p.id);
  const [signals, histories] = await Promise.all([
    loadHealthSignals(q, tenantId, partnerIds, now),
    loadHealthHistory(q, tenantId, partnerIds, now, model.dropWindowDays),
  ]);
  const evaluations = partners.map((partner): PartnerHealthEvaluation => {
    const health = healthScore(signals.get(partner.id)!, model);
    const history = histories.get(partner.id)!;
    const standing = { marked: partner.status === 'at_risk', graceUntil: graceUntil(history.firstEvaluatedAt, settings.healthGraceDays, now) };
    return { partnerId: partner.id, health, risk: assessRisk(health, history, model, standing), history };
  });
  return { model, evaluations };
}

const isInBusiness = (p: Partner) => (IN_BUSINESS_STATUSES as readonly string[]).includes(p.status);

export interface PartnerHealthReport extends HealthScore {
  /** False for prospects and churned partners, whose health is not scored. */
  scored: boolean;
  atRisk: boolean;
  reasons: string[];
  previousScore: number | null;
  /** When the evaluation shown was made; null before the first. */
  evaluatedAt: Date | null;
  rule: Pick<HealthModel, 'atRiskBelow' | 'dropPoints' | 'dropWindowDays'>;
}

/** The partner's latest evaluation, as the dashboard and Slack see it, explained by component. */
async function reportOf(q: Queryable, tenantId: string, partner: Partner): Promise<PartnerHealthReport> {
  const [model, kept] = await Promise.all([loadHealthModel(q, tenantId), getLatestHealthEvaluation(q, tenantId, partner.id)]);
  const rule = { atRiskBelow: model.atRiskBelow, dropPoints: model.dropPoints, dropWindowDays: model.dropWindowDays };
  const previousScore = kept?.previousScore ?? null;
  const unscored = { score: null, components: [], leftOut: [], atRisk: false, previousScore, rule };
  if (!isInBusiness(partner)) {
    return { ...unscored, summary: 'Not scored.', scored: false, reasons: [`health is not scored for ${partner.status} partners`], evaluatedAt: null };
  }
  if (!kept) return { ...unscored, summary: 'Not evaluated yet.', scored: true, reasons: ['not evaluated yet: the next scheduled evaluation scores it'], evaluatedAt: null };
  const { latest } = kept;
  return {
    score: latest.score,
    components: latest.components,
    leftOut: latest.components.filter((c) => c.value === null).map((c) => c.component),
    summary: summarize(latest.components),
    scored: true,
    atRisk: latest.atRisk,
    reasons: latest.reasons,
    previousScore,
    evaluatedAt: latest.evaluatedAt,
    rule,
  };
}

/** A partner's health as last evaluated, explained by component, with the trend of its snapshots. */
export async function partnerHealthReport(deps: Deps, actor: Actor, partnerId: string): Promise<{ partner: Partner; health: PartnerHealthReport; trend: HealthTrendPoint[] }> {
  const partner = await getPartner(deps.db, actor.tenantId, partnerId);
  if (!partner) throw notFound('partner');
  const [health, trend] = await Promise.all([reportOf(deps.db, actor.tenantId, partner), listHealthTrend(deps.db, actor.tenantId, partnerId, 90)]);
  return { partner, health, trend };
}

export interface CompanyHealthReport {
  partner: Partner;
  health: PartnerHealthReport & { trend: 'up' | 'flat' | 'down' | 'new' };
  performance: PartnerPerformance;
  certifications: CurrentCertification[];
}

/**
 * Health of the partner a company record stands for (matched on its web domain), as last
 * evaluated, with the trend against the evaluation before, and the certifications it holds now.
 * Null when the company is not a partner.
 */
export async function partnerHealthOfCompany(deps: Deps, actor: Actor, domain: string): Promise<CompanyHealthReport | null> {
  const normalized = normalizeDomain(domain);
  if (!normalized) return null;
  const partner = await findPartnerByDomain(deps.db, actor.tenantId, normalized);
  if (!partner) return null;
  const now = deps.clock.now();
  const [health, performance, certifications] = await Promise.all([
    reportOf(deps.db, actor.tenantId, partner),
    loadPartnerPerformance(deps.db, actor.tenantId, [partner.id], now),
    listCurrentCertifications(deps.db, actor.tenantId, partner.id, now),
  ]);
  const { score, previousScore } = health;
  const trend = score === null || previousScore === null ? 'new' : score > previousScore ? 'up' : score < previousScore ? 'down' : 'flat';
  return { partner, health: { ...health, trend }, performance: performance.get(partner.id) ?? emptyPerformance(partner.id), certifications };
}
