import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import { crmWebOf } from '../../domain/crmRecordUrl';
import { readSession, type SignedIn } from '../../install/session';
import type { SignedInLine } from '../pages/layout';
import { signedInLineWithInbox } from '../pages/signedInLine';
import { renderDealsPage } from './dealsPage';
import { renderRegistrationsPage } from './registrationsPage';
import { readDrillDown, type DrillDown } from './drillDown';
import type { InstallDeps } from '../oauth/router';
import { renderDashboardPage } from './page';
import { sendSignInPage } from '../signin/page';

const SCRIPT = readFileSync(join(__dirname, 'client', 'dashboard.js'), 'utf8');

/**
 * The partner dashboard and the deals and registrations lists its charts drill down to, for any
 * signed-in user of the workspace (every role reads). Its script
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
  const web = crmWebOf(deps.install.hubspot);
  /** A page a chart drills down to: signed in, with the dashboard's filters from its address. */
  const drillDownPage = (render: (session: SignedIn, signedIn: SignedInLine, drillDown: DrillDown) => Promise<string>) => async (req: Request, res: Response) => {
    const session = await readSession(deps, req);
    res.setHeader('cache-control', 'no-store');
    if (!session) return sendSignInPage(deps, res, 401, req.originalUrl);
    const drillDown = readDrillDown(req, res);
    if (drillDown) res.type('html').send(await render(session, await signedInLineWithInbox(deps, session), drillDown));
  };
  router.get('/dashboard/deals', drillDownPage((session, signedIn, drillDown) => renderDealsPage(deps, web, session.actor, signedIn, drillDown)));
  router.get('/dashboard/registrations', drillDownPage((session, signedIn, drillDown) => renderRegistrationsPage(deps, session.actor, signedIn, drillDown)));
  router.get('/dashboard/app.js', (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-cache').send(SCRIPT);
  });
  return router;
}
