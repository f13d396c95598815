import { Router } from 'express';
import { authOf, requireScopes } from './auth';
import { notFound } from './errors';

/**
 * The Settings Users API: `GET /settings/v3/users/{userId}` names a user of the
 * token's account, and whether they are a super admin. It needs `settings.users.read`.
 */
export const SETTINGS_USERS_READ = 'settings.users.read';

export function settingsUserRoutes(): Router {
  const router = Router();
  router.get('/:userId', (req, res) => {
    requireScopes(res, [SETTINGS_USERS_READ]);
    const user = authOf(res).portal.users.find((u) => String(u.id) === req.params.userId);
    if (!user) throw notFound(`User ${req.params.userId} not found`);
    res.json({ id: String(user.id), email: user.email, roleIds: [], superAdmin: user.superAdmin === true });
  });
  return router;
}
