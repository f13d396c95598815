import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { readSession } from '../../install/session';
import { signedInLineWithInbox } from '../pages/signedInLine';
import type { InstallDeps } from '../oauth/router';
import { renderDashboardPage } from './page';
import { sendSignInPage } from '../signin/page';

const SCRIPT = readFileSync(join(__dirname, 'client', 'dashboard.js'), 'utf8');

/**
 * The partner dashboard, for any signed-in user of the workspace (every role reads). Its script
 * calls the analytics API with the same session cookie; integrations call it with an API key.
 */
export function dashboardRouter(deps: InstallDeps): Router {
  const router = Router();
  router.get('/dashboard', async (req, res) => {
    const session = await readSession(deps, req);
    res.setHeader('cache-control', 'no-store');
    if (!session) {
      return sendSignInPage(deps, res, 401, req.originalUrl);
    }
    res.type('html').send(renderDashboardPage(session.tenant.name, await signedInLineWithInbox(deps, session)));
  });
  router.get('/dashboard/app.js', (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-cache').send(SCRIPT);
  });
  return router;
}
