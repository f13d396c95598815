import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDashboardEnvironment, type DashboardEnvironment } from './dashboardEnvironment';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

describe('approval inbox in Chromium', () => {
  let env: DashboardEnvironment;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    env = await startDashboardEnvironment();
    page = await (await env.browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  });
  afterAll(() => env.close());

  const shoot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const item = (text: string) => page.getByTestId('inbox-item').filter({ has: page.getByRole('heading', { name: text }) });
  const headings = () => page.getByTestId('inbox-item').getByRole('heading', { level: 2 }).allInnerTexts();

  it('signs a partner manager in and shows what waits for her, oldest first', async () => {
    await page.goto(`${env.url}/inbox`);
    await page.getByRole('button', { name: 'Sign in as Pia Moreau — Partner manager' }).click();
    await page.waitForURL(`${env.url}/inbox`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Approval inbox: 3 waiting');
    expect(await headings()).toEqual([
      'Globex Corporation registered by Contoso Consulting',
      'Cross-region channel conflict on Globex Corporation Bluepeak Systems vs Contoso Consulting',
      'Umbrella Health registered by Bluepeak Systems',
    ]);
    expect(await item('Umbrella Health').getByTestId('awaiting').innerText()).toBe('Waiting for Pia Moreau for 15 days');
    expect(await page.getByTestId('inbox-count').innerText()).toContain('3');
    await shoot('inbox-partner-manager');
  });

  it('filters to conflicts, kept in the address', async () => {
    await page.getByLabel('Show').selectOption('conflicts');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/kind=conflicts/);
    expect(await headings()).toEqual(['Cross-region channel conflict on Globex Corporation Bluepeak Systems vs Contoso Consulting']);
    await page.getByRole('link', { name: 'Clear' }).click();
    await page.waitForURL(`${env.url}/inbox`);
  });

  it('approves one registration', async () => {
    await item('Umbrella Health').getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toBe('Registration approved.');
    expect(await headings()).not.toContain('Umbrella Health registered by Bluepeak Systems');
    await shoot('inbox-approved');
  });

  it('rejects another with a reason written for the partner', async () => {
    const globex = item('Globex Corporation registered by Contoso Consulting');
    // The browser asks for the reason before anything is sent.
    await globex.getByRole('button', { name: 'Reject' }).click();
    expect(await globex.getByLabel('Why is it rejected? The partner sees this.').evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).toBe(true);
    await globex.getByLabel('Why is it rejected? The partner sees this.').fill('Bluepeak registered Globex first and its protection still runs.');
    await shoot('inbox-rejecting');
    await globex.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toBe('Registration rejected; the partner sees your reason.');
    expect(await headings()).toEqual(['Cross-region channel conflict on Globex Corporation Bluepeak Systems vs Contoso Consulting']);
    expect(await page.getByTestId('inbox-count').innerText()).toContain('1');
    await shoot('inbox-rejected');
  });
});
