import type { Request } from 'express';
import { readSession } from '../install/session';
import type { Db } from '../store/db';
import type { Clock } from '../domain/clock';
import { getTenant } from '../store/tenants';
import { unauthorized } from '../usecases/errors';
import { authenticateTenant } from './auth';
import type { Authenticator } from './route';

/**
 * The analytics API answers an API key (integrations) or the signed settings-page session
 * cookie (the dashboard, opened by a signed-in admin). The routes only read, and the cookie is
 * SameSite=Lax and the answers carry no CORS headers, so another site can neither send it from a
 * script nor read what comes back.
 */
export function apiKeyOrSession(db: Db, clock: Clock, signingSecret: string | undefined): Authenticator {
  return async (req: Request) => {
    if (req.get('authorization') || !signingSecret) return authenticateTenant(db, req, clock);
    const session = readSession(req, signingSecret, clock.now());
    const tenant = session ? await getTenant(db, session.tenantId) : null;
    if (!tenant) throw unauthorized('Send an API key as "Authorization: Bearer <key>", or sign in to the dashboard again');
    return { tenantId: tenant.id, settings: tenant.settings, name: 'dashboard' };
  };
}
