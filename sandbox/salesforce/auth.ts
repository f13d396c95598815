import type { NextFunction, Request, Response } from 'express';
import type { ApiSession, EmulatorContext } from './context';
import { invalidSession } from './errors';
import { myDomainHost, requestHost } from './hosts';
import type { AccessTokenGrant, EmulatorState } from './state';

/** The live grant behind an `Authorization: Bearer …` (or `OAuth …`) header, if any. */
export function grantFromRequest(ctx: EmulatorContext, req: Request): AccessTokenGrant | undefined {
  const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
  return token ? liveGrant(ctx.state, token, ctx.now()) : undefined;
}

export function liveGrant(state: EmulatorState, token: string, now: number): AccessTokenGrant | undefined {
  const grant = state.accessTokens[token];
  if (!grant) return undefined;
  if (grant.expiresAt <= now) {
    delete state.accessTokens[token];
    return undefined;
  }
  return grant;
}

/** Guards the data API: no valid session → 401 INVALID_SESSION_ID, which clients answer by refreshing. */
export function requireSession(ctx: EmulatorContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const grant = grantFromRequest(ctx, req);
    const org = grant ? ctx.state.orgs[grant.orgId] : undefined;
    if (!grant || !org) throw invalidSession();
    // Another org's My Domain does not know this session.
    const host = requestHost(res);
    if (host.endsWith('.my.salesforce.com') && host !== myDomainHost(org)) throw invalidSession();
    const version = res.locals.version as string;
    const session: ApiSession = { org, userId: grant.userId, clientId: grant.clientId, version, changeOrigin: changeOriginOf(req, version) };
    res.locals.session = session;
    next();
  };
}

export function sessionOf(res: Response): ApiSession {
  return res.locals.session as ApiSession;
}

/**
 * A change event's `changeOrigin`: set only when the API client names itself in the
 * `Sforce-Call-Options: client=…` header (sf-msg), as `com/salesforce/api/rest/<version>;client=<id>`.
 */
export function changeOriginOf(req: Request, version: string): string {
  const client = /(?:^|[,;\s])client=([^,;\s]+)/.exec(req.get('sforce-call-options') ?? '')?.[1];
  return client ? `com/salesforce/api/rest/${version};client=${client}` : '';
}
