import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { associationsFrom } from '../../sandbox/hubspot/associationStore';
import type { PortalTier } from '../../sandbox/hubspot/state';
import type { RunningSandbox } from '../../sandbox/demo/boot';
import { ScriptedBrowser } from '../../sandbox/demo/browser';
import { consentHubSpot, settingsTenant } from '../../sandbox/demo/consent';
import { TrellisApi } from '../../sandbox/demo/seedTrellis';
import { readPackage, TRELLIS_PACKAGE_PROJECT } from '../../sandbox/salesforce/packageMetadata';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { bootTestSandbox } from '../support/sandbox';

type SalesforceRecord = Record<string, unknown>;

/**
 * A customer on each HubSpot tier Trellis is sold to, each with a Salesforce org reached through its
 * own login host, installing Trellis as an admin does: consent in HubSpot (a Starter or Professional
 * portal cannot grant custom objects), consent in Salesforce at the org's My Domain or sandbox host
 * (the managed package installed under its namespace), an API key from the settings page. Then a
 * rep registers a deal from the HubSpot card, a manager approves it, and both CRMs show the approval.
 */
const CUSTOMERS: Array<{ tier: PortalTier; slug: string; org: Record<string, unknown>; login: Record<string, string>; loginHost: string }> = [
  { tier: 'starter', slug: 'sprout', org: { name: 'Sprout', myDomain: 'sprout' }, login: { my_domain: 'sprout' }, loginHost: 'sprout.my.salesforce.com' },
  {
    tier: 'professional',
    slug: 'midway',
    org: { name: 'Midway', sandbox: true, myDomain: 'midway--uat' },
    login: { login: 'sandbox' },
    loginHost: 'test.salesforce.com',
  },
  {
    tier: 'enterprise',
    slug: 'summit',
    org: { name: 'Summit', myDomain: 'summit', stateCountryPicklists: true, refreshTokenRotation: true },
    login: { my_domain: 'summit.my.salesforce.com' },
    loginHost: 'summit.my.salesforce.com',
  },
];

describe('real installs: a Starter, a Professional and an Enterprise portal, each with a namespaced Salesforce org at its own login host', () => {
  let database: TestDatabase;
  let dataDir: string;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataDir = mkdtempSync(join(tmpdir(), 'trellis-installs-e2e-'));
    sandbox = await bootTestSandbox(database.url, dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const eventually = async <T>(check: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it.each(CUSTOMERS)('$tier portal: installs, and a registration made on a deal is approved in both CRMs', async ({ tier, slug, org: orgInput, login, loginHost }) => {
    const { hubspot, salesforce } = sandbox.emulators;
    const trellisUrl = sandbox.config.publicUrl;
    const admin = `admin@${slug}.example.com`;
    const portal = hubspot.createPortal({ domain: `${slug}.example.com`, userEmail: admin, tier });
    const orgId = salesforce.createOrg(orgInput as never).id;
    salesforce.installPackage(orgId, readPackage(TRELLIS_PACKAGE_PROJECT));

    // The admin installs from HubSpot, then connects Salesforce at the org's own login host.
    const adminBrowser = new ScriptedBrowser();
    const tenantId = settingsTenant(await consentHubSpot(adminBrowser, trellisUrl, portal.id));
    const consent = await adminBrowser.open(`${trellisUrl}/oauth/salesforce/install?${new URLSearchParams({ tenant: tenantId, ...login })}`);
    expect(consent.url.startsWith(`${salesforce.url}/hosts/${loginHost}/`)).toBe(true);
    const settings = await adminBrowser.submit(consent, { org_id: orgId, action: 'allow' });
    expect(settingsTenant(settings)).toBe(tenantId);
    expect(settings.html).toContain('Salesforce is connected');
    const keyPage = await adminBrowser.submit(settings, { name: 'integration', role: 'admin' }, '/settings/api-keys?');
    const apiKey = /<code class="secret">([^<]+)<\/code>/.exec(keyPage.html)?.[1];
    expect(apiKey).toBeDefined();
    const api = new TrellisApi(trellisUrl, apiKey!);

    // What consent granted decides where registrations live in HubSpot.
    const granted = (await database.db.query<{ scopes: string[] }>("SELECT scopes FROM crm_connections WHERE tenant_id = $1 AND crm = 'hubspot'", [tenantId])).rows[0]!.scopes;
    expect(granted.includes('crm.objects.custom.write')).toBe(tier === 'enterprise');

    const partner = await api.expect<{ id: string; name: string }>(201, 'POST', '/api/v1/partners', {
      name: `${slug[0]!.toUpperCase()}${slug.slice(1)} Integrators`,
      domain: `${slug}-integrators.example`,
      tier: 'gold',
      region: 'NA',
      country: 'US',
      status: 'active',
    });

    // The customer and its deal, as the vendor's team keeps them in HubSpot.
    const loader = hubspot.registerApp({ name: `${slug} data`, redirectUrls: ['https://example.com/cb'], scopes: ['crm.objects.companies.write', 'crm.objects.deals.write'] });
    const crm = new Client({ basePath: hubspot.url, accessToken: hubspot.installApp(loader.clientId, portal.id).access_token });
    const company = await crm.crm.companies.basicApi.create({ properties: { name: 'Globex', domain: `globex-${slug}.example` }, associations: [] });
    const deal = await crm.crm.deals.basicApi.create({
      properties: { dealname: 'Globex platform', amount: '48000', dealstage: 'appointmentscheduled', closedate: '2027-06-30T00:00:00Z' },
      associations: [{ to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 5 }] }],
    });

    // A rep registers the deal for the partner from the HubSpot card.
    await page.goto(`${trellisUrl}/preview?portal=${portal.id}&record=deals/${deal.id}&as=${encodeURIComponent(admin)}`);
    const card = page.getByTestId('card-deal-registration');
    await card.getByTestId('start-registration').click();
    await card.getByTestId('partner-picker').fill(partner.name.slice(0, 6));
    await card.getByRole('option', { name: new RegExp(`^${partner.name} · `) }).click();
    await card.getByTestId('products').fill('platform');
    await card.getByTestId('register-submit').click();
    await card.getByText('Pending approval', { exact: true }).waitFor();
    const registration = (await api.expect<{ data: Array<{ id: string; status: string }> }>(200, 'GET', `/api/v1/deal-registrations?partnerId=${partner.id}`)).data[0]!;
    expect(registration.status).toBe('pending');

    const live = () => hubspot.state.portals[String(portal.id)]!;
    const hubspotStatus = (): string | undefined => {
      if (tier !== 'enterprise') return live().records['0-3']?.[deal.id]?.properties.trellis_registration_status || undefined;
      const schema = Object.values(live().schemas).find((s) => s.name === 'trellis_deal_registration');
      const record = schema && Object.values(live().records[schema.objectTypeId] ?? {}).find((r) => r.properties.trellis_registration_id === registration.id);
      // On Enterprise the registration is its own record, associated with the deal it was made on.
      if (!record || !associationsFrom(live(), schema.objectTypeId, record.id, '0-3').some((e) => e.toId === deal.id)) return undefined;
      return record.properties.trellis_registration_status;
    };
    const salesforceRecord = (): SalesforceRecord | undefined =>
      Object.values((salesforce.state.orgs[orgId]!.records.trellisprm__Trellis_Deal_Registration__c ?? {}) as Record<string, SalesforceRecord>).find(
        (r) => r.trellisprm__Trellis_Registration_Id__c === registration.id,
      );

    await eventually(() => (hubspotStatus() === 'pending' ? true : undefined), 'the pending registration in HubSpot');
    await eventually(() => (salesforceRecord()?.trellisprm__Trellis_Status__c === 'pending' ? true : undefined), 'the pending registration in Salesforce');

    await api.expect(200, 'POST', `/api/v1/deal-registrations/${registration.id}/approve`, {});
    await eventually(() => (hubspotStatus() === 'approved' ? true : undefined), 'the approval in HubSpot');
    const approved = await eventually(() => {
      const record = salesforceRecord();
      return record?.trellisprm__Trellis_Status__c === 'approved' ? record : undefined;
    }, 'the approval in Salesforce');
    expect(approved.trellisprm__Account__c).toBeTruthy();

    if (tier === 'enterprise') {
      expect(Object.values(live().schemas).map((s) => s.name)).toContain('trellis_deal_registration');
    } else {
      // No custom object exists or was asked for; the deal carries who registered it and for how long.
      expect(Object.keys(live().schemas)).toEqual([]);
      expect(live().records['0-3']![deal.id]!.properties).toMatchObject({
        trellis_registration_id: registration.id,
        trellis_registration_partner: partner.name,
        trellis_registration_partner_id: partner.id,
      });
      expect(live().records['0-3']![deal.id]!.properties.trellis_registration_protection_end).toBeTruthy();
    }
    // Nothing went wrong on the way: no refused records, no sync errors.
    const errors = await database.db.query<{ crm: string; last_error: string | null }>('SELECT crm, last_error FROM sync_connection_state WHERE tenant_id = $1', [tenantId]);
    expect(errors.rows.filter((r) => r.last_error)).toEqual([]);
    const deadLetters = await database.db.query('SELECT 1 FROM dead_letters WHERE tenant_id = $1', [tenantId]);
    expect(deadLetters.rowCount).toBe(0);
  }, 120_000);
});
