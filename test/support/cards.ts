import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/api/app';
import { fixedClock } from '../../src/domain/clock';
import { TenantSettings } from '../../src/domain/settings';
import { createLogger } from '../../src/logger';
import { proxyHubSpotFetch, type HubSpotCaller, type ProxiedRequest } from '../../src/preview/hubspotFetchProxy';
import { saveCrmConnection } from '../../src/store/connections';
import type { Actor, Deps } from '../../src/usecases/context';
import { createTenant } from '../../src/usecases/tenants';
import { ADMIN_TOKEN } from './api';
import { createTestDatabase, type StoreKind, type TestDatabase } from './databases';
import { testKeyring } from './deps';
import { principalFor } from '../../src/domain/access';

export const HUBSPOT_CLIENT_SECRET = 'card-test-hubspot-client-secret';

export interface CardTestApp {
  url: string;
  deps: Deps & { clock: ReturnType<typeof fixedClock> };
  database: TestDatabase;
  close(): Promise<void>;
}

/** Trellis with the card backend, its public URL being the one the test reaches it at. */
export async function startCardApp(kind: StoreKind): Promise<CardTestApp> {
  const database = await createTestDatabase(kind);
  const deps = { db: database.db, clock: fixedClock('2026-03-02T09:00:00Z'), keyring: testKeyring() };
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = createApp({ ...deps, logger: createLogger('silent'), adminToken: ADMIN_TOKEN, cards: { clientSecrets: [HUBSPOT_CLIENT_SECRET], publicUrl: url } });
  server.on('request', app);
  return {
    url,
    deps,
    database,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.drop();
    },
  };
}

let nextPortal = 70_000_000;

/** A tenant installed in a HubSpot portal, as the install flow leaves it. */
export async function installedTenant(deps: Deps, crm: 'hubspot' | 'salesforce' = 'hubspot') {
  const { tenant } = await createTenant(deps, 'Vendor');
  const externalAccountId = crm === 'hubspot' ? String((nextPortal += 1)) : `00D${String((nextPortal += 1)).padStart(15, '0')}`;
  await saveCrmConnection(deps.db, deps.keyring, tenant.id, crm, { externalAccountId, scopes: [], accessToken: 'access-token', refreshToken: 'refresh-token' });
  const admin: Actor = { tenantId: tenant.id, settings: TenantSettings.parse({}), name: 'admin@vendor.com', principal: principalFor('admin') };
  return { tenantId: tenant.id, externalAccountId, admin };
}

/** Calls the card backend the way HubSpot's `hubspot.fetch` proxy does, for one user of one portal. */
export function hubspotCaller(app: CardTestApp, portalId: string, userEmail: string, secret = HUBSPOT_CLIENT_SECRET) {
  const caller: HubSpotCaller = { portalId: Number(portalId), userId: 101, userEmail };
  return (path: string, request: Omit<ProxiedRequest, 'url'> = {}): Promise<{ status: number; body: any }> =>
    proxyHubSpotFetch(secret, caller, { ...request, url: `${app.url}/api/cards/hubspot${path}` });
}
