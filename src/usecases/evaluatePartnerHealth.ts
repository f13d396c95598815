import { IN_BUSINESS_STATUSES } from '../domain/partner';
import { shouldAnnounce } from '../domain/healthRisk';
import { appendOutboxEvent } from '../store/outbox';
import { insertHealthSnapshot } from '../store/partnerHealth';
import { listPartnersByStatus } from '../store/partners';
import { listTenantIds } from '../store/tenants';
import type { Deps } from './context';
import { evaluateHealthOf } from './partnerHealth';

/**
 * Scores every partner in business, keeps the snapshot, and raises `partner.at_risk` when a partner
 * becomes at risk (or falls further): a partner that stays at risk is not re-announced each run.
 */
export async function evaluatePartnerHealth(deps: Deps): Promise<{ evaluated: number; atRisk: number }> {
  let evaluated = 0;
  let atRisk = 0;
  for (const tenantId of await listTenantIds(deps.db)) {
    await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const partnerIds = (await listPartnersByStatus(tx, tenantId, IN_BUSINESS_STATUSES)).map((p) => p.id);
      const { evaluations } = await evaluateHealthOf(tx, tenantId, partnerIds, now);
      for (const { partnerId, health, risk, history } of evaluations) {
        // Nothing weighted has data: there is no score to keep or to alert on.
        if (health.score === null) continue;
        await insertHealthSnapshot(tx, tenantId, partnerId, { evaluatedAt: now, score: health.score, atRisk: risk.atRisk, components: health.components, reasons: risk.reasons });
        evaluated += 1;
        if (!shouldAnnounce(risk, health.score, history.previous)) continue;
        atRisk += 1;
        await appendOutboxEvent(tx, tenantId, 'partner.at_risk', partnerId, {
          partnerId,
          score: health.score,
          previousScore: history.previous?.score ?? null,
          drop: risk.drop,
          reasons: risk.reasons,
          origin: 'trellis',
        });
      }
    });
  }
  return { evaluated, atRisk };
}
