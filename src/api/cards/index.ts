import { Router } from 'express';
import type { Deps } from '../../usecases/context';
import type { Metrics } from '../metrics';
import type { AnyRoute } from '../route';
import { mountRoutes, type IdempotencyKeyOf } from '../router';
import { hubspotCardAuthenticator, type HubSpotCardAuthOptions } from './hubspotCardAuth';
import { jsonKeepingRawBody } from './rawBody';
import { cardRoutes } from './routes';
import { salesforceCardAuthenticator } from './salesforceCardAuth';

export type CardOptions = Omit<HubSpotCardAuthOptions, 'nowMs'>;

/** Both CRMs' card endpoints: the same routes, each behind its CRM's own authentication. */
export function allCardRoutes(deps: Deps, metrics: Metrics, options: CardOptions): AnyRoute[] {
  const hubspot = hubspotCardAuthenticator(deps, { ...options, nowMs: () => Date.now() });
  return [...cardRoutes(deps, metrics, 'hubspot', hubspot), ...cardRoutes(deps, metrics, 'salesforce', salesforceCardAuthenticator(deps))];
}

/**
 * A card write's idempotency key: the `Idempotency-Key` header (Apex sends it), or the
 * `idempotencyKey` query parameter, because `hubspot.fetch` sends no custom headers
 * (developers.hubspot.com, "Fetching data for UI extensions"). In the query the key is part of
 * the URL HubSpot signs, so a retry HubSpot makes carries it, and nobody else can change it.
 */
const cardIdempotencyKey: IdempotencyKeyOf = (req) => {
  const fromQuery = (req.query as Record<string, unknown>).idempotencyKey;
  return req.get('idempotency-key') ?? (typeof fromQuery === 'string' ? fromQuery : undefined);
};

/** Mounted before the API's own body parser: signature checks need the raw body. HubSpot caps card requests at 1 MB. */
export function cardRouter(deps: Deps, metrics: Metrics, options: CardOptions, checkResponses = false): Router {
  const router = Router();
  router.use('/api/cards', jsonKeepingRawBody('1mb'));
  router.use(mountRoutes(allCardRoutes(deps, metrics, options), { db: deps.db, adminToken: undefined, idempotencyKeyOf: cardIdempotencyKey, checkResponses }));
  return router;
}
