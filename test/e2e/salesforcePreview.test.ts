import type { Locator } from 'playwright-core';
import { EMEA_MANAGER, REP, previewInChromium } from './previewEnvironment';

interface Registration {
  partnerId: string;
  customer: { name: string; domain?: string; country?: string };
  products: string[];
  amount: number;
  expectedCloseDate: string;
  status: string;
}

describe('Salesforce preview: the Trellis Lightning web components on a record page, in Chromium', () => {
  const world = previewInChromium();

  const open = async (record: string, as: string) => {
    await world.page.goto(`${world.env.url}/preview/salesforce?record=${record}&as=${encodeURIComponent(as)}`);
    await world.page.getByTestId('record-title').waitFor();
  };
  const component = (tag: string): Locator => world.page.getByTestId(`component-${tag}`);

  it("shows the opportunity's registrations from the backend, and a rep registers the deal through the component", async () => {
    await open(`Opportunity/${world.env.ids.opportunity}`, REP);
    expect(await world.page.getByTestId('record-title').innerText()).toBe('Globex – Analytics Suite expansion');
    const registration = component('c-trellis-deal-registration');
    // Contoso's approved registration for Globex, matched on the Account's website.
    const contoso = registration.locator('.registration').first();
    await contoso.waitFor();
    expect(await contoso.locator('h3').innerText()).toBe('Contoso Consulting');
    expect(await contoso.locator('.status').innerText()).toBe('Approved');
    expect(await contoso.locator('.protection').innerText()).toBe('Protected for 90 more days');
    await world.shoot('salesforce-deal-registration-existing', registration);

    await registration.getByRole('button', { name: 'Register for a partner' }).click();
    await registration.getByLabel('Find a partner').fill('blue');
    const partner = registration.locator('lightning-combobox.partner select');
    await partner.locator(`option[value="${world.env.ids.bluepeak}"]`).waitFor({ state: 'attached' });
    await partner.selectOption(world.env.ids.bluepeak);
    // The amount and close date come from the opportunity.
    expect(await registration.locator('lightning-input.amount input').inputValue()).toBe('125000');
    expect(await registration.getByLabel('Expected close').inputValue()).toBe('2026-06-30');
    await registration.locator('lightning-input.products input').fill('Analytics Suite');

    const live = registration.locator('.check-conflict');
    await live.waitFor();
    expect(await live.innerText()).toContain('Cross-region conflict with Contoso Consulting');
    expect(await live.innerText()).toContain('Same web domain: globex.com');
    expect(await live.innerText()).toContain('Their registration is approved and protected');
    await world.shoot('salesforce-deal-registration-live-conflict', registration);

    await registration.getByRole('button', { name: 'Register deal' }).click();
    const bluepeak = registration.locator('.registration').filter({ has: world.page.locator('h3', { hasText: 'Bluepeak Systems' }) });
    await bluepeak.waitFor();
    expect(await bluepeak.locator('.status').innerText()).toBe('Pending approval');
    expect(await bluepeak.locator('.conflict').innerText()).toContain('Regions: NA (this one) and EMEA (Contoso Consulting)');
    expect(await bluepeak.locator('.awaiting').innerText()).toBe('Waiting for dana.reyes@northwind-cloud.example.com for under an hour');
    // A rep does not decide.
    expect(await registration.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await world.shoot('salesforce-deal-registration-pending', registration);
    await world.shoot('salesforce-opportunity-page', world.page);

    // The registration is Trellis's, as the API shows it: the org's Account as the customer.
    const reply = await world.env.api.get<{ data: Registration[] }>(`/api/v1/deal-registrations?partnerId=${world.env.ids.bluepeak}`);
    expect(reply.status).toBe(200);
    expect(reply.body.data).toEqual([
      expect.objectContaining({ customer: { name: 'Globex Corporation', domain: 'https://www.globex.com', country: 'US' }, products: ['analytics suite'], amount: 125000, expectedCloseDate: '2026-06-30', status: 'pending' }),
    ]);
  });

  it('shows co-sell suggestions on the opportunity, and partner health on the partner’s Account', async () => {
    await open(`Opportunity/${world.env.ids.opportunity}`, REP);
    const coSell = component('c-trellis-co-sell');
    await coSell.locator('.suggestion').first().waitFor();
    expect(await coSell.locator('.suggestion').first().innerText()).toContain('Bluepeak Systems');
    await world.shoot('salesforce-co-sell', coSell);

    await open(`Account/${world.env.ids.contosoAccount}`, EMEA_MANAGER);
    const health = component('c-trellis-partner-health');
    await health.locator('.score').waitFor();
    expect(await health.locator('h3').first().innerText()).toBe('Contoso Consulting');
    expect(await health.locator('.certification').innerText()).toBe('Payments Implementation · lena@contoso.com · expires Mar 1, 2027 (in 364 days)');
    expect(await health.locator('[data-component="enablement"] .component-explanation').innerText()).toBe('1 current certification (unexpired); 2 is healthy');
    expect(await health.locator('.pipeline').innerText()).toBe('$90,000 in 1 registration');
    await world.shoot('salesforce-partner-health', health);
    await world.shoot('salesforce-account-page', world.page);
  });
});
