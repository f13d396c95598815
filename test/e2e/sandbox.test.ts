import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { associationsFrom } from '../../sandbox/hubspot/associationStore';
import type { RunningSandbox } from '../../sandbox/demo/boot';
import { DEMO_PORTAL } from '../../sandbox/demo/seedCrms';
import { TrellisApi } from '../../sandbox/demo/seedTrellis';
import { smtpMailer } from '../../src/mail/smtp';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { bootTestSandbox } from '../support/sandbox';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const REP = 'rob.rep@northwind-cloud.example.com';

interface Registration {
  id: string;
  partnerId: string;
  status: string;
  products: string[];
  customer: { name: string; domain: string | null };
  protectionExpiresAt: string | null;
}
interface Partner {
  id: string;
  name: string;
  tier: string;
  region: string;
  status: string;
  managerEmail: string | null;
}

/**
 * What a new user does after `npm start`: the sandbox with its demo company, the preview of a
 * HubSpot deal, a rep registering it over another partner's protected registration, the
 * manager approving with an override — and the approval arriving in both CRMs.
 */
describe('sandbox: the rep flow on a demo deal reaches HubSpot and Salesforce', () => {
  let database: TestDatabase;
  let dataDir: string;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  let api: TrellisApi;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    database = await createTestDatabase('postgres');
    dataDir = mkdtempSync(join(tmpdir(), 'trellis-sandbox-e2e-'));
    sandbox = await bootTestSandbox(database.url, dataDir);
    api = new TrellisApi(sandbox.config.publicUrl, sandbox.demo.apiKey);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const portal = () => sandbox.emulators.hubspot.state.portals[String(DEMO_PORTAL.id)]!;
  const hubspotRegistration = (id: string) => {
    const schema = Object.values(portal().schemas).find((s) => s.name === 'trellis_deal_registration');
    const record = schema && Object.values(portal().records[schema.objectTypeId] ?? {}).find((r) => r.properties.trellis_registration_id === id);
    return record && schema ? { ...record, objectTypeId: schema.objectTypeId } : undefined;
  };
  const salesforceRegistration = (id: string) => {
    const org = Object.values(sandbox.emulators.salesforce.state.orgs)[0]!;
    return (Object.values(org.records.trellisprm__Trellis_Deal_Registration__c ?? {}) as Array<Record<string, unknown>>).find((r) => r.trellisprm__Trellis_Registration_Id__c === id);
  };
  const eventually = async (check: () => boolean | Promise<boolean>, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the CRMs');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('registers a deal, shows the conflict, approves with an override, and writes the approval to both CRMs', async () => {
    // A demo customer another partner holds an approved registration for, and its HubSpot deal.
    const approved = (await api.expect<{ data: Registration[] }>(200, 'GET', '/api/v1/deal-registrations?status=approved&limit=100')).data;
    const partners = (await api.expect<{ data: Partner[] }>(200, 'GET', '/api/v1/partners?limit=100')).data;
    const dealOf = (domain: string | null) => {
      const company = Object.values(portal().records['0-2'] ?? {}).find((c) => domain && c.properties.domain === domain);
      return company && associationsFrom(portal(), '0-2', company.id, '0-3')[0]?.toId;
    };
    // Protected now: the demo's year also holds approvals whose protection has run out.
    const held = approved.find((r) => r.protectionExpiresAt && new Date(r.protectionExpiresAt) > new Date() && dealOf(r.customer.domain))!;
    const dealId = dealOf(held.customer.domain)!;
    const holder = partners.find((p) => p.id === held.partnerId)!;
    // A partner with no claim of its own on this customer yet, so its new registration is the one tile under its name.
    const everyRegistration: Registration[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page: { data: Registration[]; nextCursor: string | null } = await api.expect(200, 'GET', `/api/v1/deal-registrations?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      everyRegistration.push(...page.data);
      cursor = page.nextCursor;
    }
    const claimants = new Set(everyRegistration.filter((r) => r.customer.domain === held.customer.domain).map((r) => r.partnerId));
    const challenger = partners.find((p) => !claimants.has(p.id) && p.status === 'active' && p.managerEmail && p.region === holder.region)!;

    await page.goto(`${sandbox.config.publicUrl}/preview?record=deals/${dealId}&as=${encodeURIComponent(REP)}`);
    const card = page.getByTestId('card-deal-registration');
    await card.getByTestId('start-registration').click();
    // One picker: type part of the partner's name, pick it from the matches.
    const picker = card.getByTestId('partner-picker');
    const option = `${challenger.name} · ${challenger.tier} · ${challenger.region}`;
    await picker.fill(challenger.name.slice(0, 6));
    await card.getByRole('option', { name: option }).click();
    expect(await picker.inputValue()).toBe(option);
    // Conflicts are claims on the same customer for the same products.
    await card.getByTestId('products').fill(held.products.join(', '));
    // The customer's year may hold other claims too; the one that matters is the holder's protected registration.
    const live = card.getByTestId(`check-conflict:${held.id}`);
    await live.waitFor();
    expect(await live.innerText()).toContain(`Duplicate registration with ${holder.name}`);
    expect(await live.innerText()).toContain("Approving this needs a manager override with a reason.");
    const submit = card.getByTestId('register-submit');
    expect(await submit.innerText()).toBe('Register anyway for review');
    await submit.click();
    await card.getByText('Pending approval', { exact: true }).waitFor();
    await card.screenshot({ path: join(ARTIFACTS, 'sandbox-registration-pending.png') });

    const mine = (await api.expect<{ data: Registration[] }>(200, 'GET', `/api/v1/deal-registrations?partnerId=${challenger.id}&limit=1`)).data[0]!;
    expect(mine.status).toBe('pending');
    // The rep's registration is already in both CRMs, linked to the deal it was made on.
    await eventually(() => {
      const record = hubspotRegistration(mine.id);
      return record?.properties.trellis_registration_status === 'pending' && associationsFrom(portal(), record.objectTypeId, record.id, '0-3').some((e) => e.toId === dealId);
    });

    await page.goto(`${sandbox.config.publicUrl}/preview?record=deals/${dealId}&as=${encodeURIComponent(challenger.managerEmail!)}`);
    const tile = page.getByTestId('card-deal-registration').getByTestId(`registration:${mine.id}`);
    await tile.getByTestId(`approve:${mine.id}`).click();
    await tile.getByTestId(`decision-reason:${mine.id}`).fill('The customer asked for this partner to lead');
    await tile.getByTestId(`confirm-decision:${mine.id}`).click();
    await tile.getByText('Approved', { exact: true }).waitFor();
    await page.getByTestId('card-deal-registration').screenshot({ path: join(ARTIFACTS, 'sandbox-registration-approved.png') });

    await eventually(() => hubspotRegistration(mine.id)?.properties.trellis_registration_status === 'approved');
    await eventually(() => salesforceRegistration(mine.id)?.trellisprm__Trellis_Status__c === 'approved');
  });

  it('prints where the mail Trellis sends arrives, and shows each mail there with its HTML and text', async () => {
    const printed = sandbox.links.find(([label]) => label === 'Mail')?.[1];
    expect(printed).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mail /);
    const url = printed!.split(' ')[0]!;
    // Trellis mails through the catcher: npm start wires SMTP_URL to it.
    expect(sandbox.config.mail?.smtpUrl).toBe(sandbox.mail.smtpUrl);
    const mailer = smtpMailer(sandbox.config.mail!);
    try {
      await mailer.send({ to: REP, subject: 'Question about your deal registration', text: 'The plain-text part', html: '<p>The <b>HTML</b> part</p>' });
    } finally {
      mailer.close();
    }
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Mail sent by Trellis' }).waitFor();
    await page.getByRole('link', { name: 'Question about your deal registration' }).click();
    expect(await page.locator('pre').innerText()).toBe('The plain-text part');
    expect(await page.frameLocator('iframe').locator('b').innerText()).toBe('HTML');
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-mail.png') });
  });
});
