import type { Role } from '../domain/access';
import { createApiKey, revokeApiKey, type ApiKey } from '../store/apiKeys';
import { recordAudit } from '../store/outbox';
import type { Actor, Deps } from './context';
import { notFound, validationError } from './errors';

export interface ApiKeyRequest {
  name: string;
  role: Role;
  expiresAt: Date | null;
}

/** Another API key for the actor's tenant; its secret is returned in clear this once and never again. */
export async function issueApiKey(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, request: ApiKeyRequest): Promise<{ apiKey: ApiKey; secret: string }> {
  if (request.expiresAt && request.expiresAt <= deps.clock.now()) {
    throw validationError('Invalid API key', [{ path: ['expiresAt'], message: 'must be in the future' }]);
  }
  return deps.db.transaction(async (tx) => {
    const created = await createApiKey(tx, actor.tenantId, { ...request, createdBy: actor.name });
    const { apiKey } = created;
    await recordAudit(tx, actor.tenantId, {
      actor,
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: apiKey.id,
      details: { name: apiKey.name, role: apiKey.role, expiresAt: apiKey.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
}

/** Revokes one of the tenant's keys at once: the next request with it is refused. */
export async function revokeTenantApiKey(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, id: string): Promise<ApiKey> {
  return deps.db.transaction(async (tx) => {
    const apiKey = await revokeApiKey(tx, actor.tenantId, id, deps.clock.now());
    if (!apiKey) throw notFound('API key');
    await recordAudit(tx, actor.tenantId, { actor, action: 'api_key.revoked', entityType: 'api_key', entityId: apiKey.id, details: { name: apiKey.name } });
    return apiKey;
  });
}
