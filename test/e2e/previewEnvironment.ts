import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startHubSpotEmulator, type RunningHubSpotEmulator } from '../../sandbox/hubspot';
import { startSalesforceEmulator, type RunningSalesforceEmulator } from '../../sandbox/salesforce';
import { createApp } from '../../src/api/app';
import { fixedClock } from '../../src/domain/clock';
import { CertificationInput } from '../../src/domain/partnerSignals';
import { DealRegistrationInput } from '../../src/domain/registration';
import { TenantSettings } from '../../src/domain/settings';
import { createLogger } from '../../src/logger';
import { previewRouter } from '../../src/preview/router';
import { saveCrmConnection } from '../../src/store/connections';
import type { Actor } from '../../src/usecases/context';
import { approveDealRegistration } from '../../src/usecases/decideDealRegistration';
import { recordCertification } from '../../src/usecases/partnerSignals';
import { createPartner } from '../../src/usecases/partners';
import { submitDealRegistration } from '../../src/usecases/submitDealRegistration';
import { createTenant } from '../../src/usecases/tenants';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { testKeyring } from '../support/deps';
import { principalFor } from '../../src/domain/access';
import { vendorUser } from '../support/sessions';
import { evaluatePartnerHealth } from '../../src/usecases/evaluatePartnerHealth';
import { issueApiKey } from '../../src/usecases/apiKeys';
import { ApiClient } from '../support/api';
import { connectSalesforceOrg, SF_APP } from '../integration/sync/world';

const CLIENT = { clientId: 'trellis-e2e', clientSecret: 'trellis-e2e-client-secret' };
const PORTAL = 24_681_357;
export const REP = 'rob.rep@northwind-cloud.example.com';
export const EMEA_MANAGER = 'ingrid.larsen@northwind-cloud.example.com';
export const NA_MANAGER = 'dana.reyes@northwind-cloud.example.com';

export interface PreviewEnvironment {
  url: string;
  browser: Browser;
  hubspot: RunningHubSpotEmulator;
  salesforce: RunningSalesforceEmulator;
  /** The Trellis REST API with an admin key of the tenant. */
  api: ApiClient;
  ids: { deal: string; globex: string; contosoCompany: string; bluepeak: string; contoso: string; orgId: string; opportunity: string; globexAccount: string; contosoAccount: string };
  close(): Promise<void>;
}

async function admin(hubspot: RunningHubSpotEmulator, path: string, method: string, body?: unknown): Promise<{ id: string }> {
  const res = await fetch(`${hubspot.url}/_admin/portals/${PORTAL}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? { id: '' } : ((await res.json()) as { id: string });
}

/**
 * A HubSpot portal and a Salesforce org (emulated) with Trellis installed, Globex's deal in each, two
 * partners, and Contoso's approved registration for Globex; Trellis serving the cards and both
 * previews; Chromium.
 */
export async function startPreviewEnvironment(): Promise<PreviewEnvironment> {
  const hubspot = await startHubSpotEmulator({
    apps: [{ ...CLIENT, name: 'Trellis', redirectUrls: ['http://127.0.0.1/oauth/hubspot/callback'], scopes: ['crm.objects.deals.read', 'crm.objects.companies.read'] }],
    portals: [{ id: PORTAL, userEmail: REP }],
  });
  const globex = await admin(hubspot, '/objects/companies', 'POST', { properties: { name: 'Globex Corporation', domain: 'globex.com', country: 'US', industry: 'Manufacturing' } });
  const contosoCompany = await admin(hubspot, '/objects/companies', 'POST', { properties: { name: 'Contoso Consulting', domain: 'contoso.com', country: 'GB' } });
  const deal = await admin(hubspot, '/objects/deals', 'POST', { properties: { dealname: 'Globex – Analytics Suite expansion', amount: '125000', closedate: '2026-06-30', dealstage: 'qualifiedtobuy', pipeline: 'default' } });
  await admin(hubspot, `/associations/deals/${deal.id}/companies/${globex.id}`, 'PUT');
  const tokens = hubspot.installApp(CLIENT.clientId, PORTAL, ['crm.objects.deals.read', 'crm.objects.companies.read']);
  // The same customer and deal as an Account and an Opportunity, entered by the org's admin.
  const salesforce = await startSalesforceEmulator({ apps: [{ name: 'Trellis', consumerKey: SF_APP.clientId, consumerSecret: SF_APP.clientSecret, callbackUrls: [SF_APP.redirectUri] }], pubSub: false });
  const org = salesforce.createOrg({ name: 'Northwind Cloud', users: [{ username: 'admin@northwind-cloud.example.com', firstName: 'Dana', lastName: 'Reyes', email: NA_MANAGER }] });
  const globexAccount = salesforce.createRecord(org.id, 'Account', { Name: 'Globex Corporation', Website: 'https://www.globex.com', BillingCountry: 'US', Industry: 'Manufacturing', Type: 'Customer - Direct' });
  const contosoAccount = salesforce.createRecord(org.id, 'Account', { Name: 'Contoso Consulting', Website: 'contoso.com', BillingCountry: 'GB', Type: 'Channel Partner / Reseller' });
  const opportunity = salesforce.createRecord(org.id, 'Opportunity', { Name: 'Globex – Analytics Suite expansion', AccountId: globexAccount, Amount: 125000, CloseDate: '2026-06-30', StageName: 'Qualification' });

  const database: TestDatabase = await createTestDatabase('postgres');
  const deps = { db: database.db, clock: fixedClock('2026-03-02T09:00:00Z'), keyring: testKeyring() };
  const { tenant } = await createTenant(deps, 'Northwind Cloud');
  const actor: Actor = { tenantId: tenant.id, settings: TenantSettings.parse({}), name: 'ops@northwind-cloud.example.com', principal: principalFor('admin') };
  await saveCrmConnection(deps.db, deps.keyring, tenant.id, 'hubspot', {
    externalAccountId: String(PORTAL),
    scopes: ['crm.objects.deals.read', 'crm.objects.companies.read'],
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
    installedBy: REP,
  });
  await connectSalesforceOrg(salesforce, org.id, deps, tenant.id);
  // The two regional managers are Trellis users; the rep is a CRM user Trellis does not know, acting as the default sales rep.
  await vendorUser(deps.db, tenant.id, NA_MANAGER, 'partner_manager');
  await vendorUser(deps.db, tenant.id, EMEA_MANAGER, 'partner_manager');
  const contoso = await createPartner(deps, actor, { name: 'Contoso Consulting', domain: 'contoso.com', tier: 'silver', region: 'EMEA', country: 'GB', specialties: ['payments'], status: 'active', managerEmail: EMEA_MANAGER });
  const bluepeak = await createPartner(deps, actor, { name: 'Bluepeak Systems', domain: 'bluepeak.example', tier: 'gold', region: 'NA', country: 'US', specialties: ['analytics'], status: 'active', managerEmail: NA_MANAGER });
  const existing = await submitDealRegistration(deps, actor, DealRegistrationInput.parse({
    partnerId: contoso.id,
    customer: { name: 'Globex Corp', domain: 'www.globex.com', country: 'GB' },
    products: ['Analytics Suite'],
    amount: 90000,
    currency: 'USD',
    expectedCloseDate: '2026-05-31',
  }));
  await approveDealRegistration(deps, actor, existing.registration.id);
  // Contoso's certification shows on its partner health card and counts as enablement.
  await recordCertification(deps, actor, contoso.id, CertificationInput.parse({
    name: 'Payments Implementation',
    holderEmail: 'lena@contoso.com',
    issuedAt: '2025-09-01T00:00:00Z',
    expiresAt: '2027-03-01T00:00:00Z',
  }));
  // The cards show health as the scheduled evaluation last kept it.
  await evaluatePartnerHealth(deps);
  const apiKey = await issueApiKey(deps, actor, { name: 'e2e', role: 'admin', expiresAt: null });

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logger = createLogger('silent');
  const links = [{ label: 'HubSpot sandbox', url: `${hubspot.url}/` }];
  server.on(
    'request',
    createApp({
      ...deps,
      logger,
      adminToken: undefined,
      cards: { clientSecrets: [CLIENT.clientSecret], publicUrl: url },
      preview: { router: previewRouter(deps, { publicUrl: url, hubspot: { apiUrl: hubspot.url, ...CLIENT }, salesforce: { loginUrl: salesforce.url, ...SF_APP }, links }, logger), links },
    }),
  );
  const browser = await launchChromium();
  return {
    url,
    browser,
    hubspot,
    salesforce,
    api: new ApiClient(url, apiKey.secret),
    ids: { deal: deal.id, globex: globex.id, contosoCompany: contosoCompany.id, bluepeak: bluepeak.id, contoso: contoso.id, orgId: org.id, opportunity, globexAccount, contosoAccount },
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hubspot.close();
      await salesforce.close();
      await database.drop();
    },
  };
}

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

export interface PreviewInChromium {
  env: PreviewEnvironment;
  page: Page;
  /** A screenshot of an element, or of the whole page, into test-artifacts/. */
  shoot(name: string, what: Locator | Page): Promise<Buffer>;
}

/** For a describe block: the preview environment and one Chromium page on it, there from its first test to its last. */
export function previewInChromium(): PreviewInChromium {
  const world = {
    shoot: (name: string, what: Locator | Page) => what.screenshot({ path: join(ARTIFACTS, `${name}.png`), ...(what === world.page && { fullPage: true }) }),
  } as PreviewInChromium;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    world.env = await startPreviewEnvironment();
    world.page = await world.env.browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });
  afterAll(() => world.env.close());
  return world;
}
