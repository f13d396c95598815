import type { NextFunction, Request, Response } from 'express';
import { integrationSource } from './changes';
import { writeContext, type EmulatorContext, type WriteContext } from './context';
import { HubSpotError } from './errors';
import type { ObjectType } from './objectTypes';
import type { AccessGrant, Portal, RegisteredApp } from './state';

export interface AuthContext {
  app: RegisteredApp;
  portal: Portal;
  grant: AccessGrant;
}

const CREDENTIALS_NOT_FOUND =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

const invalidAuthentication = () =>
  new HubSpotError(401, { message: CREDENTIALS_NOT_FOUND, category: 'INVALID_AUTHENTICATION' });

/** Every API route needs a live bearer token; the token decides the portal and the app. */
export function bearerAuth(ctx: EmulatorContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
    const grant = token ? ctx.state.accessTokens[token] : undefined;
    if (!grant) throw invalidAuthentication();
    const expiredFor = Math.floor((ctx.now() - grant.expiresAt) / 1000);
    if (expiredFor >= 0) {
      throw new HubSpotError(401, {
        message: `The OAuth token used to make this call expired ${expiredFor} second(s) ago.`,
        category: 'EXPIRED_AUTHENTICATION',
      });
    }
    const app = ctx.state.apps[String(grant.appId)];
    const portal = ctx.state.portals[String(grant.portalId)];
    if (!app || !portal) throw invalidAuthentication();
    const auth: AuthContext = { app, portal, grant };
    res.locals.auth = auth;
    next();
  };
}

export function authOf(res: Response): AuthContext {
  return res.locals.auth as AuthContext;
}

/** A write made through the API is reported as the calling app's (changeSource INTEGRATION). */
export function apiWrite(ctx: EmulatorContext, res: Response): WriteContext {
  const { app, portal } = authOf(res);
  return writeContext(ctx, portal, integrationSource(app.id));
}

/** Each argument is a set of alternatives; the token must hold one scope of every set. */
export function requireScopes(res: Response, ...alternatives: string[][]): void {
  const granted = new Set(authOf(res).grant.scopes);
  const missing = alternatives.find((anyOf) => !anyOf.some((s) => granted.has(s)));
  if (!missing) return;
  throw new HubSpotError(403, {
    message:
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    category: 'MISSING_SCOPES',
    // CRM object APIs name what the token lacks in `context.missingScopes` [hs-batch].
    context: { missingScopes: missing },
    errors: [
      { message: 'One or more of the following scopes are required.', context: { requiredGrantedScopes: missing } },
    ],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });
}

export const objectScope = (type: ObjectType, access: 'read' | 'write') => `crm.objects.${type.scopeFamily}.${access}`;
export const schemaScope = (type: ObjectType, access: 'read' | 'write') => `crm.schemas.${type.scopeFamily}.${access}`;
