import type { Request } from 'express';
import { verifyHubSpotSignature } from '../../security/hubspotSignature';
import { findCrmConnectionByAccount } from '../../store/connections';
import { getTenant } from '../../store/tenants';
import type { Deps } from '../../usecases/context';
import { crmUserActor } from '../../usecases/actors';
import { unauthorized } from '../../usecases/errors';
import type { Authenticator } from '../route';
import { rawBodyOf } from './rawBody';

export interface HubSpotCardAuthOptions {
  /** The app's client secrets, current first; several while a rotated secret is still in use. */
  clientSecrets: readonly string[];
  /** The public base URL HubSpot calls (signatures cover the full URL as HubSpot saw it). */
  publicUrl: string;
  nowMs: () => number;
}

const queryValue = (req: Request, name: string): string | undefined => {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/**
 * `hubspot.fetch` requests: the v3 signature proves HubSpot sent them, and so vouches for
 * the `portalId`, `userId` and `userEmail` HubSpot appends to the URL. The portal finds the
 * tenant through its connection; the user's email is who acts.
 */
export function hubspotCardAuthenticator(deps: Deps, options: HubSpotCardAuthOptions): Authenticator {
  const base = options.publicUrl.replace(/\/+$/, '');
  return async (req) => {
    const verdict = verifyHubSpotSignature(
      {
        method: req.method,
        url: `${base}${req.originalUrl}`,
        rawBody: rawBodyOf(req),
        headers: { signatureV3: req.get('x-hubspot-signature-v3'), timestamp: req.get('x-hubspot-request-timestamp') },
      },
      options.clientSecrets,
      options.nowMs(),
    );
    if (!verdict.valid) throw unauthorized(`The request is not signed by HubSpot: ${verdict.reason}`);
    const portalId = queryValue(req, 'portalId');
    if (!portalId) throw unauthorized('The request names no HubSpot portal');
    const connection = await findCrmConnectionByAccount(deps.db, deps.keyring, 'hubspot', portalId);
    if (!connection || connection.status !== 'active') throw unauthorized('Trellis is not installed in this HubSpot portal');
    const tenant = await getTenant(deps.db, connection.tenantId);
    if (!tenant) throw unauthorized('Trellis is not installed in this HubSpot portal');
    const email = queryValue(req, 'userEmail');
    const userId = queryValue(req, 'userId');
    if (!email && !userId) throw unauthorized('The request names no HubSpot user');
    return crmUserActor(deps, tenant, email ?? null, `hubspot-user:${userId}`);
  };
}
