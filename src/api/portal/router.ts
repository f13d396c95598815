import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { PORTAL_LINK_PATH } from '../../domain/partnerAccess';
import { findLiveSignInLink } from '../../store/partnerSignInLinks';
import { getPartnerUser } from '../../store/partnerUsers';
import { getPartner } from '../../store/partners';
import { getTenant } from '../../store/tenants';
import type { Deps } from '../../usecases/context';
import { AppError, notFound } from '../../usecases/errors';
import { requestPartnerSignInLinks, signInWithLink } from '../../usecases/partnerSignIn';
import { invitePartnerUser, partnerTeam, removeFromPartner } from '../../usecases/partnerUsers';
import { partnerCan } from '../../domain/partnerAccess';
import { httpStatusOf } from '../errors';
import { messagePage } from '../pages/layout';
import { Invitation } from '../routes/partnerUsers';
import { confirmLinkPage, portalHomePage, signInPage, spentLinkPage, type PortalHome } from './pages';
import { endPortalSession, portalFormToken, readPortalSession, startPortalSession, validPortalFormToken, type PortalSession } from './session';

export interface PortalDeps extends Deps {
  /** Signs the portal's form tokens. */
  signingSecret: string;
  publicUrl: string;
}

/** What a portal page says after a form: the notice rides in the address, so a reload repeats nothing. */
const NOTICES = { invited: 'Invitation sent.', removed: 'Removed from your team.' } as const;

/**
 * The partner portal's door and home: partner users ask for a link by email, confirm it, and land
 * on their home; partner admins manage their team there.
 */
export function portalRouter(deps: PortalDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  const secure = deps.publicUrl.startsWith('https:');

  const home = async (session: PortalSession, notice?: PortalHome['notice']): Promise<string> => {
    const { user } = session;
    const [tenant, partner] = await Promise.all([getTenant(deps.db, user.tenantId), getPartner(deps.db, user.tenantId, user.partnerId)]);
    const team = partnerCan(user.role, 'manage_team') ? await partnerTeam(deps, { partnerAdmin: user }, user.partnerId) : null;
    return portalHomePage({ user, partner: partner!, vendorName: tenant?.name ?? 'Your vendor', team, formToken: portalFormToken(deps.signingSecret, session), ...(notice && { notice }) });
  };

  /** A signed-in page's form: the session and its form token, else the person is sent to sign in. */
  const signedInForm = (handle: (session: PortalSession, req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    const session = await readPortalSession(deps, req);
    if (!session) return res.redirect(303, '/portal/signin');
    if (!validPortalFormToken(deps.signingSecret, session, req.body?.csrf)) {
      return res.status(403).type('html').send(messagePage('Form expired', 'This form is no longer valid. Open the portal again and retry.'));
    }
    try {
      await handle(session, req, res);
    } catch (err) {
      if (!(err instanceof AppError) || err.kind === 'unauthorized') throw err;
      res.status(httpStatusOf(err)).type('html').send(await home(session, { kind: 'error', text: err.message }));
    }
  };

  router.get('/portal', async (req, res) => {
    const session = await readPortalSession(deps, req);
    // Signed out, or removed: the portal's address shows the way in.
    if (!session) return res.type('html').send(signInPage());
    const done = NOTICES[req.query.done as keyof typeof NOTICES];
    res.type('html').send(await home(session, done ? { kind: 'done', text: done } : undefined));
  });

  router.get('/portal/signin', (_req, res) => {
    res.type('html').send(signInPage());
  });

  router.post('/portal/signin', form, async (req, res) => {
    const email = typeof req.body?.email === 'string' ? req.body.email.trim() : '';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 254) {
      return res.status(400).type('html').send(signInPage({ kind: 'error', text: 'Enter your work email address, such as name@company.com.' }));
    }
    await requestPartnerSignInLinks(deps, email);
    // The same answer whether or not the address has access: the form does not tell who does.
    res.type('html').send(signInPage({ kind: 'sent', text: `If ${email} has access to a partner portal, a link to sign in is on its way. It works once, for 15 minutes.` }));
  });

  router.get(`${PORTAL_LINK_PATH}/:token`, async (req, res) => {
    const link = await findLiveSignInLink(deps.db, req.params.token!, deps.clock.now());
    const user = link && (await getPartnerUser(deps.db, link.tenantId, link.userId));
    if (!user) return res.status(410).type('html').send(spentLinkPage());
    res.type('html').send(confirmLinkPage(req.originalUrl, user.email));
  });

  router.post(`${PORTAL_LINK_PATH}/:token`, async (req, res) => {
    const user = await signInWithLink(deps, req.params.token!);
    if (!user) return res.status(410).type('html').send(spentLinkPage());
    await startPortalSession(deps, req, res, user, secure);
    res.redirect(303, '/portal');
  });

  router.post('/portal/signout', form, async (req, res) => {
    await endPortalSession(deps, req, res);
    res.redirect(303, '/portal/signin');
  });

  router.post(
    '/portal/team',
    form,
    signedInForm(async (session, req, res) => {
      const parsed = Invitation.safeParse({ email: req.body.email, displayName: req.body.displayName?.trim() || null, role: req.body.role, locale: null });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return void res.status(400).type('html').send(await home(session, { kind: 'error', text: `${String(issue.path[0] ?? 'invitation')}: ${issue.message}` }));
      }
      await invitePartnerUser(deps, { partnerAdmin: session.user }, session.user.partnerId, parsed.data);
      res.redirect(303, '/portal?done=invited');
    }),
  );

  router.post(
    '/portal/team/:userId/remove',
    form,
    signedInForm(async (session, req, res) => {
      const userId = z.uuid().safeParse(req.params.userId);
      if (!userId.success) throw notFound('partner user');
      await removeFromPartner(deps, { partnerAdmin: session.user }, session.user.partnerId, userId.data);
      res.redirect(303, '/portal?done=removed');
    }),
  );

  return router;
}
