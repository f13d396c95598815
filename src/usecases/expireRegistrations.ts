import { expireRegistration } from '../domain/registration';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { listDueForExpiry, saveRegistrationState } from '../store/registrations';
import { listTenantIds } from '../store/tenants';
import type { Deps } from './context';

const BATCH = 500;

/** Expires every approved registration whose protection window has ended, tenant by tenant, in batches. */
export async function expireDueRegistrations(deps: Deps): Promise<number> {
  let expired = 0;
  for (const tenantId of await listTenantIds(deps.db)) {
    for (;;) {
      const count = await deps.db.transaction(async (tx) => {
        const now = deps.clock.now();
        const due = await listDueForExpiry(tx, tenantId, now, BATCH);
        for (const reg of due) {
          const result = expireRegistration(reg, now);
          if (!result.ok) continue;
          await saveRegistrationState(tx, tenantId, result.value);
          await recordAudit(tx, tenantId, {
            actor: 'system',
            action: 'deal_registration.expired',
            entityType: 'deal_registration',
            entityId: reg.id,
            details: { protectionExpiresAt: reg.protectionExpiresAt?.toISOString() ?? null },
          });
          await appendOutboxEvent(tx, tenantId, 'deal_registration.expired', reg.id, { registrationId: reg.id, status: 'expired', origin: 'trellis' });
        }
        return due.length;
      });
      expired += count;
      if (count < BATCH) break;
    }
  }
  return expired;
}
