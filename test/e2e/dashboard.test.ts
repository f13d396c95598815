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

  it('refuses without a session, naming how to sign in', async () => {
    const anonymous = await env.browser.newPage();
    const response = await anonymous.goto(`${env.url}/dashboard`);
    expect(response?.status()).toBe(401);
    expect(await anonymous.locator('body').innerText()).toContain('Sign in to Trellis');
    await anonymous.close();
  });
});
