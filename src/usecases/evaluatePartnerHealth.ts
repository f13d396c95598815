import { IN_BUSINESS_STATUSES } from '../domain/partner';
import { hasRecovered, shouldAnnounce } from '../domain/healthRisk';
import { appendOutboxEvent } from '../store/outbox';
import { insertHealthSnapshot } from '../store/partnerHealth';
import { listPartnersByStatus } from '../store/partners';
import { getTenant, listTenantIds } from '../store/tenants';
import type { Deps } from './context';
import { evaluateHealthOf } from './partnerHealth';

/**
 * Scores every partner in business and keeps the snapshot every view of health reads. Raises
 * `partner.at_risk` when a partner becomes at risk (or falls further): a partner that stays at risk
 * is not re-announced each run. Raises `partner.recovered` when one at risk no longer is, which
 * settles its alert.
 */
export async function evaluatePartnerHealth(deps: Deps): Promise<{ evaluated: number; atRisk: number; recovered: number }> {
  let evaluated = 0;
  let atRisk = 0;
  let recovered = 0;
  for (const tenantId of await listTenantIds(deps.db)) {
    await deps.db.transaction(async (tx) => {
      const tenant = await getTenant(tx, tenantId);
      if (!tenant) return;
      const now = deps.clock.now();
      const partners = await listPartnersByStatus(tx, tenantId, IN_BUSINESS_STATUSES);
      const { evaluations } = await evaluateHealthOf(tx, tenantId, partners, now, tenant.settings);
      for (const { partnerId, health, risk, history } of evaluations) {
        // Nothing weighted has data: there is no score to keep or to alert on.
        if (health.score === null) continue;
        await insertHealthSnapshot(tx, tenantId, partnerId, { evaluatedAt: now, score: health.score, atRisk: risk.atRisk, components: health.components, reasons: risk.reasons });
        evaluated += 1;
        if (hasRecovered(risk, history.previous)) {
          recovered += 1;
          await appendOutboxEvent(tx, tenantId, 'partner.recovered', partnerId, { partnerId, score: health.score, previousScore: history.previous!.score, origin: 'trellis' });
        }
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
  return { evaluated, atRisk, recovered };
}
