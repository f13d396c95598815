import { DEFAULT_RATE_LIMITS } from '../../../src/config/rateLimits';
import { createRateLimits, type RateLimiter } from '../../../src/api/rateLimits';
import { createTenant } from '../../../src/usecases/tenants';
import { connectHubSpotPortal, postHubSpotWebhook, startSyncWorld, type SyncWorld } from './world';

describe("HubSpot webhook batches over a tenant's limit", () => {
  let w: SyncWorld;
  // Two deliveries a minute per tenant; the test starts a new minute by opening a fresh window.
  const freshMinute = () => createRateLimits({ kind: 'memory' }, { ...DEFAULT_RATE_LIMITS, webhookTenantPerMinute: 2 }).webhookTenant;
  let current = freshMinute();
  const limiter: RateLimiter = { take: (key) => current.take(key) };

  beforeAll(async () => {
    w = await startSyncWorld('postgres', { salesforce: false, webhookRateLimit: limiter });
  });
  afterAll(() => w.close());

  // Contact events: stored (as ignored) without waking any sync, which is all a limit on storing needs.
  const event = (portalId: number, eventId: number) => ({
    eventId, subscriptionId: 1, portalId, appId: w.appId, occurredAt: Date.now(), subscriptionType: 'contact.propertyChange',
    attemptNumber: 0, objectId: eventId, propertyName: 'email', propertyValue: 'x', changeSource: 'CRM_UI', sourceId: 'userId:1',
  });
  const post = (...events: ReturnType<typeof event>[]) => postHubSpotWebhook(w, JSON.stringify(events));
  const stored = async () =>
    (await w.database.db.query<{ id: string }>("SELECT payload->>'eventId' AS id FROM inbound_events WHERE payload->>'eventId' LIKE '55%' ORDER BY 1")).rows.map((r) => r.id);

  it('defers only the tenant over its limit, with 429 and Retry-After, and stores its events once HubSpot retries', async () => {
    const other = await createTenant({ db: w.database.db }, 'Other vendor');
    const otherPortal = await connectHubSpotPortal(w.hubspot, w.engine, other.tenant.id);

    expect((await post(event(w.portalId, 5501))).status).toBe(200);
    expect((await post(event(w.portalId, 5502))).status).toBe(200);

    // A batch all of one tenant over its limit: refused as a whole.
    const alone = await post(event(w.portalId, 5503));
    expect(alone.status).toBe(429);
    expect(Number(alone.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await stored()).toEqual(['5501', '5502']);

    // A batch of two tenants: the other tenant's events are stored now, the batch is still asked again.
    const mixed = [event(w.portalId, 5504), event(otherPortal.id, 5505)];
    const deferred = await post(...mixed);
    expect(deferred.status).toBe(429);
    expect(Number(deferred.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await deferred.json()).error.details).toEqual([{ portalId: w.portalId, retryAfterSeconds: expect.any(Number) }]);
    expect(await stored()).toEqual(['5501', '5502', '5505']);

    // A minute later HubSpot delivers both batches again: nothing lost, nothing stored twice.
    current = freshMinute();
    expect((await post(event(w.portalId, 5503))).status).toBe(200);
    const retried = await post(...mixed);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ received: 2, accepted: 1 });
    expect(await stored()).toEqual(['5501', '5502', '5503', '5504', '5505']);
  });
});
