import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startDashboardEnvironment, type DashboardEnvironment } from './dashboardEnvironment';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

describe('dashboard: partner analytics in Chromium', () => {
  let env: DashboardEnvironment;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    env = await startDashboardEnvironment();
    const context = await env.browser.newContext({ viewport: { width: 1360, height: 1000 } });
    await context.addCookies([env.cookie]);
    page = await context.newPage();
  });
  afterAll(() => env.close());

  const section = (id: string): Locator => page.getByTestId(id);
  const barLabels = async (id: string) => (await section(id).getByTestId('bar').locator('text').allTextContents()).filter((_, i) => i % 2 === 0);
  /** Waits until the script has drawn the answers to the latest filters. */
  const settled = () => page.waitForFunction(() => document.body.dataset.loading === 'false');
  const shoot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('opens with the session and shows pipeline, attribution, health, movers, velocity and the at-risk list', async () => {
    await page.goto(`${env.url}/dashboard`);
    await settled();
    // The default period (six months either side of today) holds everything but Acme's win of 200 days ago.
    expect(await barLabels('pipeline')).toEqual(['Contoso Consulting', 'Bluepeak Systems']);
    expect(await barLabels('attribution')).toEqual(['Bluepeak Systems', 'Contoso Consulting']);
    const kpis = await section('kpis').getByTestId('kpi').allInnerTexts();
    expect(kpis[0]).toContain('$120K');
    expect(kpis[0]).toContain('Partner-sourced revenue');
    expect(kpis[3]).toContain('50 %');
    expect(kpis[3]).toContain('direct deals: 100 %');
    expect(await section('health').getByTestId('column').count()).toBe(5);
    expect(await section('at-risk').getByTestId('at-risk-partner').allInnerTexts()).toEqual([
      expect.stringContaining('Northgate Partners'),
      expect.stringContaining('Contoso Consulting'),
    ]);
    const movers = await section('movers').getByTestId('mover').allInnerTexts();
    expect(movers).toEqual([expect.stringMatching(/Bluepeak Systems.*\+15 → 85/s), expect.stringMatching(/Northgate Partners.*-32 → 18/s), expect.stringMatching(/Contoso Consulting.*-25 → 35/s)]);
    await section('velocity').getByTestId('line-submitted').waitFor();
    expect(await section('velocity').getByTestId('velocity-summary').innerText()).toContain('Approval: median');
    await shoot('dashboard-overview');
  });

  it('groups the pipeline by region and tier', async () => {
    await section('pipeline').getByRole('button', { name: 'Region' }).click();
    await settled();
    expect(await barLabels('pipeline')).toEqual(['EMEA', 'NA']);
    await section('pipeline').getByRole('button', { name: 'Tier' }).click();
    await settled();
    expect(await barLabels('pipeline')).toEqual(['Silver', 'Gold']);
    await shoot('dashboard-pipeline-by-tier');
    await section('pipeline').getByRole('button', { name: 'Partner' }).click();
    await settled();
  });

  it('switches the attribution model', async () => {
    await page.getByTestId('model').selectOption('last');
    await settled();
    // Globex: Bluepeak registered 50 days ago, Contoso 30 days ago; the last touch is Contoso's.
    expect(await barLabels('attribution')).toEqual(['Contoso Consulting']);
    await page.getByTestId('model').selectOption('first');
    await settled();
    expect(await barLabels('attribution')).toEqual(['Bluepeak Systems']);
    await shoot('dashboard-attribution-first-touch');
  });

  it('filters by region and period, with empty states where nothing matches', async () => {
    await page.locator('#f-region').selectOption('EMEA');
    await settled();
    expect(await barLabels('pipeline')).toEqual(['Contoso Consulting']);
    expect(await section('at-risk').getByTestId('at-risk-partner').allInnerTexts()).toEqual([expect.stringContaining('Contoso Consulting')]);
    expect(await section('attribution').getByTestId('empty').innerText()).toContain('No won deals');

    await page.locator('#f-period').selectOption('all');
    await settled();
    // Over all time, Contoso's first-touch credit for Acme's win counts too.
    expect(await barLabels('attribution')).toEqual(['Contoso Consulting']);

    await page.locator('#f-region').selectOption('APAC');
    await page.locator('#f-period').selectOption('next180');
    await settled();
    expect(await section('pipeline').getByTestId('empty').innerText()).toContain('No open deals touched by partners');
    await shoot('dashboard-apac-next-six-months');
  });

  it('keeps the filters in the address: a reload shows the same view', async () => {
    await page.locator('#f-region').selectOption('EMEA');
    await page.locator('#f-period').selectOption('all');
    await page.getByTestId('model').selectOption('first');
    await section('pipeline').getByRole('button', { name: 'Tier' }).click();
    await settled();
    expect(new URL(page.url()).search).toBe('?region=EMEA&period=all&model=first&groupBy=tier');
    await page.reload();
    await settled();
    expect(await page.locator('#f-region').inputValue()).toBe('EMEA');
    expect(await page.locator('#f-period').inputValue()).toBe('all');
    expect(await page.getByTestId('model').inputValue()).toBe('first');
    expect(await section('pipeline').getByRole('button', { name: 'Tier' }).getAttribute('aria-pressed')).toBe('true');
    expect(await barLabels('pipeline')).toEqual(['Silver']);
  });

  const kpiTexts = () => section('kpis').getByTestId('kpi').allInnerTexts();
  /** What the page's deal rows add up to, per currency. */
  const dealAmounts = (scope: Locator) =>
    scope.getByTestId('deal').locator('[data-amount]').evaluateAll((cells) => cells.map((c) => [(c as HTMLElement).dataset.currency, Number((c as HTMLElement).dataset.amount)] as [string, number]));
  const sum = (amounts: Array<[string, number]>) => amounts.reduce((total, [, amount]) => total + amount, 0);

  it('offers the currencies the deals are in, shows money per currency, and every figure in the one chosen', async () => {
    await page.goto(`${env.url}/dashboard?period=all`);
    await settled();
    expect(await page.locator('#f-currency option').allTextContents()).toEqual(['All currencies', 'USD', 'EUR']);
    expect(await page.locator('#notice').innerText()).toContain('never added across currencies');
    // Sourced: Globex $120K and Acme $50K in dollars, Wayne €40K in euros; never one sum of both.
    expect((await kpiTexts())[0]).toContain('$170K · €40K');
    expect(await barLabels('attribution')).toContain('Bluepeak Systems · EUR');
    await shoot('dashboard-all-currencies');

    await page.locator('#f-currency').selectOption('EUR');
    await settled();
    expect(new URL(page.url()).searchParams.get('currency')).toBe('EUR');
    expect(await barLabels('attribution')).toEqual(['Bluepeak Systems']);
    expect((await kpiTexts())[0]).toContain('€40K');
    expect((await kpiTexts()).join(' ')).not.toContain('$');
    await shoot('dashboard-in-euros');
  });

  it('opens the partner and the open deals behind a pipeline bar, adding up to the figure clicked', async () => {
    await page.goto(`${env.url}/dashboard`);
    await settled();
    const bar = section('pipeline').getByRole('link', { name: /^Contoso Consulting/ });
    const figure = Number(await bar.getAttribute('data-value'));
    expect(figure).toBe(200000);
    await Promise.all([page.waitForURL(/\/partners\//), bar.click()]);
    const address = new URL(page.url()).searchParams;
    expect([address.get('outcome'), address.get('period'), address.get('currency')]).toEqual(['open', 'year', 'USD']);
    expect(await page.locator('h1').innerText()).toContain('Contoso Consulting');
    const profile = await page.locator('main').innerText();
    expect(profile).toMatch(/Tier\s+silver/);
    expect(profile).toMatch(/Region\s+EMEA/);
    expect(profile).toMatch(/Score\s+35\/100/);
    const deals = page.getByTestId('partner-deals');
    expect(await deals.getByTestId('deal').allInnerTexts()).toEqual([expect.stringContaining('Initech – Security Cloud')]);
    expect(sum(await dealAmounts(deals))).toBe(figure);
    expect(await deals.getByTestId('deals-total').innerText()).toContain('$200,000');
    await shoot('partner-page-open-deals');
    await page.getByRole('link', { name: '← Back to the dashboard' }).click();
    await settled();
    expect(new URL(page.url()).searchParams.get('period')).toBe('year');
  });

  it('opens the deals behind a region bar from the keyboard, each linking to its partner with the filters', async () => {
    await page.goto(`${env.url}/dashboard?groupBy=region`);
    await settled();
    const bar = section('pipeline').getByRole('link', { name: /^EMEA/ });
    const figure = Number(await bar.getAttribute('data-value'));
    await bar.focus();
    await Promise.all([page.waitForURL(/\/dashboard\/deals\?/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('region')).toBe('EMEA');
    const list = page.getByTestId('deals-behind');
    expect(sum(await dealAmounts(list))).toBe(figure);
    await shoot('deals-behind-emea-pipeline');
    const partner = list.getByRole('link', { name: 'Contoso Consulting' });
    expect(await partner.getAttribute('href')).toMatch(/^\/partners\/[\w-]+\?.*region=EMEA.*outcome=open/);
    await Promise.all([page.waitForURL(/\/partners\//), partner.click()]);
    expect(sum(await dealAmounts(page.getByTestId('partner-deals')))).toBe(figure);
  });

  it('opens the won deals a partner is credited for from the attribution chart and the at-risk list', async () => {
    await page.goto(`${env.url}/dashboard`);
    await settled();
    await Promise.all([page.waitForURL(/\/partners\/.*outcome=won/), section('attribution').getByRole('link', { name: /^Bluepeak Systems/ }).click()]);
    expect(await page.getByTestId('partner-deals').getByTestId('deal').allInnerTexts()).toEqual([expect.stringContaining('Globex – Analytics Suite')]);
    await page.goBack();
    await settled();
    await Promise.all([page.waitForURL(/\/partners\//), section('at-risk').getByRole('link', { name: /Northgate Partners/ }).click()]);
    expect(await page.locator('h1').innerText()).toContain('Northgate Partners');
  });

  it('lists the partners of a health band from the keyboard, each opening its page', async () => {
    await page.goto(`${env.url}/dashboard`);
    await settled();
    await section('health').getByRole('button', { name: /^20–39/ }).focus();
    await page.keyboard.press('Enter');
    const band = section('health').getByTestId('band-partner');
    expect(await band.allInnerTexts()).toEqual([expect.stringMatching(/Contoso Consulting\s+35/)]);
    await shoot('dashboard-health-band');
    await Promise.all([page.waitForURL(/\/partners\//), band.getByRole('link', { name: 'Contoso Consulting' }).click()]);
    expect(await page.locator('h1').innerText()).toContain('Contoso Consulting');
  });

  it('opens the registrations behind a week of the registrations chart', async () => {
    await page.goto(`${env.url}/dashboard`);
    await settled();
    const weeks = section('velocity').getByRole('link', { name: /submitted\. Opens/ });
    const last = weeks.last();
    const figure = Number(await last.getAttribute('data-value'));
    expect(figure).toBeGreaterThan(0);
    await last.focus();
    await Promise.all([page.waitForURL(/\/dashboard\/registrations\?/), page.keyboard.press('Enter')]);
    expect(await page.getByTestId('registration').count()).toBe(figure);
    await shoot('registrations-of-a-week');
  });

  it('refuses without a session, naming how to sign in', async () => {
    const anonymous = await env.browser.newPage();
    const response = await anonymous.goto(`${env.url}/dashboard`);
    expect(response?.status()).toBe(401);
    expect(await anonymous.locator('body').innerText()).toContain('Sign in to Trellis');
    await anonymous.close();
  });
});
