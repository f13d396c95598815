import type { Response } from 'express';
import { signInFormToken } from '../../install/session';
import { listWorkspaceUsers } from '../../store/vendorUsers';
import type { InstallDeps } from '../oauth/router';
import { signInPage } from '../pages/signIn';

/** The sign-in page with the ways this server offers (the demo users in the sandbox only). */
export async function sendSignInPage(deps: InstallDeps, res: Response, status: number, returnTo: string | null, notice?: string): Promise<void> {
  const demo = deps.signIn.demoUsers ? { users: await listWorkspaceUsers(deps.db), formToken: signInFormToken(deps.install.signingSecret, deps.clock.now()) } : null;
  res.setHeader('cache-control', 'no-store');
  res.status(status).type('html').send(signInPage({ returnTo, oidcName: deps.signIn.oidc?.name ?? null, demo, ...(notice ? { notice } : {}) }));
}
