import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Db } from '../store/db';
import { findApiKeyOwner } from '../store/apiKeys';
import { getTenant } from '../store/tenants';
import type { Actor } from '../usecases/context';
import { unauthorized } from '../usecases/errors';

function bearer(req: Request): string {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('Send an API key as "Authorization: Bearer <key>"');
  return match[1]!;
}

/** The tenant behind the API key; an unknown or revoked key is a 401 that says nothing more. */
export async function authenticateTenant(db: Db, req: Request): Promise<Actor> {
  const owner = await findApiKeyOwner(db, bearer(req));
  const tenant = owner ? await getTenant(db, owner.tenantId) : null;
  if (!owner || !tenant) throw unauthorized('The API key is not valid');
  return { tenantId: tenant.id, settings: tenant.settings, name: `api-key:${owner.keyName}` };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function authenticateAdmin(adminToken: string | undefined, req: Request): void {
  const given = bearer(req);
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  if (!adminToken || !timingSafeEqual(digest(given), digest(adminToken))) throw unauthorized('The admin token is not valid');
}
