import { appendOutboxEvent } from '../store/outbox';
import { listOverdueUnflagged } from '../store/overdueRegistrations';
import { getTenant, listTenantIds } from '../store/tenants';
import type { Deps } from './context';

const BATCH = 500;

/** Announces registrations pending longer than their tenant's approval SLA (`deal_registration.sla_breached`). */
export async function flagOverdueApprovals(deps: Deps): Promise<number> {
  let flagged = 0;
  for (const tenantId of await listTenantIds(deps.db)) {
    const tenant = await getTenant(deps.db, tenantId);
    if (!tenant) continue;
    const now = deps.clock.now();
    const slaMs = tenant.settings.approvalSlaHours * 3_600_000;
    await deps.db.transaction(async (tx) => {
      for (const reg of await listOverdueUnflagged(tx, tenantId, new Date(now.getTime() - slaMs), BATCH)) {
        await appendOutboxEvent(tx, tenantId, 'deal_registration.sla_breached', reg.id, {
          registrationId: reg.id,
          pendingHours: Math.floor((now.getTime() - reg.submittedAt.getTime()) / 3_600_000),
          slaHours: tenant.settings.approvalSlaHours,
          origin: 'trellis',
        });
        flagged += 1;
      }
    });
  }
  return flagged;
}
