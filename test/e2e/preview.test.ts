import type { Locator } from 'playwright-core';
import { EMEA_MANAGER, NA_MANAGER, REP, previewInChromium } from './previewEnvironment';

describe('preview: the Trellis cards on a HubSpot record, in Chromium', () => {
  const world = previewInChromium();

  const open = async (record: string, as: string) => {
    await world.page.goto(`${world.env.url}/preview?record=${record}&as=${encodeURIComponent(as)}`);
    await world.page.getByTestId('record-title').waitFor();
  };
  const card = (name: string): Locator => world.page.getByTestId(`card-${name}`);

  it('a rep registers the deal, sees the conflict with its evidence before submitting, and the manager approves with an override', async () => {
    await open(`deals/${world.env.ids.deal}`, REP);
    const registration = card('deal-registration');
    // Contoso's approved registration for Globex is already on the record.
    await registration.getByTestId('registration').first().waitFor();
    expect(await registration.getByTestId('registration').first().innerText()).toContain('Contoso Consulting');
    await world.shoot('deal-registration-existing', registration);

    await registration.getByTestId('start-registration').click();
    await registration.getByTestId('partner-search').fill('blue');
    await registration.locator(`[data-testid="partner-select"] option[value="${world.env.ids.bluepeak}"]`).waitFor({ state: 'attached' });
    await registration.getByTestId('partner-select').selectOption(world.env.ids.bluepeak);
    expect(await registration.getByTestId('amount').inputValue()).toBe('125000');
    await registration.getByTestId('products').fill('Analytics Suite');

    const live = registration.getByTestId('check-conflict');
    await live.waitFor();
    expect(await live.innerText()).toContain('Cross-region conflict with Contoso Consulting');
    expect(await live.innerText()).toContain('Same web domain: globex.com');
    expect(await live.innerText()).toContain('approved and protected');
    await world.shoot('deal-registration-live-conflict', registration);

    await registration.getByTestId('register-submit').click();
    await registration.getByText('Pending approval', { exact: true }).waitFor();
    const tileOf = (partner: string) => world.page.getByTestId('card-deal-registration').getByTestId('registration').filter({ has: world.page.getByRole('heading', { name: partner }) });
    const bluepeakConflict = await tileOf('Bluepeak Systems').getByTestId('registration-conflict').innerText();
    expect(bluepeakConflict).toContain('Cross-region conflict with Contoso Consulting');
    expect(bluepeakConflict).toContain('Regions: NA (this one) and EMEA (Contoso Consulting)');
    // Seen from Contoso's registration, the same conflict names the other side.
    const contosoConflict = await tileOf('Contoso Consulting').getByTestId('registration-conflict').innerText();
    expect(contosoConflict).toContain('Regions: EMEA (this one) and NA (Bluepeak Systems)');
    expect(contosoConflict).toContain('Their registration is pending approval');
    // A rep does not decide, but sees who does.
    expect(await registration.getByTestId('approve').count()).toBe(0);
    expect(await tileOf('Bluepeak Systems').getByTestId('awaiting').innerText()).toBe(`Waiting for ${NA_MANAGER} for under an hour`);
    await world.shoot('deal-registration-pending', registration);

    await open(`deals/${world.env.ids.deal}`, NA_MANAGER);
    const asManager = card('deal-registration');
    await asManager.getByTestId('approve').click();
    const reason = asManager.getByTestId('decision-reason');
    await reason.waitFor();
    await reason.fill('Globex asked for Bluepeak to lead the NA rollout');
    await asManager.getByTestId('confirm-decision').click();
    const bluepeak = tileOf('Bluepeak Systems');
    await bluepeak.getByText('Override by dana.reyes@northwind-cloud.example.com: Globex asked for Bluepeak to lead the NA rollout').waitFor();
    expect(await bluepeak.getByTestId('registration-status').innerText()).toBe('Approved');
    expect(await bluepeak.getByTestId('protection').innerText()).toBe('Protected for 90 more days, until May 31, 2026');
    expect(await asManager.getByTestId('registration-status').allInnerTexts()).toEqual(['Approved', 'Approved']);
    await world.shoot('deal-registration-approved', asManager);
  });

  it('shows co-sell suggestions on the deal and partner health on the partner company', async () => {
    await open(`deals/${world.env.ids.deal}`, REP);
    const coSell = card('co-sell');
    await coSell.getByTestId('co-sell-suggestion').first().waitFor();
    expect(await coSell.getByTestId('co-sell-suggestion').first().innerText()).toContain('Bluepeak Systems');
    await world.shoot('co-sell', coSell);

    await open(`companies/${world.env.ids.contosoCompany}`, EMEA_MANAGER);
    const health = card('partner-health');
    await health.getByTestId('health-score').waitFor();
    expect(await health.getByTestId('certification').innerText()).toBe('Payments Implementation · lena@contoso.com · expires Mar 1, 2027 (in 364 days)');
    expect(await health.getByTestId('component-enablement-explanation').innerText()).toBe('1 current certification (unexpired); 2 is healthy');
    expect(await health.getByText('does not track partner certifications').count()).toBe(0);
    expect(await health.getByTestId('pipeline').first().innerText()).toBe('$90,000 in 1 registration');
    await world.shoot('partner-health', health);
    await world.shoot('preview-company-page', world.page);
  });
});
