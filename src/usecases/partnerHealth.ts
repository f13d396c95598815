import { normalizeDomain } from '../domain/customer';
import { DEFAULT_HEALTH_MODEL, HealthModel } from '../domain/healthModel';
import { assessRisk, type HealthHistory, type RiskAssessment } from '../domain/healthRisk';
import { healthScore, type HealthScore } from '../domain/healthScore';
import { IN_BUSINESS_STATUSES, type Partner } from '../domain/partner';
import { emptyPerformance, type PartnerPerformance } from '../domain/performance';
import type { Queryable } from '../store/db';
import { loadHealthSignals } from '../store/healthSignals';
import { loadHealthHistory, listHealthTrend, type HealthTrendPoint } from '../store/partnerHealth';
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

/** Scores partners as of now under the tenant's model, with the at-risk verdict against their snapshots. */
export async function evaluateHealthOf(q: Queryable, tenantId: string, partnerIds: readonly string[], now: Date) {
  const model = await loadHealthModel(q, tenantId);
  const [signals, histories] = await Promise.all([
    loadHealthSignals(q, tenantId, partnerIds, now),
    loadHealthHistory(q, tenantId, partnerIds, now, model.dropWindowDays),
  ]);
  const evaluations = partnerIds.map((partnerId): PartnerHealthEvaluation => {
    const health = healthScore(signals.get(partnerId)!, model);
    const history = histories.get(partnerId)!;
    return { partnerId, health, risk: assessRisk(health, history, model), history };
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
  rule: Pick<HealthModel, 'atRiskBelow' | 'dropPoints' | 'dropWindowDays'>;
}

async function reportOf(q: Queryable, tenantId: string, partner: Partner, now: Date): Promise<PartnerHealthReport> {
  const { model, evaluations } = await evaluateHealthOf(q, tenantId, [partner.id], now);
  const { health, risk, history } = evaluations[0]!;
  const rule = { atRiskBelow: model.atRiskBelow, dropPoints: model.dropPoints, dropWindowDays: model.dropWindowDays };
  const previousScore = history.previous?.score ?? null;
  if (!isInBusiness(partner)) return { ...health, score: null, scored: false, atRisk: false, reasons: [`health is not scored for ${partner.status} partners`], previousScore, rule };
  // The partner team's own verdict counts as much as the score.
  const marked = partner.status === 'at_risk';
  const reasons = marked ? ['marked at risk by the partner team', ...risk.reasons] : risk.reasons;
  return { ...health, scored: true, atRisk: risk.atRisk || marked, reasons, previousScore, rule };
}

/** A partner's health now, explained by component, with the trend of its snapshots. */
export async function partnerHealthReport(deps: Deps, actor: Actor, partnerId: string): Promise<{ partner: Partner; health: PartnerHealthReport; trend: HealthTrendPoint[] }> {
  const partner = await getPartner(deps.db, actor.tenantId, partnerId);
  if (!partner) throw notFound('partner');
  const [health, trend] = await Promise.all([reportOf(deps.db, actor.tenantId, partner, deps.clock.now()), listHealthTrend(deps.db, actor.tenantId, partnerId, 90)]);
  return { partner, health, trend };
}

export interface CompanyHealthReport {
  partner: Partner;
  health: PartnerHealthReport & { trend: 'up' | 'flat' | 'down' | 'new' };
  performance: PartnerPerformance;
  certifications: CurrentCertification[];
}

/**
 * Health of the partner a company record stands for (matched on its web domain), scored
 * now by the same rules as the scheduled health sweep, with the trend against the sweep's
 * last snapshot, and the certifications it holds now. Null when the company is not a partner.
 */
export async function partnerHealthOfCompany(deps: Deps, actor: Actor, domain: string): Promise<CompanyHealthReport | null> {
  const normalized = normalizeDomain(domain);
  if (!normalized) return null;
  const partner = await findPartnerByDomain(deps.db, actor.tenantId, normalized);
  if (!partner) return null;
  const now = deps.clock.now();
  const [health, performance, certifications] = await Promise.all([
    reportOf(deps.db, actor.tenantId, partner, now),
    loadPartnerPerformance(deps.db, actor.tenantId, [partner.id], now),
    listCurrentCertifications(deps.db, actor.tenantId, partner.id, now),
  ]);
  const { score, previousScore } = health;
  const trend = score === null || previousScore === null ? 'new' : score > previousScore ? 'up' : score < previousScore ? 'down' : 'flat';
  return { partner, health: { ...health, trend }, performance: performance.get(partner.id) ?? emptyPerformance(partner.id), certifications };
}
