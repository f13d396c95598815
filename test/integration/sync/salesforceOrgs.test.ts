import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { ScriptedBrowser } from '../../../sandbox/demo/browser';
import { settingsTenant } from '../../../sandbox/demo/consent';
import { startSalesforceEmulator, type RunningSalesforceEmulator } from '../../../sandbox/salesforce';
import { readPackage, TRELLIS_PACKAGE_PROJECT } from '../../../sandbox/salesforce/packageMetadata';
import { createApp } from '../../../src/api/app';
import { TenantSettings } from '../../../src/domain/settings';
import { openQueueBackend, type QueueBackend } from '../../../src/jobs/backend';
import { startOutboxRelay, type OutboxRelay } from '../../../src/jobs/outboxRelay';
import { createLogger } from '../../../src/logger';
import { getCrmConnection } from '../../../src/store/connections';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../../../src/security/secrets';
import { startSync, type SyncService } from '../../../src/sync/service';
import { changePartner, createPartner } from '../../../src/usecases/partners';
import { submitDealRegistration } from '../../../src/usecases/submitDealRegistration';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { REDIS_URL } from '../../support/environment';
import { queueBeside } from '../../support/queues';
import { principalFor } from '../../../src/domain/access';
import { retryUntilPasses } from '../../support/retry';

const SF_APP = { clientId: 'TrellisOrgsConsumerKey', clientSecret: 'TrellisOrgsConsumerSecret' };
const TWO_HOURS = 2 * 3_600_000;

/**
 * Trellis installed, through its own install flow, into two orgs of the namespaced package: a
 * production org that logs in at its My Domain (with refresh-token rotation) and a sandbox. Each
 * gets its partner and registration under the prefixed names, and each session is refreshed at
 * its own login host: the configured SALESFORCE_LOGIN_URL is production's, where the sandbox's
 * grant would be refused and the tenant disconnected.
 */
describe('Trellis in namespaced Salesforce orgs on their own login hosts', () => {
  let database: TestDatabase;
  let sf: RunningSalesforceEmulator;
  let sync: SyncService;
  let backend: QueueBackend;
  let relay: OutboxRelay;
  let server: Server;
  let url: string;
  let clockOffset = 0;
  const keyring = createKeyring(parseKeyring(generateKeyringSpec()));

  const orgs = {
    myDomain: { name: 'Acme', myDomain: 'acme', refreshTokenRotation: true, install: { my_domain: 'acme.my.salesforce.com' } },
    sandbox: { name: 'Acme UAT', sandbox: true, myDomain: 'acme--uat', refreshTokenRotation: false, install: { login: 'sandbox' } },
  } as const;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const deps = { db: database.db, clock: { now: () => new Date() }, keyring };
    const logger = createLogger('silent');
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sf = await startSalesforceEmulator({
      apps: [{ name: 'Trellis', consumerKey: SF_APP.clientId, consumerSecret: SF_APP.clientSecret, callbackUrls: [`${url}/oauth/salesforce/callback`] }],
      now: () => Date.now() + clockOffset,
    });
    backend = await openQueueBackend(queueBeside('redis', database.url), { namespace: `sf-orgs-${process.pid}-${Date.now()}`, closeGraceMs: 500 });
    sync = await startSync({
      backend,
      deps,
      logger,
      settings: {
        crmApps: {
          hubspot: { apiUrl: 'http://127.0.0.1:1', clientId: 'unused', clientSecret: 'unused' },
          // Production's host: only connections without a host of their own would refresh here.
          salesforce: { loginUrl: sf.url, ...SF_APP, dailyBudget: 100_000 },
        },
        sweepIntervalMs: 250,
        reconcileIntervalMs: 3_600_000,
        redisUrl: REDIS_URL,
        work: true,
      },
    });
    const install = {
      publicUrl: url,
      signingSecret: 'salesforce-orgs-signing-secret-0123456789',
      hubspot: { clientId: 'unused', clientSecret: undefined, appId: undefined, apiUrl: 'http://127.0.0.1:1', authorizeUrl: 'http://127.0.0.1:1/oauth/authorize' },
      salesforce: { ...SF_APP, loginUrl: sf.url, hostUrl: `${sf.url}/hosts/{host}` },
      slack: { clientId: 'unused', clientSecret: undefined, signingSecret: undefined, apiUrl: 'http://127.0.0.1:1/api/', authorizeUrl: 'http://127.0.0.1:1/oauth/v2/authorize' },
    };
    server.on('request', createApp({ ...deps, logger, adminToken: undefined, install, sync: { control: sync, webhooks: Router() } }));
    relay = startOutboxRelay(database.db, [sync.subscriber], logger, { intervalMs: 30 });
  });

  afterAll(async () => {
    await relay.stop();
    await sync.close();
    await backend.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sf.close();
    await database.drop();
  });

  const eventually = <T>(check: () => T | Promise<T>, timeoutMs = 20_000) => retryUntilPasses(check, timeoutMs, 100);

  const records = (orgId: string, type: string) => Object.values(sf.state.orgs[orgId]!.records[type] ?? {}) as Array<Record<string, unknown> & { Id: string }>;

  it('tells an org that still has the unpackaged Trellis objects to install the managed package [sf-prefix]', async () => {
    const orgId = sf.createOrg({ name: 'Legacy Co' }).id;
    sf.installPackage(orgId, { ...readPackage(TRELLIS_PACKAGE_PROJECT), namespace: '' });
    const browser = new ScriptedBrowser();
    const tenantId = settingsTenant(await browser.submit(await browser.open(`${url}/oauth/salesforce/install`), { org_id: orgId, action: 'allow' }));
    const { missing, present } = await sync.provision(tenantId, 'salesforce');
    // The install's own provisioning may already have selected the change events; the point is which fields are there.
    expect(present.filter((p) => !p.endsWith('(Change Data Capture)'))).toEqual(['Account.Name', 'Account.Website']);
    expect(missing).toContain('trellisprm__Trellis_Deal_Registration__c (custom object from the Trellis package; the org has the unpackaged Trellis_Deal_Registration__c: install the Trellis managed package and move its records there)');
    expect(missing).toContain('Account.trellisprm__Trellis_Partner_Tier__c (the org has the unpackaged Trellis_Partner_Tier__c: install the Trellis managed package and move its records there)');
  });

  describe.each(Object.keys(orgs) as Array<keyof typeof orgs>)('%s org', (which) => {
    const spec = orgs[which];
    let orgId: string;
    let tenantId: string;
    let partnerId: string;
    const deps = () => ({ db: database.db, clock: { now: () => new Date() }, keyring, adapters: sync.adapters });
    const actor = () => ({ tenantId, name: 'admin@acme.example', settings: TenantSettings.parse({}), principal: principalFor('admin') });

    beforeAll(() => {
      const { install: _install, ...options } = spec;
      orgId = sf.createOrg(options).id;
      sf.installPackage(orgId, readPackage(TRELLIS_PACKAGE_PROJECT));
    });

    it('installs at the chosen login host and keeps the host its grant refreshes at', async () => {
      const browser = new ScriptedBrowser();
      const consent = await browser.open(`${url}/oauth/salesforce/install?${new URLSearchParams(spec.install)}`);
      expect(consent.url.startsWith(`${sf.url}/hosts/${which === 'sandbox' ? 'test.salesforce.com' : 'acme.my.salesforce.com'}/services/oauth2/authorize`)).toBe(true);
      tenantId = settingsTenant(await browser.submit(consent, { org_id: orgId, action: 'allow' }));
      const connection = (await getCrmConnection(database.db, keyring, tenantId, 'salesforce'))!;
      expect(connection).toMatchObject({
        externalAccountId: orgId,
        status: 'active',
        instanceUrl: `${sf.url}/hosts/${which === 'sandbox' ? 'acme--uat.sandbox' : 'acme'}.my.salesforce.com`,
        // The sandbox refreshes at the host its identity URL names; the My Domain org at its My Domain.
        loginUrl: `${sf.url}/hosts/${which === 'sandbox' ? 'test.salesforce.com' : 'acme.my.salesforce.com'}`,
      });
      expect((await sync.provision(tenantId, 'salesforce')).missing).toEqual([]);
    });

    it('writes a partner and a registration under the package’s prefixed names', async () => {
      partnerId = (await createPartner(deps(), actor(), { name: 'Contoso Resellers', domain: 'contoso.example', tier: 'gold', region: 'NA', country: 'US', specialties: [], status: 'active' })).id;
      const account = await eventually(() => {
        const found = records(orgId, 'Account').find((a) => a.trellisprm__Trellis_Partner_Id__c === partnerId);
        expect(found).toMatchObject({ Name: 'Contoso Resellers', trellisprm__Trellis_Partner_Tier__c: 'gold' });
        return found!;
      });
      const opportunityId = sf.createRecord(orgId, 'Opportunity', { Name: 'Globex platform', StageName: 'Prospecting', CloseDate: '2027-03-31', Amount: 48000 });
      const { registration } = await submitDealRegistration(deps(), actor(), {
        partnerId,
        customer: { name: 'Globex', domain: 'globex.example', country: 'US' },
        products: ['platform'],
        amount: 48000,
        currency: 'USD',
        expectedCloseDate: '2027-03-31',
        crmDealRef: `salesforce:Opportunity:${opportunityId}`,
      });
      const written = await eventually(() => {
        const found = records(orgId, 'trellisprm__Trellis_Deal_Registration__c').filter((r) => r.trellisprm__Trellis_Registration_Id__c === registration.id);
        expect(found).toHaveLength(1);
        return found[0]!;
      });
      expect(written).toMatchObject({ trellisprm__Trellis_Customer_Name__c: 'Globex', trellisprm__Trellis_Status__c: 'pending', trellisprm__Account__c: account.Id, trellisprm__Opportunity__c: opportunityId });
    });

    it('refreshes the session at the org’s own host once it has expired, storing a rotated refresh token', async () => {
      const before = (await getCrmConnection(database.db, keyring, tenantId, 'salesforce'))!;
      clockOffset += TWO_HOURS + 60_000;
      await changePartner(deps(), actor(), partnerId, { tier: 'platinum' });
      await eventually(() => expect(records(orgId, 'Account').find((a) => a.trellisprm__Trellis_Partner_Id__c === partnerId)?.trellisprm__Trellis_Partner_Tier__c).toBe('platinum'));
      const after = (await getCrmConnection(database.db, keyring, tenantId, 'salesforce'))!;
      expect(after.status).toBe('active');
      expect(after.accessToken).not.toBe(before.accessToken);
      if (spec.refreshTokenRotation) {
        // The old refresh token is dead at Salesforce: only the stored new one keeps the tenant connected.
        expect(after.refreshToken).not.toBe(before.refreshToken);
        expect(Object.keys(sf.state.refreshTokens)).toContain(after.refreshToken);
        expect(Object.keys(sf.state.refreshTokens)).not.toContain(before.refreshToken);
      } else {
        expect(after.refreshToken).toBe(before.refreshToken);
      }
    });
  });
});
