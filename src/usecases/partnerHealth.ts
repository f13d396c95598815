import { normalizeDomain } from '../domain/customer';
import { assessRisk, healthScore, type HealthScore } from '../domain/healthScore';
import type { Partner } from '../domain/partner';
import { emptyPerformance, type PartnerPerformance } from '../domain/performance';
import { listPartnerHealthInputs } from '../store/partnerHealth';
import { loadPartnerPerformance } from '../store/partnerPerformance';
import { findPartnerByDomain } from '../store/partners';
import type { Actor, Deps } from './context';

export interface PartnerHealthReport {
  partner: Partner;
  /** Null for partners health is not scored for (prospects and churned partners). */
  health: (HealthScore & { atRisk: boolean; reasons: string[]; trend: 'up' | 'flat' | 'down' | 'new'; previousScore: number | null }) | null;
  performance: PartnerPerformance;
}

/**
 * Health of the partner a company record stands for (matched on its web domain), scored
 * now by the same rules as the scheduled health sweep, with the trend against the sweep's
 * last snapshot. Null when the company is not a partner.
 */
export async function partnerHealthOfCompany(deps: Deps, actor: Actor, domain: string): Promise<PartnerHealthReport | null> {
  const normalized = normalizeDomain(domain);
  if (!normalized) return null;
  const partner = await findPartnerByDomain(deps.db, actor.tenantId, normalized);
  if (!partner) return null;
  const now = deps.clock.now();
  const [inputs, performance] = await Promise.all([
    listPartnerHealthInputs(deps.db, actor.tenantId, now),
    loadPartnerPerformance(deps.db, actor.tenantId, [partner.id], now),
  ]);
  const row = inputs.find((r) => r.partnerId === partner.id);
  const report = { partner, performance: performance.get(partner.id) ?? emptyPerformance(partner.id) };
  if (!row) return { ...report, health: null };
  const score = healthScore(row.inputs);
  const risk = assessRisk(score, row.previous?.score ?? null);
  const previousScore = row.previous?.score ?? null;
  const trend = previousScore === null ? 'new' : score.score > previousScore ? 'up' : score.score < previousScore ? 'down' : 'flat';
  // The partner team's own verdict counts as much as the score.
  const marked = partner.status === 'at_risk';
  const reasons = marked ? ['marked at risk by the partner team', ...risk.reasons] : risk.reasons;
  return { ...report, health: { ...score, atRisk: risk.atRisk || marked, reasons, trend, previousScore } };
}
