import { randomBytes } from 'node:crypto';
import { ScriptedBrowser } from '../../sandbox/demo/browser';
import { consentHubSpot, consentSalesforce, settingsTenant } from '../../sandbox/demo/consent';
import { startHubSpotEmulator } from '../../sandbox/hubspot';
import { startSalesforceEmulator } from '../../sandbox/salesforce';
import { startSlackEmulator } from '../../sandbox/slack';
import { emulatorEndpoints, registerTrellisApps, type Emulators } from '../../sandbox/demo/apps';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/domain/clock';
import { TenantSettings } from '../../src/domain/settings';
import { createLogger } from '../../src/logger';
import { startTrellis } from '../../src/server';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../../src/security/secrets';
import type { Actor } from '../../src/usecases/context';
import { ApiClient } from '../support/api';
import { createTestDatabase } from '../support/databases';
import { freePort } from '../support/sandbox';
import { principalFor } from '../../src/domain/access';

export const SECRETS = {
  admin: 'security-admin-token-0123456789',
  metrics: 'security-metrics-token-0123456789',
  signing: 'security-signing-secret-0123456789abcdef',
  hubspot: { clientId: 'security-hubspot-client', clientSecret: 'security-hubspot-client-secret' },
  salesforce: { clientId: 'SecuritySalesforceConsumerKey', clientSecret: 'SecuritySalesforceConsumerSecret' },
  slack: { clientId: '3333.4444', clientSecret: 'security-slack-secret', signingSecret: 'security-slack-signing-secret' },
};

/**
 * Trellis as `npm run serve` starts it (every endpoint: API, installs, cards, Slack, CRM webhooks),
 * configured for the HubSpot, Salesforce and Slack emulators, each holding the Trellis app, one
 * portal, one org and one workspace. `env` adds or overrides settings (low rate limits, say).
 */
export async function startSecurityWorld(env: Record<string, string> = {}) {
  const database = await createTestDatabase('postgres');
  const emulators: Emulators = {
    hubspot: await startHubSpotEmulator(),
    salesforce: await startSalesforceEmulator(),
    slack: await startSlackEmulator({ rateLimits: { enabled: false } }),
  };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { hubspotAppId } = registerTrellisApps(emulators, url, SECRETS);
  const endpoints = emulatorEndpoints(emulators);
  const keyringSpec = generateKeyringSpec();
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: String(port),
    PUBLIC_URL: url,
    LOG_LEVEL: 'silent',
    TRELLIS_ENCRYPTION_KEYS: keyringSpec,
    TRELLIS_ADMIN_TOKEN: SECRETS.admin,
    TRELLIS_METRICS_TOKEN: SECRETS.metrics,
    TRELLIS_SIGNING_SECRET: SECRETS.signing,
    HUBSPOT_CLIENT_ID: SECRETS.hubspot.clientId,
    HUBSPOT_CLIENT_SECRET: SECRETS.hubspot.clientSecret,
    HUBSPOT_APP_ID: String(hubspotAppId),
    HUBSPOT_API_URL: endpoints.hubspot.apiUrl,
    HUBSPOT_AUTHORIZE_URL: endpoints.hubspot.authorizeUrl,
    SALESFORCE_CLIENT_ID: SECRETS.salesforce.clientId,
    SALESFORCE_CLIENT_SECRET: SECRETS.salesforce.clientSecret,
    SALESFORCE_LOGIN_URL: endpoints.salesforce.loginUrl,
    SALESFORCE_HOST_URL: endpoints.salesforce.hostUrl,
    // Salesforce changes arrive as Outbound Messages here: no Pub/Sub subscription to keep open.
    SALESFORCE_CHANGE_DATA_CAPTURE: 'false',
    SLACK_CLIENT_ID: SECRETS.slack.clientId,
    SLACK_CLIENT_SECRET: SECRETS.slack.clientSecret,
    SLACK_SIGNING_SECRET: SECRETS.slack.signingSecret,
    SLACK_API_URL: endpoints.slack.apiUrl,
    SLACK_AUTHORIZE_URL: endpoints.slack.authorizeUrl,
    ...env,
  });
  const trellis = await startTrellis(config, createLogger('silent'), { queue: { namespace: `security${randomBytes(4).toString('hex')}`, closeGraceMs: 500 } });
  const keyring = createKeyring(parseKeyring(keyringSpec));
  const admin = new ApiClient(url, SECRETS.admin);
  let accounts = 0;
  return {
    url,
    db: trellis.db,
    keyring,
    /** What the use cases and stores need, to set up what an attack is tried on. */
    deps: { db: trellis.db, clock: systemClock, keyring },
    emulators,
    admin,
    /** A tenant created through the admin API, and a client holding its first key. */
    async newTenant(name = 'Vendor') {
      const created = await admin.post('/api/v1/tenants', { name });
      if (created.status !== 201) throw new Error(`tenant creation failed: ${JSON.stringify(created.body)}`);
      return Object.assign(new ApiClient(url, created.body.apiKey), { tenantId: created.body.tenant.id as string, apiKey: created.body.apiKey as string });
    },
    /**
     * A tenant of its own, installed into a new portal or org through the consent pages: its tokens
     * are ones the emulator issued, so the sync engine running beside it keeps the connection. The
     * browser that installed it holds the tenant's settings session.
     */
    async connectedTenant(crm: 'hubspot' | 'salesforce') {
      const browser = new ScriptedBrowser();
      const n = (accounts += 1);
      const externalAccountId =
        crm === 'hubspot' ? String(emulators.hubspot.createPortal({ domain: `vendor${n}.example.com`, userEmail: `admin@vendor${n}.example.com` }).id) : emulators.salesforce.createOrg({ name: `Vendor ${n}` }).id;
      const settings = crm === 'hubspot' ? await consentHubSpot(browser, url, Number(externalAccountId)) : await consentSalesforce(browser, url, externalAccountId);
      const tenantId = settingsTenant(settings);
      const admin: Actor = { tenantId, settings: TenantSettings.parse({}), name: `admin@vendor${n}.example.com`, principal: principalFor('admin') };
      return { tenantId, externalAccountId, admin, browser };
    },
    /** Rows in a table (with an optional WHERE clause): what an attack must not change. */
    async count(table: string, where = 'true', params: unknown[] = []) {
      return Number((await trellis.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)).rows[0]!.n);
    },
    async close() {
      await trellis.close();
      await Promise.all([emulators.hubspot.close(), emulators.salesforce.close(), emulators.slack.close()]);
      await database.drop();
    },
  };
}

export type SecurityWorld = Awaited<ReturnType<typeof startSecurityWorld>>;
