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
    const tileOf = (partner: string) => world.page.getByTestId('card-deal-registration').getByTestId(/^registration:/).filter({ has: world.page.getByRole('heading', { name: partner }) });
    // Contoso's approved registration for Globex was not made from this deal: it is folded below.
    await registration.getByTestId('other-registrations').waitFor();
    expect(await registration.getByText('No partner has registered this deal yet.').count()).toBe(1);
    expect(await tileOf('Contoso Consulting').count()).toBe(0);
    await registration.getByRole('button', { name: '1 other registration for Globex Corporation' }).click();
    expect(await tileOf('Contoso Consulting').innerText()).toContain('Analytics Suite');
    await world.shoot('deal-registration-existing', registration);

    // Cancel closes the form; nothing is sent.
    await registration.getByTestId('start-registration').click();
    await registration.getByTestId('register-cancel').click();
    expect(await registration.getByTestId('register-submit').count()).toBe(0);

    await registration.getByTestId('start-registration').click();
    const submit = registration.getByTestId('register-submit');
    expect(await submit.innerText()).toBe('Pick a partner and name the products to register');
    expect(await submit.isDisabled()).toBe(true);
    // One picker: type to search, pick from the matches.
    const picker = registration.getByTestId('partner-picker');
    await picker.fill('blue');
    await registration.getByRole('option', { name: 'Bluepeak Systems · gold · NA' }).click();
    expect(await picker.inputValue()).toBe('Bluepeak Systems · gold · NA');
    expect(await submit.innerText()).toBe('Name the products to register');
    expect(await registration.getByTestId('amount').inputValue()).toBe('125000');
    await registration.getByTestId('products').fill('Analytics Suite');

    const live = registration.getByTestId(/^check-conflict:/);
    await live.waitFor();
    expect(await live.innerText()).toContain('Cross-region conflict with Contoso Consulting');
    expect(await live.innerText()).toContain('Same web domain: globex.com');
    expect(await live.innerText()).toContain('approved and protected');
    await world.shoot('deal-registration-live-conflict', registration);

    // An amount the API refuses is said beside the amount, and goes once the amount is corrected.
    await registration.getByTestId('amount').fill('99999999999999');
    await registration.getByTestId('amount-message').waitFor();
    expect(await registration.getByTestId('amount-message').innerText()).toMatch(/too big/i);
    await registration.getByTestId('amount').fill('125000');
    expect(await registration.getByTestId('amount-message').count()).toBe(0);
    await live.waitFor();

    await submit.click();
    const confirmation = registration.getByTestId('registration-confirmation');
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain(`Sent to ${NA_MANAGER} for approval`);
    // This deal's registration comes first, with the products as typed.
    await tileOf('Bluepeak Systems').waitFor();
    expect(await registration.getByTestId(/^registration:/).first().innerText()).toContain('Bluepeak Systems');
    expect(await tileOf('Bluepeak Systems').innerText()).toContain('Analytics Suite');
    const bluepeakConflict = await tileOf('Bluepeak Systems').getByTestId(/^registration-conflict:/).innerText();
    expect(bluepeakConflict).toContain('Cross-region conflict with Contoso Consulting');
    expect(bluepeakConflict).toContain('Regions: NA (this one) and EMEA (Contoso Consulting)');
    // A rep does not decide, but sees who does.
    expect(await registration.getByTestId(/^approve:/).count()).toBe(0);
    expect(await tileOf('Bluepeak Systems').getByTestId(/^awaiting:/).innerText()).toBe(`Waiting for ${NA_MANAGER} for under an hour`);
    await world.shoot('deal-registration-pending', registration);
    await registration.getByTestId('dismiss-confirmation').click();
    expect(await confirmation.count()).toBe(0);

    // Registering the same deal for the same partner again points at the first registration.
    await registration.getByTestId('start-registration').click();
    await picker.fill('bluepeak');
    await registration.getByRole('option', { name: 'Bluepeak Systems · gold · NA' }).click();
    await registration.getByTestId('products').fill('analytics suite');
    await submit.click();
    const already = registration.getByTestId('already-registered');
    await already.waitFor();
    expect(await already.innerText()).toContain('Already registered by Bluepeak Systems on Mar 2, 2026');
    await registration.getByTestId('show-existing').click();
    expect(await tileOf('Bluepeak Systems').getByTestId('registration-pointed-at').innerText()).toBe('Registered Mar 2, 2026: the registration to extend');

    // Seen from Contoso's registration (still unfolded), the same conflict names the other side.
    const contosoConflict = await tileOf('Contoso Consulting').getByTestId(/^registration-conflict:/).innerText();
    expect(contosoConflict).toContain('Regions: EMEA (this one) and NA (Bluepeak Systems)');
    expect(contosoConflict).toContain('Their registration is pending approval');

    await open(`deals/${world.env.ids.deal}`, NA_MANAGER);
    const asManager = card('deal-registration');
    await asManager.getByTestId(/^approve:/).click();
    const reason = asManager.getByTestId(/^decision-reason:/);
    await reason.waitFor();
    await reason.fill('Globex asked for Bluepeak to lead the NA rollout');
    await asManager.getByTestId(/^confirm-decision:/).click();
    const bluepeak = tileOf('Bluepeak Systems');
    await bluepeak.getByText('Override by dana.reyes@northwind-cloud.example.com: Globex asked for Bluepeak to lead the NA rollout').waitFor();
    expect(await bluepeak.getByTestId(/^registration-status:/).innerText()).toBe('Approved');
    expect(await bluepeak.getByTestId(/^protection:/).innerText()).toBe('Protected for 90 more days, until May 31, 2026');
    await asManager.getByRole('button', { name: '1 other registration for Globex Corporation' }).click();
    expect(await asManager.getByTestId(/^registration-status:/).allInnerTexts()).toEqual(['Approved', 'Approved']);
    expect(await asManager.innerText()).not.toMatch(/tenant/i);
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
