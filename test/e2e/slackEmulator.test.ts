import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { createPartner, registration } from '../support/fixtures';
import { eventually, startAlertsWorld, type AlertsWorld, type SlackTenant } from '../integration/alerts/harness';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/**
 * The Slack emulator's web view driven by a person in Chromium: Trellis (its real Bolt app, on
 * Postgres and Redis) posts an alert, the page draws it as Slack would, and the buttons and the
 * modal pressed in the page reach Trellis as signed interactions, which decide the registration.
 */
describe('Slack emulator web view: deciding Trellis alerts from the browser', () => {
  let world: AlertsWorld;
  let t: SlackTenant;
  let admin: { id: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    world = await startAlertsWorld('redis');
    t = await world.newTenant();
    // The page acts as the workspace's admin until someone else is picked.
    admin = world.slack.addUser({ team: t.team.id, name: 'dana', realName: 'Dana Reyes', email: 'dana@vendor.com', isAdmin: true });
    world.slack.joinChannel(t.deals.id, [admin.id]);
    await t.api.post('/api/v1/users', { email: 'dana@vendor.com', role: 'admin' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  const shoot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `slack-${name}.png`) });
  const messageAbout = (customer: string): Locator => page.getByTestId('message').filter({ hasText: customer });
  /** A registration submitted through the API, once its alert is in the channel. */
  const submit = async (customer: string, domain: string) => {
    const partner = await createPartner(t.api, { name: `Northwind Partners ${domain}`, tier: 'gold', region: 'NA' });
    const res = await t.api.post('/api/v1/deal-registrations', registration(partner.id, { customer: { name: customer, domain, country: 'US' } }));
    expect(res.status).toBe(201);
    await eventually(() => t.posted().find((m) => m.text.includes(customer)));
    return res.body.id as string;
  };
  const registrationOf = async (id: string) => (await t.api.get(`/api/v1/deal-registrations/${id}`)).body as { status: string; decision: { by: string; reason?: string } };

  it('draws the alert as Slack does and approves it when the admin presses Approve', async () => {
    const id = await submit('Globex Corporation', 'globex.com');
    await page.goto(`${world.slack.url}/`);
    // The page opens on the channel the app just posted in, acting as the admin.
    expect(await page.getByTestId('acting-user').inputValue()).toBe(admin.id);
    const message = messageAbout('Globex Corporation');
    await message.waitFor();
    expect(await message.locator('b', { hasText: 'Deal registration awaiting approval' }).count()).toBe(1);
    const text = await message.innerText();
    expect(text).toContain('📥');
    expect(text).not.toMatch(/:inbox_tray:|\*/);
    expect(await message.getByRole('link', { name: 'Registration in Trellis' }).getAttribute('href')).toMatch(new RegExp(`^http://[^/]+/registrations/${id}$`));
    await shoot('alert');

    await message.getByRole('button', { name: 'Approve' }).click();
    // The page redraws once Trellis has updated the message.
    await message.getByText('Approved by @Dana Reyes').waitFor();
    expect(await message.innerText()).toContain('✅');
    expect(await message.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await message.locator('.edited').count()).toBe(1);
    await shoot('approved');

    expect(await registrationOf(id)).toMatchObject({ status: 'approved', decision: { by: `slack:${admin.id} (dana@vendor.com)` } });
  });

  it('acts as the person picked: rejecting opens the modal for them, which can be cancelled, and submitting it decides', async () => {
    const id = await submit('Initech', 'initech.com');
    await page.getByTestId('acting-user').selectOption(t.omar.id);
    await page.waitForURL(new RegExp(`as=${t.omar.id}`));
    const message = messageAbout('Initech');
    const modal = page.getByTestId('modal');

    await message.getByRole('button', { name: 'Reject…' }).click();
    await modal.waitFor();
    await page.getByTestId('modal-cancel').click();
    await modal.waitFor({ state: 'detached' });
    expect(world.slack.views().filter((v) => v.userId === t.omar.id).map((v) => v.closed)).toEqual([true]);

    await message.getByRole('button', { name: 'Reject…' }).click();
    await modal.waitFor();
    expect(await modal.innerText()).toContain('Why is it rejected? The partner sees this.');
    // Like the Slack client, the page does not submit an empty required input.
    await page.getByTestId('modal-submit').click();
    await modal.getByText('Please complete this required field.').waitFor();
    // Trellis answers a reason too short with an error under the input.
    const reason = modal.locator('textarea');
    await reason.fill('no');
    await page.getByTestId('modal-submit').click();
    await modal.getByText('Tell the partner why, in a few words').waitFor();
    await shoot('reject-modal');

    await reason.fill('Customer is a direct account');
    await page.getByTestId('modal-submit').click();
    await modal.waitFor({ state: 'detached' });
    await message.getByText('Rejected by @Omar Diaz').waitFor();
    expect(await message.innerText()).toContain('❌');
    await shoot('rejected');

    expect(await registrationOf(id)).toMatchObject({ status: 'rejected', decision: { by: `slack:${t.omar.id} (omar@vendor.com)`, reason: 'Customer is a direct account' } });
  });

  it('asks for details in a modal that says where the question goes, and shows the question under the alert', async () => {
    await submit('Soylent Corp', 'soylent.com');
    const message = messageAbout('Soylent Corp');
    const modal = page.getByTestId('modal');
    await message.getByRole('button', { name: 'Ask for details…' }).click();
    await modal.waitFor();
    // This Trellis has no mail server: it says so before anything is typed.
    expect(await modal.innerText()).toContain('Mail is not set up in Trellis (SMTP_URL), so nobody is emailed');
    await modal.locator('textarea').fill('Which team at Soylent is buying?');
    await page.getByTestId('modal-submit').click();
    await modal.waitFor({ state: 'detached' });
    await message.getByText('shown in Slack only').waitFor();
    expect(await message.innerText()).toContain('Which team at Soylent is buying?');
    await shoot('details-requested');
  });
});
