import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { crmWebOf } from '../../domain/crmRecordUrl';
import { readSession } from '../../install/session';
import { signedInLineWithInbox } from '../pages/signedInLine';
import type { InstallDeps } from '../oauth/router';
import { messagePage } from '../pages/layout';
import { sendSignInPage } from '../signin/page';
import { conflictPage } from './conflictPage';
import type { RecordPageContext } from './context';
import { partnerPage } from './partnerPage';
import { registrationPage } from './registrationPage';

type RecordPage = (ctx: RecordPageContext, id: string) => Promise<string | null>;

/**
 * The pages alerts, cards and the dashboard link to for a registration, a conflict or a partner.
 * Like the dashboard they open with a signed-in user's session, and read only that tenant's
 * records: another tenant's id is not found.
 */
export function recordPagesRouter(deps: InstallDeps): Router {
  const router = Router();
  const web = crmWebOf(deps.install.hubspot);
  const show = (page: RecordPage) => async (req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    const session = await readSession(deps, req);
    if (!session) return sendSignInPage(deps, res, 401, req.originalUrl);
    const { tenant } = session;
    const id = z.uuid().safeParse(req.params.id);
    const signedIn = await signedInLineWithInbox(deps, session);
    const html = id.success ? await page({ deps, web, tenant, actor: session.actor, signedIn }, id.data) : null;
    if (!html) return void res.status(404).type('html').send(messagePage('Not found', 'There is no such record in this workspace.'));
    res.type('html').send(html);
  };
  router.get('/registrations/:id', show(registrationPage));
  router.get('/conflicts/:id', show(conflictPage));
  router.get('/partners/:id', show(partnerPage));
  return router;
}
