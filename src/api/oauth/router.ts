import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { exchangeHubSpotCode, hubspotAuthorizeUrl } from '../../install/hubspot';
import { bindStateToBrowser, takeBrowserNonce } from '../../install/browserBinding';
import { crmRevokers } from '../../install/revoke';
import { exchangeSalesforceCode, salesforceAuthorization } from '../../install/salesforce';
import { chosenLoginUrl } from '../../install/salesforceLoginHost';
import { readSession, startSession } from '../../install/session';
import { InstallFailed, type InstallSettings, type SignInSettings } from '../../install/settings';
import { exchangeSlackCode, slackAuthorizeUrl } from '../../install/slack';
import { consumeState, issueState, StateRefused } from '../../install/state';
import type { InstallProvider, PendingInstall } from '../../store/oauthStates';
import type { Crm } from '../../domain/crm';
import type { ConnectionGrant } from '../../store/connections';
import type { VendorUser } from '../../store/vendorUsers';
import { connectCrm } from '../../usecases/connectCrm';
import { connectSlack } from '../../usecases/connectSlack';
import type { Deps } from '../../usecases/context';
import { AppError } from '../../usecases/errors';
import { pageFlow, PageRefusal } from '../pages/refusals';
import { rememberReturn, takeReturn } from '../../install/returnTo';

export interface InstallDeps extends Deps {
  install: InstallSettings;
  signIn: SignInSettings;
  logger: Logger;
}

const NAMES: Record<InstallProvider, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce', slack: 'Slack' };


/**
 * The tenant an install adds a connection to. `?tenant=` is honoured only for the tenant the
 * signed-in admin belongs to; without it the CRM account decides (or Slack refuses).
 */
async function sessionTenant(req: Request, deps: InstallDeps, required: boolean): Promise<string | null> {
  const asked = typeof req.query.tenant === 'string' ? req.query.tenant : undefined;
  if (asked === undefined && !required) return null;
  const session = await readSession(deps, req);
  if (!session || (asked !== undefined && asked !== session.tenant.id)) {
    throw new PageRefusal(401, 'Sign in first', 'Open this from your Trellis settings page: your session has expired or is for another workspace.');
  }
  if (session.user.role !== 'admin') throw new PageRefusal(403, 'Admins only', 'Only a Trellis admin of this workspace can connect CRMs and Slack.');
  return session.tenant.id;
}

/** Where a finished install leads, and whom it signs in (nobody when the browser is already signed in). */
interface Completed {
  tenantId: string;
  signIn: VendorUser | null;
}

export function installRouter(deps: InstallDeps): Router {
  const router = Router();
  const secure = deps.install.publicUrl.startsWith('https:');

  const page = pageFlow(deps.logger, 'install', (err) =>
    err instanceof StateRefused
      ? new PageRefusal(400, 'Installation refused', err.message)
      : err instanceof InstallFailed
        ? new PageRefusal(400, 'Installation failed', err.message)
        : err instanceof AppError && err.kind === 'conflict'
          ? new PageRefusal(409, 'Installation refused', err.message)
          : err instanceof AppError && err.kind === 'forbidden'
            ? new PageRefusal(403, 'Already connected', err.message)
            : null,
  );

  /** The shared callback: the provider's answer, the state used up once, then the provider's own completion. */
  const callback = (provider: InstallProvider, complete: (pending: PendingInstall, code: string, req: Request) => Promise<Completed>) =>
    page(async (req, res) => {
      const pending = await consumeState(deps, provider, req.query.state, takeBrowserNonce(req, res, provider));
      if (typeof req.query.error === 'string') {
        throw new PageRefusal(400, 'Installation cancelled', `${NAMES[provider]} did not grant access (${req.query.error}). Nothing was changed.`);
      }
      if (typeof req.query.code !== 'string' || req.query.code === '') {
        throw new PageRefusal(400, 'Installation failed', `${NAMES[provider]} did not send an authorization code.`);
      }
      const { tenantId, signIn } = await complete(pending, req.query.code, req);
      if (signIn) await startSession(deps, res, signIn, 'install', secure);
      res.redirect(303, takeReturn(req, res, '/oauth') ?? `/settings?tenant=${encodeURIComponent(tenantId)}&connected=${provider}`);
    });

  /** Starts an install in this browser: the state is issued and the browser keeps its nonce. */
  const start = async (res: Response, provider: InstallProvider, extra: Parameters<typeof issueState>[2]) => {
    const { state, nonce } = await issueState(deps, provider, extra);
    bindStateToBrowser(res, provider, nonce, secure);
    return state;
  };

  const revokers = crmRevokers(deps.install);
  /** Stores a CRM grant; the browser's session decides whether an already-connected account may reconnect. */
  const connect = async (crm: Crm, req: Request, pending: PendingInstall, got: { grant: ConnectionGrant; accountName: string }): Promise<Completed> => {
    const session = await readSession(deps, req);
    const signedIn = session ? { tenantId: session.tenant.id, role: session.user.role } : null;
    const connected = await connectCrm(deps, { crm, ...got, tenantId: pending.tenantId, signedIn }, revokers[crm]);
    if (!connected.revokedReplacedTokens) deps.logger.warn({ tenantId: connected.tenantId, crm }, 'replaced tokens could not be revoked at the CRM');
    return { tenantId: connected.tenantId, signIn: session?.tenant.id === connected.tenantId ? null : connected.admin };
  };

  router.get(
    '/oauth/hubspot/install',
    page(async (req, res) => {
      const state = await start(res, 'hubspot', { tenantId: await sessionTenant(req, deps, false) });
      rememberReturn(req, res, secure, '/oauth');
      res.redirect(302, hubspotAuthorizeUrl(deps.install, state));
    }),
  );
  router.get(
    '/oauth/hubspot/callback',
    callback('hubspot', async (pending, code, req) => connect('hubspot', req, pending, await exchangeHubSpotCode(deps.install, code, deps.clock.now()))),
  );

  router.get(
    '/oauth/salesforce/install',
    page(async (req, res) => {
      const loginUrl = chosenLoginUrl(deps.install.salesforce, req.query);
      const authorization = salesforceAuthorization(deps.install, loginUrl);
      const state = await start(res, 'salesforce', { tenantId: await sessionTenant(req, deps, false), codeVerifier: authorization.codeVerifier, loginUrl });
      rememberReturn(req, res, secure, '/oauth');
      res.redirect(302, authorization.url(state));
    }),
  );
  router.get(
    '/oauth/salesforce/callback',
    callback('salesforce', async (pending, code, req) => {
      if (!pending.codeVerifier) throw new InstallFailed('This install link is missing its verifier. Start the installation again.');
      return connect('salesforce', req, pending, await exchangeSalesforceCode(deps.install, code, pending.codeVerifier, pending.loginUrl ?? deps.install.salesforce.loginUrl));
    }),
  );

  router.get(
    '/oauth/slack/install',
    page(async (req, res) => {
      const state = await start(res, 'slack', { tenantId: await sessionTenant(req, deps, true) });
      res.redirect(302, slackAuthorizeUrl(deps.install, state));
    }),
  );
  router.get(
    '/oauth/slack/callback',
    callback('slack', async (pending, code) => {
      if (!pending.tenantId) throw new InstallFailed('Slack is added from a Trellis workspace’s settings page.');
      await connectSlack(deps, pending.tenantId, await exchangeSlackCode(deps.install, code));
      return { tenantId: pending.tenantId, signIn: null };
    }),
  );

  return router;
}
