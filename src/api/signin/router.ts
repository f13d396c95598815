import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { bindStateToBrowser, takeBrowserNonce } from '../../install/browserBinding';
import { hubspotSignInUrl, identifyHubSpotUser } from '../../install/hubspot';
import { completeOpenIdSignIn, openIdAuthorization, type OpenIdClient } from '../../install/openIdConnect';
import { localPath, rememberReturn, takeReturn } from '../../install/returnTo';
import { chosenLoginUrl } from '../../install/salesforceLoginHost';
import { endSession, readCookie, readSession, startSession, validFormToken, validSignInFormToken } from '../../install/session';
import { InstallFailed, signInCallbackUrl } from '../../install/settings';
import { sign, verifySignature } from '../../install/signing';
import { consumeState, issueState, StateRefused } from '../../install/state';
import type { PendingInstall, SignInProvider } from '../../store/oauthStates';
import type { SignInMethod } from '../../store/vendorSessions';
import { getVendorUser, type VendorUser } from '../../store/vendorUsers';
import { chosenWorkspaceUser, userOfCrmAccount, workspacesOf } from '../../usecases/signIn';
import { AppError } from '../../usecases/errors';
import type { InstallDeps } from '../oauth/router';
import { messagePage } from '../pages/layout';
import { workspaceChooserPage } from '../pages/signIn';
import { pageFlow, PageRefusal } from '../pages/refusals';
import { sendSignInPage } from './page';

/** Where a callback leads: a signed-in user, or (OpenID Connect) a choice of workspaces to make first. */
type SignInOutcome = { user: VendorUser } | { choose: string };

/** The workspace choice of an OpenID Connect sign-in is bound to its browser by this cookie, like an install's state. */
const CHOICE_COOKIE = 'trellis_signin_choice';
const CHOICE_LIFETIME_MS = 10 * 60_000;

/**
 * Signing in (identity only: nothing is installed and no CRM connection changes) with HubSpot's
 * OAuth, Salesforce's OpenID Connect at the login host the person picks, a configured OpenID
 * Connect provider, or, in the sandbox, as any user in one click; and signing out.
 */
export function signInRouter(deps: InstallDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  const secure = deps.install.publicUrl.startsWith('https:');
  const secret = deps.install.signingSecret;
  const { oidc } = deps.signIn;
  const names: Record<SignInProvider, string> = { hubspot_signin: 'HubSpot', salesforce_signin: 'Salesforce', oidc_signin: oidc?.name ?? 'Single sign-on' };

  const page = pageFlow(deps.logger, 'sign-in', (err) =>
    err instanceof StateRefused
      ? new PageRefusal(400, 'Sign-in refused', err.message)
      : err instanceof InstallFailed
        ? new PageRefusal(400, 'Sign-in failed', err.message)
        : err instanceof AppError && err.kind === 'forbidden'
          ? new PageRefusal(403, 'Not a Trellis user', err.message)
          : null,
  );

  const start = async (req: Request, res: Response, provider: SignInProvider, extra: Parameters<typeof issueState>[2] = {}) => {
    const issued = await issueState(deps, provider, extra);
    bindStateToBrowser(res, provider, issued.nonce, secure);
    rememberReturn(req, res, secure, '/signin');
    return issued;
  };

  const signedIn = async (res: Response, user: VendorUser, via: SignInMethod, returnTo: string | null) => {
    await startSession(deps, res, user, via, secure);
    res.redirect(303, returnTo ?? '/dashboard');
  };

  /** The shared callback: the state used up once, the provider's answer, then whom it proves the person to be. */
  const callback = (
    provider: SignInProvider,
    via: SignInMethod,
    identify: (pending: PendingInstall, req: Request, res: Response, returnTo: string | null) => Promise<SignInOutcome>,
  ) =>
    page(async (req, res) => {
      const pending = await consumeState(deps, provider, req.query.state, takeBrowserNonce(req, res, provider));
      const returnTo = takeReturn(req, res, '/signin');
      if (typeof req.query.error === 'string') {
        throw new PageRefusal(400, 'Sign-in cancelled', `${names[provider]} did not sign you in (${req.query.error}).`);
      }
      if (typeof req.query.code !== 'string' || req.query.code === '') throw new PageRefusal(400, 'Sign-in failed', `${names[provider]} did not send an authorization code.`);
      const outcome = await identify(pending, req, res, returnTo);
      if ('user' in outcome) return signedIn(res, outcome.user, via, returnTo);
      res.setHeader('cache-control', 'no-store');
      res.type('html').send(outcome.choose);
    });

  // The ID token's nonce is derived from the state's, which is kept server-side and bound to the browser.
  const openIdNonce = (stateNonce: string) => sign(secret, 'openid-nonce', stateNonce);

  const openIdVerifiedEmail = (name: string, identity: { email: string | null; emailVerified: boolean }) => {
    if (!identity.email) throw new PageRefusal(403, 'Sign-in refused', `${name} did not tell your email address.`);
    if (!identity.emailVerified) throw new PageRefusal(403, 'Sign-in refused', `${name} has not verified ${identity.email}. Verify your email address there, then sign in again.`);
    return identity.email;
  };

  router.get('/signin', async (req, res) => {
    const session = await readSession(deps, req);
    const returnTo = localPath(req.query.return);
    if (session && returnTo) return void res.redirect(303, returnTo);
    await sendSignInPage(deps, res, 200, returnTo);
  });

  router.get(
    '/signin/hubspot',
    page(async (req, res) => {
      const { state } = await start(req, res, 'hubspot_signin');
      res.redirect(302, hubspotSignInUrl(deps.install, state));
    }),
  );
  router.get(
    '/signin/hubspot/callback',
    callback('hubspot_signin', 'hubspot', async (_pending, req) => {
      const who = await identifyHubSpotUser(deps.install, req.query.code as string);
      return { user: await userOfCrmAccount(deps, 'hubspot', who.portalId, who.email) };
    }),
  );

  const salesforceClient = (loginUrl: string): OpenIdClient => ({
    issuer: loginUrl,
    clientId: deps.install.salesforce.clientId,
    clientSecret: deps.install.salesforce.clientSecret ?? '',
    redirectUri: signInCallbackUrl(deps.install, 'salesforce'),
  });
  router.get(
    '/signin/salesforce',
    page(async (req, res) => {
      if (!deps.install.salesforce.clientSecret) throw new InstallFailed('Salesforce is not configured on this server (SALESFORCE_CLIENT_SECRET).');
      const loginUrl = chosenLoginUrl(deps.install.salesforce, req.query);
      const authorization = await openIdAuthorization('Salesforce', salesforceClient(loginUrl));
      const issued = await start(req, res, 'salesforce_signin', { codeVerifier: authorization.codeVerifier, loginUrl });
      res.redirect(302, authorization.url(issued.state, openIdNonce(issued.nonce)));
    }),
  );
  router.get(
    '/signin/salesforce/callback',
    callback('salesforce_signin', 'salesforce', async (pending, req) => {
      const client = salesforceClient(pending.loginUrl ?? deps.install.salesforce.loginUrl);
      const identity = await completeOpenIdSignIn('Salesforce', client, req.query, { codeVerifier: pending.codeVerifier ?? '', state: req.query.state as string, nonce: openIdNonce(pending.nonce) });
      const email = openIdVerifiedEmail('Salesforce', identity);
      const orgId = identity.claims.organization_id;
      if (typeof orgId !== 'string') throw new InstallFailed('Salesforce did not say which org you signed in to.');
      return { user: await userOfCrmAccount(deps, 'salesforce', orgId, email) };
    }),
  );

  if (oidc) {
    const client: OpenIdClient = { ...oidc, redirectUri: signInCallbackUrl(deps.install, 'oidc') };
    router.get(
      '/signin/oidc',
      page(async (req, res) => {
        const authorization = await openIdAuthorization(oidc.name, client);
        const issued = await start(req, res, 'oidc_signin', { codeVerifier: authorization.codeVerifier, loginUrl: oidc.issuer });
        res.redirect(302, authorization.url(issued.state, openIdNonce(issued.nonce)));
      }),
    );
    router.get(
      '/signin/oidc/callback',
      callback('oidc_signin', 'oidc', async (pending, req, res, returnTo) => {
        const identity = await completeOpenIdSignIn(oidc.name, client, req.query, { codeVerifier: pending.codeVerifier ?? '', state: req.query.state as string, nonce: openIdNonce(pending.nonce) });
        const email = openIdVerifiedEmail(oidc.name, identity);
        const found = await workspacesOf(deps, email);
        if (found.length === 1) return { user: found[0]!.user };
        // Several workspaces know the email: each button carries a choice signed for this browser only.
        const browser = randomBytes(18).toString('base64url');
        const expiry = String(deps.clock.now().getTime() + CHOICE_LIFETIME_MS);
        res.cookie(CHOICE_COOKIE, browser, { httpOnly: true, sameSite: 'lax', secure, path: '/signin/oidc', maxAge: CHOICE_LIFETIME_MS });
        const choices = found.map(({ user, tenantName }) => ({
          tenantName,
          role: user.role,
          fields: {
            tenant: user.tenantId,
            user: user.id,
            email,
            expiry,
            proof: sign(secret, 'workspace-choice', `${browser}.${expiry}.${user.tenantId}.${user.id}.${email}`),
            ...(returnTo ? { return: returnTo } : {}),
          },
        }));
        return { choose: workspaceChooserPage(email, choices) };
      }),
    );
    router.post(
      '/signin/oidc/choose',
      form,
      page(async (req, res) => {
        const body = req.body as Record<string, unknown>;
        const browser = readCookie(req, CHOICE_COOKIE);
        res.clearCookie(CHOICE_COOKIE, { path: '/signin/oidc' });
        const [tenant, user, email, expiry, proof] = ['tenant', 'user', 'email', 'expiry', 'proof'].map((k) => (typeof body[k] === 'string' ? (body[k] as string) : ''));
        const genuine = browser !== undefined && Number(expiry) > deps.clock.now().getTime() && verifySignature(secret, 'workspace-choice', `${browser}.${expiry}.${tenant}.${user}.${email}`, proof!);
        if (!genuine) throw new PageRefusal(400, 'Sign-in refused', 'This choice has expired or was made in another browser. Sign in again.');
        await signedIn(res, await chosenWorkspaceUser(deps, email!, tenant!, user!), 'oidc', localPath(body.return));
      }),
    );
  }

  // The sandbox's one-click sign-in: the route does not exist on a server that is not the sandbox.
  if (deps.signIn.demoUsers) {
    router.post(
      '/signin/sandbox',
      form,
      page(async (req, res) => {
        const body = req.body as Record<string, unknown>;
        if (!validSignInFormToken(secret, body.csrf, deps.clock.now())) throw new PageRefusal(403, 'Form expired', 'This sign-in page is out of date. Reload it and try again.');
        const ids = z.object({ tenant: z.uuid(), user: z.uuid() }).safeParse(body);
        const user = ids.success ? await getVendorUser(deps.db, ids.data.tenant, ids.data.user) : null;
        if (!user) throw new PageRefusal(404, 'No such user', 'That user is no longer a Trellis user. Reload the sign-in page.');
        await signedIn(res, user, 'sandbox', localPath(body.return));
      }),
    );
  }

  router.post('/signout', form, async (req, res) => {
    const session = await readSession(deps, req);
    if (session && !validFormToken(secret, session, (req.body as Record<string, unknown> | undefined)?.csrf)) {
      return void res.status(403).type('html').send(messagePage('Form expired', 'This page is out of date. Reload it and sign out again.'));
    }
    await endSession(deps, req, res);
    await sendSignInPage(deps, res, 200, null, 'You are signed out.');
  });

  return router;
}
