import type { CompanyHealthReport } from '../../usecases/partnerHealth';
import { cardPartner } from './views';

const DAY_MS = 86_400_000;

/**
 * What the partner health card shows: the score with its trend, each component with the
 * reason for its value, at-risk reasons, recent activity, open pipeline and current
 * certifications with how long each has left.
 */
export function cardPartnerHealth(report: CompanyHealthReport, now: Date) {
  const { health, performance: p } = report;
  return {
    partner: cardPartner(report.partner),
    // Prospects and churned partners, partners not evaluated yet and those with no weighted data have no score to show.
    health:
      health.score === null
        ? null
        : {
            score: health.score,
            trend: health.trend,
            previousScore: health.previousScore,
            evaluatedAt: health.evaluatedAt?.toISOString() ?? null,
            atRisk: health.atRisk,
            reasons: health.reasons,
            summary: health.summary,
            components: health.components.map((c) => ({ component: c.component, value: c.value, share: c.effectiveWeight, explanation: c.explanation })),
          },
    // A partner in business without a score has not been through the scheduled evaluation yet.
    notScored: health.scored && health.score === null ? 'Not scored yet: Trellis evaluates partner health on a schedule and has not evaluated this partner.' : null,
    activity: { submittedLast90: p.submittedLast90, submittedPrevious90: p.submittedPrevious90, won: p.won, lost: p.lost, rejected: p.rejected, expired: p.expired },
    pipeline: p.pipeline,
    certifications: report.certifications.map((c) => ({
      name: c.name,
      holderEmail: c.holderEmail,
      issuedAt: c.issuedAt.toISOString(),
      expiresAt: c.expiresAt?.toISOString() ?? null,
      // Whole days, so the card can warn before a certification lapses and the score drops.
      daysLeft: c.expiresAt ? Math.max(0, Math.ceil((c.expiresAt.getTime() - now.getTime()) / DAY_MS)) : null,
    })),
  };
}
