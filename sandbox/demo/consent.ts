import type { LoadedPage, ScriptedBrowser } from './browser';

/**
 * An admin installing Trellis: start at Trellis's install URL, land on the platform's
 * consent page, pick the account and allow; the browser then follows the redirects
 * through Trellis's callback to the settings page, which is returned.
 */
async function consent(browser: ScriptedBrowser, installUrl: string, choices: Record<string, string>): Promise<LoadedPage> {
  const page = await browser.open(installUrl);
  if (page.status !== 200) throw new Error(`install at ${installUrl} answered ${page.status}: ${page.html.slice(0, 300)}`);
  return browser.submit(page, choices);
}

const tenantQuery = (tenantId?: string) => (tenantId ? `?tenant=${encodeURIComponent(tenantId)}` : '');

export function consentHubSpot(browser: ScriptedBrowser, trellisUrl: string, portalId: number, tenantId?: string): Promise<LoadedPage> {
  return consent(browser, `${trellisUrl}/oauth/hubspot/install${tenantQuery(tenantId)}`, { portal_id: String(portalId) });
}

export function consentSalesforce(browser: ScriptedBrowser, trellisUrl: string, orgId: string, tenantId?: string): Promise<LoadedPage> {
  return consent(browser, `${trellisUrl}/oauth/salesforce/install${tenantQuery(tenantId)}`, { org_id: orgId, action: 'allow' });
}

export function consentSlack(
  browser: ScriptedBrowser,
  trellisUrl: string,
  tenantId: string,
  choice: { teamId: string; userId: string; channelId: string },
): Promise<LoadedPage> {
  return consent(browser, `${trellisUrl}/oauth/slack/install${tenantQuery(tenantId)}`, {
    team: choice.teamId,
    user: choice.userId,
    channel: choice.channelId,
    decision: 'allow',
  });
}

/** The tenant a settings page is for (Trellis lands installs on `/settings?tenant=…`). */
export function settingsTenant(page: LoadedPage): string {
  const tenant = new URL(page.url).searchParams.get('tenant');
  if (page.status !== 200 || !new URL(page.url).pathname.startsWith('/settings') || !tenant) {
    throw new Error(`expected the settings page, got ${page.status} at ${page.url}: ${page.html.slice(0, 300)}`);
  }
  return tenant;
}
