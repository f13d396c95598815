import { Router } from 'express';
import type { Deps } from '../../usecases/context';
import type { Metrics } from '../metrics';
import type { AnyRoute } from '../route';
import { mountRoutes } from '../router';
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

/** Mounted before the API's own body parser: signature checks need the raw body. HubSpot caps card requests at 1 MB. */
export function cardRouter(deps: Deps, metrics: Metrics, options: CardOptions): Router {
  const router = Router();
  router.use('/api/cards', jsonKeepingRawBody('1mb'));
  router.use(mountRoutes(allCardRoutes(deps, metrics, options), { db: deps.db, adminToken: undefined }));
  return router;
}
