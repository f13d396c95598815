import { sessionCookie } from '../../support/sessions';
import { saveCrmConnection } from '../../../src/store/connections';
import { saveLinks } from '../../../src/store/syncLinks';
import { ADMIN_TOKEN, ApiClient } from '../../support/api';
import { createPartner, registration } from '../../support/fixtures';
import { startInstallWorld, type InstallWorld } from '../install/world';

/**
 * The registration, conflict and partner pages alerts link to: opened with the settings
 * session, scoped to its tenant, escaped, and linking to the records in both CRMs.
 */
describe('record pages', () => {
  let w: InstallWorld;
  beforeAll(async () => {
    w = await startInstallWorld('postgres');
  });
  afterAll(() => w.close());

  async function tenant() {
    const created = await new ApiClient(w.url, ADMIN_TOKEN).post('/api/v1/tenants', { name: 'Vendor' });
    const tenantId = created.body.tenant.id as string;
    const cookie = await sessionCookie(w.db, tenantId);
    return { api: new ApiClient(w.url, created.body.apiKey), tenantId, cookie };
  }
  const open = async (path: string, cookie?: string) => {
    const res = await fetch(`${w.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
  };
  /** The href of the link with this text. */
  const href = (html: string, text: string) => html.match(new RegExp(`<a href="([^"]+)"[^>]*>${text}</a>`))?.[1];

  /** Two partners registering one customer: the second registration conflicts with the first. */
  async function conflictingRegistrations(t: Awaited<ReturnType<typeof tenant>>) {
    const earlierPartner = await createPartner(t.api, { name: 'Northwind Traders', region: 'NA', tier: 'gold' });
    const newerPartner = await createPartner(t.api, { name: 'Contoso EU', region: 'EMEA', country: 'GB', tier: 'silver' });
    const earlier = (await t.api.post('/api/v1/deal-registrations', registration(earlierPartner.id))).body;
    const newer = (await t.api.post('/api/v1/deal-registrations', registration(newerPartner.id, { amount: 98000 }))).body;
    return { earlierPartner, newerPartner, earlier, newer, conflictId: newer.conflicts[0].id as string };
  }

  it('shows a registration with its partner, deal, status, protection window and conflicts with their evidence', async () => {
    const t = await tenant();
    const { earlier, newer, conflictId, earlierPartner } = await conflictingRegistrations(t);
    expect((await t.api.post(`/api/v1/deal-registrations/${earlier.id}/approve`, {})).status).toBe(200);

    const page = await open(`/registrations/${earlier.id}`, t.cookie);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.html).toContain('Globex Corporation');
    expect(page.html).toContain(`<a href="/partners/${earlierPartner.id}">Northwind Traders</a>`);
    expect(page.html).toContain('Analytics Suite');
    expect(page.html).toContain('$125,000');
    expect(page.html).toMatch(/<span class="pill approved">approved<\/span>/);
    expect(page.html).toMatch(/Until 2\d{3}-\d\d-\d\d \(\d+ days left\)/);
    expect(page.html).toContain(`<a href="/conflicts/${conflictId}">`);
    expect(page.html).toContain(`<a href="/registrations/${newer.id}">their registration</a>`);
    expect(page.html).toContain('Same domain (globex.com)');
    expect(page.html).toContain('Not linked to a CRM record');
  });

  it('shows a conflict with both registrations, the evidence and the resolution', async () => {
    const t = await tenant();
    const { earlier, newer, conflictId } = await conflictingRegistrations(t);
    const before = await open(`/conflicts/${conflictId}`, t.cookie);
    expect(before.status).toBe(200);
    expect(before.html).toContain('Cross-region channel conflict on Globex Corporation');
    expect(before.html).toContain(`<a href="/registrations/${earlier.id}">`);
    expect(before.html).toContain(`<a href="/registrations/${newer.id}">`);
    expect(before.html).toContain('Regions: NA (earlier) / EMEA (newer), cross-region');
    expect(before.html).toContain('Open: a manager decides');

    const resolved = await t.api.post(`/api/v1/conflicts/${conflictId}/resolve`, { resolution: 'existing_wins', note: 'Northwind found it first', decidedBy: 'maria@vendor.com' });
    expect(resolved.status).toBe(200);
    const after = await open(`/conflicts/${conflictId}`, t.cookie);
    expect(after.html).toContain('The earlier registration won');
    expect(after.html).toContain('Northwind found it first');
    expect(after.html).toContain('maria@vendor.com');
  });

  it('shows a partner with tier, region, health and open registrations', async () => {
    const t = await tenant();
    const { earlierPartner, earlier } = await conflictingRegistrations(t);
    const page = await open(`/partners/${earlierPartner.id}`, t.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Northwind Traders <span class="pill active">active</span></h1>');
    expect(page.html).toContain('<tr><th>Tier</th><td>gold</td></tr>');
    expect(page.html).toContain('NA · US');
    expect(page.html).toMatch(/<h2>Health<\/h2>.*<th>Score<\/th>/s);
    expect(page.html).toContain('Open registrations (1)');
    expect(page.html).toContain(`<a href="/registrations/${earlier.id}">Globex Corporation</a>`);
    expect(page.html).toContain('Signed in as admin@vendor.example (Admin)');
  });

  it('asks a person who is not signed in to sign in, on a page rather than an API error', async () => {
    const t = await tenant();
    const { earlierPartner, earlier, conflictId } = await conflictingRegistrations(t);
    const expired = await sessionCookie(w.db, t.tenantId, { email: 'late@vendor.example' }, new Date(Date.now() - 1000));
    for (const path of [`/registrations/${earlier.id}`, `/conflicts/${conflictId}`, `/partners/${earlierPartner.id}`]) {
      for (const cookie of [undefined, expired]) {
        const page = await open(path, cookie);
        expect(page.status).toBe(401);
        expect(page.type).toContain('text/html');
        expect(page.html).toContain('Sign in to Trellis');
        // Signing in comes back to the page that was opened, and nothing of the record shows before.
        expect(page.html).toContain(`href="/signin/hubspot?return=${encodeURIComponent(path)}"`);
        expect(page.html).not.toContain('Northwind Traders');
      }
    }
  });

  it("answers another tenant's ids, and ids that are not ids, with a not-found page", async () => {
    const owner = await tenant();
    const other = await tenant();
    const { earlierPartner, earlier, conflictId } = await conflictingRegistrations(owner);
    for (const path of [`/registrations/${earlier.id}`, `/conflicts/${conflictId}`, `/partners/${earlierPartner.id}`, '/partners/not-a-uuid']) {
      const page = await open(path, other.cookie);
      expect(page.status).toBe(404);
      expect(page.type).toContain('text/html');
      expect(page.html).not.toContain('Northwind');
    }
  });

  it('escapes what people typed: a partner named with a script tag is shown as text', async () => {
    const t = await tenant();
    const partner = await createPartner(t.api, { name: '<script>alert("x")</script> & Co' });
    const reg = (await t.api.post('/api/v1/deal-registrations', registration(partner.id, { customer: { name: '<img src=x onerror=alert(1)>', domain: 'evil.example' } }))).body;
    for (const path of [`/partners/${partner.id}`, `/registrations/${reg.id}`]) {
      const page = await open(path, t.cookie);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain('<script>');
      expect(page.html).not.toContain('<img');
    }
    expect((await open(`/partners/${partner.id}`, t.cookie)).html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
  });

  it("links to the partner's and the registration's records in HubSpot and Salesforce, which open in the emulators", async () => {
    const t = await tenant();
    const { earlierPartner, earlier } = await conflictingRegistrations(t);
    // The tenant's connections, as the installs save them: the portal, and the org at its instance URL.
    const salesforceUrl = w.emulators.salesforce.url;
    await saveCrmConnection(w.db, w.keyring, t.tenantId, 'hubspot', { externalAccountId: String(w.portal.id), scopes: [], accessToken: 'hubspot-token' });
    await saveCrmConnection(w.db, w.keyring, t.tenantId, 'salesforce', { externalAccountId: w.org.id, instanceUrl: salesforceUrl, scopes: [], accessToken: 'salesforce-token' });
    // The partner's company and Account, as the sync links them; the deal and Opportunity the registration was made from.
    const { access_token } = w.emulators.hubspot.installApp(w.install.hubspot.clientId, w.portal.id);
    const hubspotRecord = async (type: string, properties: Record<string, string>) => {
      const res = await fetch(`${w.emulators.hubspot.url}/crm/v3/objects/${type}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ properties }),
      });
      return ((await res.json()) as { id: string }).id;
    };
    const companyId = await hubspotRecord('companies', { name: 'Northwind Traders (HubSpot)' });
    const dealId = await hubspotRecord('deals', { dealname: 'Globex rollout (HubSpot)' });
    const accountId = w.emulators.salesforce.createRecord(w.org.id, 'Account', { Name: 'Northwind Traders (Salesforce)' });
    const opportunityId = w.emulators.salesforce.createRecord(w.org.id, 'Opportunity', { Name: 'Globex rollout (Salesforce)', StageName: 'Prospecting', CloseDate: '2026-06-30' });
    const link = (crmId: string) => [{ entityId: earlierPartner.id, crmId, syncedValues: {}, syncedHash: 'h', crmModifiedAt: null }];
    await saveLinks(w.db, t.tenantId, 'hubspot', 'partner', link(companyId));
    await saveLinks(w.db, t.tenantId, 'salesforce', 'partner', link(accountId));
    await w.db.query('UPDATE deal_registrations SET crm_deal_ref = $2 WHERE id = $1', [earlier.id, `hubspot:deal:${dealId}`]);

    const partnerPage = (await open(`/partners/${earlierPartner.id}`, t.cookie)).html;
    const hubspotCompany = href(partnerPage, 'Partner in HubSpot');
    const salesforceAccount = href(partnerPage, 'Partner in Salesforce');
    expect(hubspotCompany).toBe(`${w.emulators.hubspot.url}/contacts/${w.portal.id}/record/0-2/${companyId}`);
    expect(salesforceAccount).toBe(`${salesforceUrl}/lightning/r/Account/${accountId}/view`);
    expect(await (await fetch(hubspotCompany!)).text()).toContain('Northwind Traders (HubSpot)');
    expect(await (await fetch(salesforceAccount!)).text()).toContain('Northwind Traders (Salesforce)');

    const registrationPage = (await open(`/registrations/${earlier.id}`, t.cookie)).html;
    const hubspotDeal = href(registrationPage, 'Deal in HubSpot');
    expect(hubspotDeal).toBe(`${w.emulators.hubspot.url}/contacts/${w.portal.id}/record/0-3/${dealId}`);
    expect(await (await fetch(hubspotDeal!)).text()).toContain('Globex rollout (HubSpot)');
    // The registration page also links to its partner's records.
    expect(href(registrationPage, 'Partner in Salesforce')).toBe(salesforceAccount);

    await w.db.query('UPDATE deal_registrations SET crm_deal_ref = $2 WHERE id = $1', [earlier.id, `salesforce:Opportunity:${opportunityId}`]);
    const opportunity = href((await open(`/registrations/${earlier.id}`, t.cookie)).html, 'Opportunity in Salesforce');
    expect(opportunity).toBe(`${salesforceUrl}/lightning/r/Opportunity/${opportunityId}/view`);
    expect(await (await fetch(opportunity!)).text()).toContain('Globex rollout (Salesforce)');
  });
});
