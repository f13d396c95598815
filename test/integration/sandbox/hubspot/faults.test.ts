import { Client } from '@hubspot/api-client';
import type { RunningHubSpotEmulator } from '../../../../sandbox/hubspot';
import { ALL_SCOPES, startWithInstall, type Installed } from './helpers';
import { startReceiver, verifyV3, type WebhookReceiver } from './webhookReceiver';

describe('HubSpot emulator: fault injection', () => {
  let emulator: RunningHubSpotEmulator;
  let installed: Installed;
  let receiver: WebhookReceiver;
  let clientSecret: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    ({ emulator, installed } = await startWithInstall({
      webhooks: { batchWindowMs: 10, retryDelaysMs: [10, 10, 10, 10, 10, 10], timeoutMs: 1000 },
    }));
    const app = emulator.registerApp({
      redirectUrls: ['https://hooks.example.com/cb'],
      scopes: ALL_SCOPES,
      webhooks: { targetUrl: receiver.url, subscriptions: [{ subscriptionType: 'company.creation' }] },
    });
    clientSecret = app.clientSecret;
    emulator.installApp(app.clientId, installed.portalId);
  });
  afterAll(async () => {
    await emulator.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await emulator.idle();
    receiver.received.length = 0;
  });
  afterEach(async () => {
    await putFaults({});
  });

  async function putFaults(settings: unknown): Promise<Response> {
    return fetch(`${emulator.url}/_admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });
  }

  async function statuses(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${emulator.url}/crm/v3/objects/companies?limit=1`, {
        headers: { authorization: `Bearer ${installed.accessToken}` },
      });
      out.push(res.status);
    }
    return out;
  }

  it('fails a seeded share of requests with HubSpot 5xx bodies, the same way on every run', async () => {
    await putFaults({ seed: 42, serverErrorRate: 0.4 });
    const first = await statuses(20);
    await putFaults({ seed: 42, serverErrorRate: 0.4 });
    const second = await statuses(20);
    expect(second).toEqual(first);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(2);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(2);

    await putFaults({ serverErrorRate: 1 });
    const res = await fetch(`${emulator.url}/crm/v3/objects/companies`, { headers: { authorization: `Bearer ${installed.accessToken}` } });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ status: 'error', category: 'INTERNAL_ERROR', correlationId: expect.any(String) });
  });

  it('lets the SDK ride out injected 5xx with its own retries', async () => {
    await putFaults({ seed: 3, serverErrorRate: 0.3 });
    const client = new Client({ accessToken: installed.accessToken, basePath: emulator.url, numberOfApiCallRetries: 6 });
    const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (let i = 0; i < 5; i++) await expect(client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
    } finally {
      errorLog.mockRestore();
    }
  });

  it('answers 429 bursts of the configured length with the TEN_SECONDLY_ROLLING body', async () => {
    await putFaults({ seed: 9, rateLimitBurstRate: 0.15, rateLimitBurstLength: 4 });
    const seen = await statuses(40);
    // Lengths of the completed runs of 429s (a run still going when the sample ends is cut short).
    const runs: number[] = [];
    let current = 0;
    for (const status of seen) {
      if (status === 429) current += 1;
      else if (current > 0) {
        runs.push(current);
        current = 0;
      }
    }
    expect(runs.length).toBeGreaterThan(0);
    // Bursts may chain into one another, but none is shorter than the configured length.
    expect(Math.min(...runs)).toBeGreaterThanOrEqual(4);

    await putFaults({ seed: 1, rateLimitBurstRate: 1, rateLimitBurstLength: 2 });
    const res = await fetch(`${emulator.url}/crm/v3/objects/companies`, { headers: { authorization: `Bearer ${installed.accessToken}` } });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
  });

  it('duplicates webhook deliveries when told to', async () => {
    await putFaults({ webhooks: { duplicateRate: 1 } });
    await installed.client.crm.companies.basicApi.create({ properties: { name: 'Twice' }, associations: [] });
    await emulator.idle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.events[0]!.eventId).toBe(receiver.received[1]!.events[0]!.eventId);
  });

  it('drops deliveries in transit and retries them with a growing attemptNumber', async () => {
    await putFaults({ seed: 5, webhooks: { dropRate: 0.5 } });
    for (let i = 0; i < 6; i++) {
      await installed.client.crm.companies.basicApi.create({ properties: { name: `Lossy ${i}` }, associations: [] });
      await emulator.idle();
    }
    const delivered = emulator.deliveries().slice(-6);
    expect(delivered.every((d) => d.status === 'delivered')).toBe(true);
    expect(delivered.some((d) => d.attempts > 1)).toBe(true);
    expect(receiver.received).toHaveLength(6);
    expect(receiver.received.some((r) => Number(r.events[0]!.attemptNumber) > 0)).toBe(true);
    expect(receiver.received.every((r) => verifyV3(r, clientSecret))).toBe(true);
  });

  it('refuses invalid fault settings with a 400', async () => {
    const res = await putFaults({ serverErrorRate: 2 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });
});
