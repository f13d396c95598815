import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import { principalFor } from '../domain/access';
import { systemClock, type Clock } from '../domain/clock';
import type { Db } from '../store/db';
import { findApiKeyBySecret, touchApiKey } from '../store/apiKeys';
import { getTenant } from '../store/tenants';
import { apiKeyActorName } from '../usecases/actors';
import type { Actor } from '../usecases/context';
import { unauthorized } from '../usecases/errors';

function bearer(req: Request): string {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('Send an API key as "Authorization: Bearer <key>"');
  return match[1]!;
}

/**
 * The tenant behind the API key. An unknown or revoked key is a 401 that says nothing more; an
 * expired one says so, since only its holder knows the secret and needs to know why it stopped.
 */
export async function authenticateTenant(db: Db, req: Request, clock: Clock = systemClock): Promise<Actor> {
  const key = await findApiKeyBySecret(db, bearer(req));
  if (!key || key.revokedAt) throw unauthorized('The API key is not valid');
  const now = clock.now();
  if (key.expiresAt && key.expiresAt <= now) throw unauthorized(`The API key expired at ${key.expiresAt.toISOString()}; create a new one on the settings page`);
  const tenant = await getTenant(db, key.tenantId);
  if (!tenant) throw unauthorized('The API key is not valid');
  await touchApiKey(db, key, now);
  return { tenantId: tenant.id, settings: tenant.settings, name: apiKeyActorName(key.name), principal: principalFor(key.role), apiKey: { id: key.id, role: key.role } };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function authenticateAdmin(adminToken: string | undefined, req: Request): void {
  const given = bearer(req);
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  if (!adminToken || !timingSafeEqual(digest(given), digest(adminToken))) throw unauthorized('The admin token is not valid');
}
