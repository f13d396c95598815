import type { TenantSettings } from '../domain/settings';
import { recordAudit } from '../store/outbox';
import { saveTenantSettings } from '../store/tenants';
import type { Actor, Deps } from './context';

/** Applies a settings change (already validated) over the tenant's current settings. */
export async function changeSettings(deps: Pick<Deps, 'db'>, actor: Actor, patch: Partial<TenantSettings>): Promise<TenantSettings> {
  const settings = { ...actor.settings, ...patch };
  await deps.db.transaction(async (tx) => {
    await saveTenantSettings(tx, actor.tenantId, settings);
    await recordAudit(tx, actor.tenantId, {
      actor,
      action: 'settings.changed',
      entityType: 'tenant',
      entityId: actor.tenantId,
      details: { fields: Object.keys(patch) },
    });
  });
  return settings;
}
