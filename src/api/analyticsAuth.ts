import type { Request } from 'express';
import { readSession } from '../install/session';
import type { Db } from '../store/db';
import type { Clock } from '../domain/clock';
import { unauthorized } from '../usecases/errors';
import { authenticateTenant } from './auth';
import type { Authenticator } from './route';

/**
 * The analytics API answers an API key (integrations) or the signed-in user's session
 * cookie (the dashboard). The routes only read, and the cookie is
 * SameSite=Lax and the answers carry no CORS headers, so another site can neither send it from a
 * script nor read what comes back.
 */
export function apiKeyOrSession(db: Db, clock: Clock): Authenticator {
  return async (req: Request) => {
    if (req.get('authorization')) return authenticateTenant(db, req, clock);
    const session = await readSession({ db, clock }, req);
    if (!session) throw unauthorized('Send an API key as "Authorization: Bearer <key>", or sign in to the dashboard again');
    return session.actor;
  };
}
