import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHubSpotEmulator, type HubSpotEmulatorOptions } from '../../../sandbox/hubspot';
import { startSalesforceEmulator } from '../../../sandbox/salesforce';
import { startSlackEmulator } from '../../../sandbox/slack';
import { emulatorEndpoints, registerTrellisApps, type Emulators } from '../../../sandbox/demo/apps';
import { createApp, type AppOptions } from '../../../src/api/app';
import type { InstallSettings } from '../../../src/install/settings';
import type { Db } from '../../../src/store/db';
import { createLogger } from '../../../src/logger';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../../../src/security/secrets';
import { ADMIN_TOKEN } from '../../support/api';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../../support/databases';

const CREDENTIALS = {
  hubspot: { clientId: 'test-hubspot-client', clientSecret: 'test-hubspot-secret' },
  salesforce: { clientId: 'TestSalesforceConsumerKey', clientSecret: 'TestSalesforceConsumerSecret' },
  slack: { clientId: '1111.2222', clientSecret: 'test-slack-secret', signingSecret: 'test-slack-signing-secret' },
};

/**
 * Trellis (the real app, with install settings) beside the three emulators, each holding a
 * Trellis app, a HubSpot portal, a Salesforce org and a Slack workspace with #partner-alerts.
 * The clock runs with real time plus an offset a test can move forward.
 */
export async function startInstallWorld(
  kind: StoreKind = 'postgres',
  hubspotOptions: HubSpotEmulatorOptions = {},
  /** Further app options, given the world's store (the rate limits count there), its URL and emulators. */
  appOptions: (db: Db, started: { url: string; emulators: Emulators }) => Pick<AppOptions, 'rateLimits' | 'metricsToken' | 'publicUrl' | 'signIn'> = () => ({}),
) {
  const database: TestDatabase = await createTestDatabase(kind);
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  const emulators: Emulators = {
    hubspot: await startHubSpotEmulator(hubspotOptions),
    salesforce: await startSalesforceEmulator(),
    slack: await startSlackEmulator({ rateLimits: { enabled: false } }),
  };
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { hubspotAppId } = registerTrellisApps(emulators, url, CREDENTIALS);
  const endpoints = emulatorEndpoints(emulators);
  const install: InstallSettings = {
    publicUrl: url,
    signingSecret: 'test-signing-secret-0123456789abcdef',
    hubspot: { ...CREDENTIALS.hubspot, appId: hubspotAppId, ...endpoints.hubspot },
    salesforce: { ...CREDENTIALS.salesforce, ...endpoints.salesforce },
    slack: { ...CREDENTIALS.slack, ...endpoints.slack },
  };
  const keyring = createKeyring(parseKeyring(generateKeyringSpec()));
  const app = createApp({ db: database.db, clock, keyring, logger: createLogger('silent'), adminToken: ADMIN_TOKEN, install, ...appOptions(database.db, { url, emulators }) });
  server.on('request', app);

  const portal = emulators.hubspot.createPortal({ domain: 'acme.example.com', userEmail: 'admin@acme.example.com' });
  const org = emulators.salesforce.createOrg({ name: 'Acme' });
  const team = emulators.slack.createWorkspace({ name: 'Acme Partners', domain: 'acme-partners' });
  const admin = emulators.slack.addUser({ team: team.id, name: 'ada', realName: 'Ada Lovelace', email: 'ada@acme.example.com', isAdmin: true });
  const alerts = emulators.slack.addChannel({ team: team.id, name: 'partner-alerts', members: [admin.id] });

  return {
    url,
    db: database.db,
    keyring,
    install,
    emulators,
    portal,
    org,
    slack: { teamId: team.id, userId: admin.id, channelId: alerts.id },
    advanceClock: (ms: number) => {
      offsetMs += ms;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([emulators.hubspot.close(), emulators.salesforce.close(), emulators.slack.close()]);
      await database.drop();
    },
  };
}

export type InstallWorld = Awaited<ReturnType<typeof startInstallWorld>>;
