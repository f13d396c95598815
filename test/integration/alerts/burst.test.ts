import { randomUUID } from 'node:crypto';
import { appendOutboxEvent } from '../../../src/store/outbox';
import { QUEUE_KINDS } from '../../support/queues';
import { eventually, startAlertsWorld, type AlertsWorld } from './harness';

const ALERTS = 500;
// Slack's one message per second per channel (after a small burst), shrunk so the test stays short;
// Trellis paces a little wider so network jitter never crosses the limit.
const SLACK_INTERVAL_MS = 10;
const SLACK_BURST = 3;
const TRELLIS_INTERVAL_MS = 12;

describe.each(QUEUE_KINDS)('a burst of 500 alerts to one channel (%s queue)', (queue) => {
  let world: AlertsWorld;
  beforeAll(async () => {
    world = await startAlertsWorld(
      queue,
      { SLACK_CHANNEL_INTERVAL_MS: String(TRELLIS_INTERVAL_MS), ALERT_DIGEST_THRESHOLD: String(ALERTS * 2) },
      { rateLimits: { perChannel: { intervalMs: SLACK_INTERVAL_MS, burst: SLACK_BURST }, perWindow: { postMessage: ALERTS * 2, tier3: ALERTS * 2 } } },
    );
  });
  afterAll(() => world.close());

  it('delivers every alert, once each, queued at the channel’s pace rather than dropped', async () => {
    const t = await world.newTenant();
    const ids = Array.from({ length: ALERTS }, () => randomUUID());
    await world.trellis.db.transaction(async (tx) => {
      for (const [i, id] of ids.entries()) {
        await appendOutboxEvent(tx, t.tenantId, 'sync_conflict.detected', id, {
          origin: 'hubspot',
          conflictId: id,
          entityKind: 'partner',
          entityId: randomUUID(),
          crm: 'hubspot',
          field: `field_${i}`,
          trellisValue: 'a',
          crmValue: 'b',
          winner: 'trellis',
        });
      }
    });
    const messages = await eventually(() => (t.posted().length >= ALERTS ? t.posted() : undefined), 60_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.posted()).toHaveLength(ALERTS);
    const fields = new Set(messages.map((m) => /field_(\d+)/.exec(JSON.stringify(m.blocks))?.[1]));
    expect(fields.size).toBe(ALERTS);
    // Paced to the channel's rate: never faster than Slack allows, and Slack almost never had to refuse
    // one (posting unpaced draws a 429 for nearly every message past the burst; a slow machine's jitter
    // may bunch a few).
    const times = messages.map((m) => m.revisions[0]!.at).sort((a, b) => a - b);
    const span = times.at(-1)! - times[0]!;
    expect(span).toBeGreaterThanOrEqual((ALERTS - SLACK_BURST) * SLACK_INTERVAL_MS);
    expect(world.slack.emulator.rateLimits.channelRefusals).toBeLessThan(ALERTS / 20);
  }, 90_000);
});
