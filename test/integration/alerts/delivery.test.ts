import { randomUUID } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { ACTIONS, markerBlockId } from '../../../src/alerts/actionIds';
import { findAlert, lockAlertOfSubject, markAlertPosting } from '../../../src/store/alerts';
import { appendOutboxEvent } from '../../../src/store/outbox';
import { createPartner } from '../../support/fixtures';
import { QUEUE_KINDS } from '../../support/queues';
import { eventually, startAlertsWorld, textOf, type AlertsWorld, type SlackTenant } from './harness';

const syncConflict = (conflictId: string, field: string) => ({
  origin: 'salesforce' as const,
  conflictId,
  entityKind: 'partner' as const,
  entityId: randomUUID(),
  crm: 'salesforce' as const,
  field,
  trellisValue: 'a',
  crmValue: 'b',
  winner: 'trellis' as const,
});

describe.each(QUEUE_KINDS)('alert delivery: not noisy, never lost, never twice (%s queue)', (queue) => {
  let world: AlertsWorld;
  beforeAll(async () => {
    world = await startAlertsWorld(queue, { ALERT_DIGEST_THRESHOLD: '3', ALERT_DIGEST_WINDOW_MS: '400', ALERT_DEDUPE_WINDOW_MS: '3600000' });
  });
  afterAll(() => world.close());

  const atRisk = (t: SlackTenant, partnerId: string, score: number) =>
    appendOutboxEvent(world.trellis.db, t.tenantId, 'partner.at_risk', partnerId, { partnerId, score, previousScore: null, drop: 0, reasons: [], origin: 'trellis' });
  const settle = () => new Promise((r) => setTimeout(r, 600));

  it('does not post the same alert twice within the window: it counts it on the one message', async () => {
    const t = await world.newTenant();
    const partner = await createPartner(t.api, { name: 'Flaky Partner' });
    await atRisk(t, partner.id, 30);
    const first = await eventually(() => t.posted()[0]);
    await atRisk(t, partner.id, 25);
    const counted = await eventually(() => t.posted().find((m) => textOf(m).includes('Raised 2 times')));
    expect(counted.ts).toBe(first.ts);
    expect(textOf(counted)).toContain('health 25/100');
    await settle();
    expect(t.posted()).toHaveLength(1);

    // Past the window the alert is news again.
    world.clock.set('2026-03-02T11:00:00Z');
    try {
      await atRisk(t, partner.id, 20);
      await eventually(() => t.posted().length === 2);
    } finally {
      world.clock.set('2026-03-02T09:00:00Z');
    }
  });

  it('folds a burst of one kind into a digest after the first few', async () => {
    const t = await world.newTenant();
    for (let i = 0; i < 8; i++) {
      const conflictId = randomUUID();
      await appendOutboxEvent(world.trellis.db, t.tenantId, 'sync_conflict.detected', conflictId, syncConflict(conflictId, `field_${i}`));
    }
    // Members joining after the digest went out redraw it in place.
    await eventually(() => t.posted().find((m) => textOf(m).includes('*5 more sync conflicts* arrived together')));
    await settle();
    const posted = t.posted();
    expect(posted).toHaveLength(4);
    const fields = [...textOf({ blocks: posted.flatMap((m) => m.blocks ?? []) }).matchAll(/field_(\d)/g)].map((m) => m[1]);
    expect(fields.sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  });

  it('after a crash between posting and recording, does not post again; a click on the message adopts it', async () => {
    const t = await world.newTenant();
    const conflictId = randomUUID();
    // The state a worker leaves when it dies right after chat.postMessage: intent recorded, message in Slack, no ts stored.
    const { alert } = await world.trellis.db.transaction((tx) =>
      lockAlertOfSubject(tx, t.tenantId, 'sync_conflict', conflictId, { details: syncConflict(conflictId, 'stage'), now: world.clock.now() }),
    );
    await markAlertPosting(world.trellis.db, t.tenantId, alert.id, t.deals.id);
    const client = new WebClient(t.token, { slackApiUrl: world.slack.apiUrl });
    const orphan = await client.chat.postMessage({
      channel: t.deals.id,
      text: 'Sync conflict',
      blocks: [
        { type: 'section', block_id: markerBlockId(alert.id), text: { type: 'mrkdwn', text: 'Sync conflict (posted before the crash)' } },
        { type: 'actions', elements: [{ type: 'button', action_id: ACTIONS.keepTrellisValue, text: { type: 'plain_text', text: 'Keep Trellis value' }, value: conflictId }] },
      ],
    });
    // The retry: the same conflict is reported again. Without history Trellis cannot tell the post happened, so it does not post.
    await appendOutboxEvent(world.trellis.db, t.tenantId, 'sync_conflict.detected', conflictId, syncConflict(conflictId, 'stage'));
    await eventually(async () => (await findAlert(world.trellis.db, t.tenantId, 'sync_conflict', conflictId))?.raiseCount === 2);
    // Time for the retry's sync to run before anyone clicks: a design that posts again would have posted by now.
    await new Promise((r) => setTimeout(r, 2000));
    expect(t.posted()).toHaveLength(1);

    // Someone acts on the message: its ts becomes the alert's, and the message is redrawn from the store from then on.
    await t.click(orphan.ts!, ACTIONS.keepTrellisValue);
    const adopted = await eventually(async () => {
      const a = await findAlert(world.trellis.db, t.tenantId, 'sync_conflict', conflictId);
      return a?.status === 'posted' && a;
    });
    expect(adopted.ts).toBe(orphan.ts);
    const messages = await eventually(() => (t.posted().every((m) => m.revisions.length > 1) ? t.posted() : undefined));
    await settle();
    expect(t.posted()).toHaveLength(1);
    expect(textOf(messages[0])).toContain('*Sync conflict* on partner field *stage*');
  });

  it('posts once Slack is back after answering 503: the edge refused the request, nothing was posted', async () => {
    const t = await world.newTenant();
    const partner = await createPartner(t.api, { name: 'Patient Partner' });
    world.slack.configureFaults({ serverErrorRate: 1 });
    try {
      await atRisk(t, partner.id, 30);
      await eventually(async () => (await findAlert(world.trellis.db, t.tenantId, 'partner_at_risk', partner.id))?.raiseCount === 1);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await findAlert(world.trellis.db, t.tenantId, 'partner_at_risk', partner.id))?.status).toBe('pending');
      expect(t.posted()).toHaveLength(0);
    } finally {
      world.slack.configureFaults({ serverErrorRate: 0 });
    }
    // The job's own retry posts it.
    const posted = await eventually(() => t.posted()[0]);
    const alert = await eventually(async () => {
      const a = await findAlert(world.trellis.db, t.tenantId, 'partner_at_risk', partner.id);
      return a?.status === 'posted' && a;
    });
    expect(alert.ts).toBe(posted.ts);
    await settle();
    expect(t.posted()).toHaveLength(1);
  });

  it('posts again when Slack refused the first post: a refusal proves nothing was posted', async () => {
    const t = await world.newTenant();
    const partner = await createPartner(t.api, { name: 'Quiet Partner' });
    // The bot was removed from its private alerts channel: Slack answers channel_not_found and posts nothing.
    const hidden = world.slack.addChannel({ team: t.team.id, name: 'partner-health', isPrivate: true, members: [t.jane.id] });
    const routes = [{ kind: 'partner_at_risk', target: { type: 'channel', channelId: hidden.id } }];
    expect((await t.api.call('PUT', '/api/v1/alerts/routes', { routes })).status).toBe(200);
    await atRisk(t, partner.id, 30);
    await eventually(async () => (await findAlert(world.trellis.db, t.tenantId, 'partner_at_risk', partner.id))?.raiseCount === 1);
    await settle();
    expect((await findAlert(world.trellis.db, t.tenantId, 'partner_at_risk', partner.id))?.status).toBe('pending');
    expect(t.posted(hidden.id)).toHaveLength(0);

    // Once the bot is back in the channel, the next report of the alert posts it, once.
    world.slack.joinChannel(hidden.id, [t.bot.botUserId]);
    await atRisk(t, partner.id, 25);
    const posted = await eventually(() => t.posted(hidden.id)[0]);
    const alert = await eventually(async () => {
      const a = await findAlert(world.trellis.db, t.tenantId, 'partner_at_risk', partner.id);
      return a?.status === 'posted' && a;
    });
    expect(alert.ts).toBe(posted.ts);
    await settle();
    expect(t.posted(hidden.id)).toHaveLength(1);
  });
});
