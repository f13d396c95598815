import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDashboardEnvironment, type DashboardEnvironment } from './dashboardEnvironment';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

describe('settings: an admin in Chromium', () => {
  let env: DashboardEnvironment;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    env = await startDashboardEnvironment();
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await context.addCookies([env.cookie]);
    page = await context.newPage();
  });
  afterAll(() => env.close());

  const shoot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const keyRows = () => page.locator('section', { has: page.getByRole('heading', { name: 'API keys' }) }).locator('tr', { has: page.getByRole('button', { name: 'Revoke' }) });

  it('creates an API key that is shown once; reloading the page neither shows it again nor creates another', async () => {
    await page.goto(`${env.url}/settings`);
    const before = await keyRows().count();
    await page.getByLabel('Name').fill('warehouse export');
    await page.getByRole('button', { name: /create/i }).click();
    const secret = page.locator('code.secret');
    await secret.waitFor();
    expect(await secret.innerText()).toMatch(/^trl_/);
    expect(await page.getByText('Copy it now: it is not shown again.').count()).toBe(1);
    await shoot('settings-api-key-created');
    expect(await keyRows().count()).toBe(before + 1);

    await page.reload();
    expect(await page.locator('code.secret').count()).toBe(0);
    expect(await keyRows().count()).toBe(before + 1);
  });

  it('says in words what is wrong with a setting, and keeps the rest', async () => {
    await page.goto(`${env.url}/settings`);
    await page.getByLabel(/Protection window/).fill('');
    await page.getByRole('button', { name: /save/i }).first().click();
    const notice = page.locator('.notice.error');
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toMatch(/protection window/i);
    expect(text).not.toMatch(/expected number|Too small|invalid_type/i);
    await shoot('settings-error');
  });
});
