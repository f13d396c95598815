import { startHubSpotEmulator } from '../../../../sandbox/hubspot';
import { ALL_SCOPES, failure, installThroughConsent, REDIRECT_URL, startWithInstall } from './helpers';

describe('HubSpot emulator: rate limits', () => {
  it('sends X-HubSpot-RateLimit headers counting down from 110 per 10 s', async () => {
    const { emulator, installed } = await startWithInstall();
    try {
      const first = await installed.client.crm.contacts.basicApi.getPageWithHttpInfo();
      const second = await installed.client.crm.contacts.basicApi.getPageWithHttpInfo();
      expect(first.headers['x-hubspot-ratelimit-max']).toBe('110');
      expect(first.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('10000');
      expect(Number(second.headers['x-hubspot-ratelimit-remaining'])).toBe(
        Number(first.headers['x-hubspot-ratelimit-remaining']) - 1,
      );
    } finally {
      await emulator.close();
    }
  });

  it('answers 429 TEN_SECONDLY_ROLLING under a lowered limit, per installed portal, until the window rolls', async () => {
    let clock = Date.parse('2025-03-01T00:00:00Z');
    const emulator = await startHubSpotEmulator({ now: () => clock });
    try {
      const app = emulator.registerApp({ redirectUrls: [REDIRECT_URL], scopes: ALL_SCOPES });
      const a = await installThroughConsent(emulator, app, emulator.createPortal().id, ALL_SCOPES);
      const b = await installThroughConsent(emulator, app, emulator.createPortal().id, ALL_SCOPES);
      const res = await fetch(`${emulator.url}/_admin/rate-limits`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenSecondlyLimit: 3 }),
      });
      expect(await res.json()).toMatchObject({ tenSecondlyLimit: 3 });

      for (let i = 0; i < 3; i++) await a.client.crm.companies.basicApi.getPage();
      const limited = await failure(a.client.crm.companies.basicApi.getPage());
      expect(limited.code).toBe(429);
      expect(limited.body).toEqual({
        status: 'error',
        message: expect.any(String),
        errorType: 'RATE_LIMIT',
        correlationId: expect.any(String),
        policyName: 'TEN_SECONDLY_ROLLING',
      });
      expect(limited.headers['x-hubspot-ratelimit-remaining']).toBe('0');
      expect(limited.headers['x-hubspot-ratelimit-max']).toBe('3');

      await expect(b.client.crm.companies.basicApi.getPage()).resolves.toBeDefined();
      clock += 10_001;
      await expect(a.client.crm.companies.basicApi.getPage()).resolves.toBeDefined();
    } finally {
      await emulator.close();
    }
  });

  it('answers 429 DAILY once the daily allowance is spent', async () => {
    const { emulator, installed } = await startWithInstall({ rateLimits: { dailyLimit: 2 } });
    try {
      await installed.client.crm.deals.basicApi.getPage();
      await installed.client.crm.deals.basicApi.getPage();
      const limited = await failure(installed.client.crm.deals.basicApi.getPage());
      expect(limited.code).toBe(429);
      expect(limited.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'DAILY' });
    } finally {
      await emulator.close();
    }
  });
});
