import { assessRisk, healthScore } from '../domain/healthScore';
import { appendOutboxEvent } from '../store/outbox';
import { insertHealthSnapshot, listPartnerHealthInputs } from '../store/partnerHealth';
import { listTenantIds } from '../store/tenants';
import type { Deps } from './context';

/**
 * Scores every partner, keeps the snapshot, and raises `partner.at_risk` when a partner
 * becomes at risk (or falls sharply again): a partner that stays at risk is not re-announced each run.
 */
export async function evaluatePartnerHealth(deps: Deps): Promise<{ evaluated: number; atRisk: number }> {
  let evaluated = 0;
  let atRisk = 0;
  for (const tenantId of await listTenantIds(deps.db)) {
    await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      for (const row of await listPartnerHealthInputs(tx, tenantId, now)) {
        const score = healthScore(row.inputs);
        const risk = assessRisk(score, row.previous?.score ?? null);
        await insertHealthSnapshot(tx, tenantId, row.partnerId, now, { ...score, atRisk: risk.atRisk });
        evaluated += 1;
        const newlyAtRisk = risk.atRisk && (!row.previous?.atRisk || risk.drop > 0);
        if (!newlyAtRisk) continue;
        atRisk += 1;
        await appendOutboxEvent(tx, tenantId, 'partner.at_risk', row.partnerId, {
          partnerId: row.partnerId,
          score: score.score,
          previousScore: row.previous?.score ?? null,
          drop: risk.drop,
          reasons: risk.reasons,
        });
      }
    });
  }
  return { evaluated, atRisk };
}
