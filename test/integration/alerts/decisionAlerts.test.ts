import { getConflict } from '../../../src/store/conflicts';
import { appendOutboxEvent } from '../../../src/store/outbox';
import { getPartner } from '../../../src/store/partners';
import { getRegistration } from '../../../src/store/registrations';
import { recordSyncConflict } from '../../../src/store/syncConflicts';
import { evaluatePartnerHealth } from '../../../src/usecases/evaluatePartnerHealth';
import { createPartner, registration } from '../../support/fixtures';
import { QUEUE_KINDS } from '../../support/queues';
import { buttonsOf, eventually, startAlertsWorld, textOf, type AlertsWorld, type SlackTenant } from './harness';

describe.each(QUEUE_KINDS)('conflict, sync and partner alerts in Slack (%s queue)', (queue) => {
  let world: AlertsWorld;
  beforeAll(async () => {
    world = await startAlertsWorld(queue);
  });
  afterAll(() => world.close());

  const outboxTopics = async (tenantId: string, topic: string) =>
    (await world.trellis.db.query<{ payload: Record<string, unknown> }>('SELECT payload FROM outbox WHERE tenant_id = $1 AND topic = $2', [tenantId, topic])).rows.map(
      (r) => r.payload,
    );

  async function conflictAlert() {
    const t = await world.newTenant();
    const earlierPartner = await createPartner(t.api, { name: 'Northwind', region: 'NA' });
    const newerPartner = await createPartner(t.api, { name: 'Contoso EU', region: 'EMEA', country: 'GB' });
    const earlier = await t.api.post('/api/v1/deal-registrations', registration(earlierPartner.id));
    const newer = await t.api.post('/api/v1/deal-registrations', registration(newerPartner.id, { customer: { name: 'Globex Corp', domain: 'globex.com' } }));
    const conflictId = newer.body.conflicts[0].id as string;
    const message = await eventually(() => t.posted().find((m) => textOf(m).includes('channel conflict')));
    return { t, conflictId, earlierId: earlier.body.id as string, newerId: newer.body.id as string, message };
  }

  it('posts a channel conflict with both registrations, partners, regions and the evidence', async () => {
    const { conflictId, message } = await conflictAlert();
    const text = textOf(message);
    expect(text).toContain(':warning: *Cross-region channel conflict* on *Globex Corp*');
    expect(text).toContain('*Earlier: Northwind* (gold, NA)');
    expect(text).toContain('*Newer: Contoso EU* (gold, EMEA)');
    expect(text).toContain('Evidence: same domain (globex.com) · overlapping products: Analytics Suite · regions NA / EMEA');
    expect(text).toContain(`/conflicts/${conflictId}|Conflict in Trellis>`);
    expect(text).not.toContain('/api/v1/');
    expect(buttonsOf(message)).toEqual([
      'conflict.approve_earlier',
      'conflict.approve_newer',
      'conflict.reject_newer',
      'conflict.not_a_conflict',
      'conflict.ask_details',
    ]);
  });

  it('approves one side from the button: the conflict is resolved, the winner approved, the other rejected', async () => {
    const { t, conflictId, earlierId, newerId, message } = await conflictAlert();
    await t.click(message.ts, 'conflict.approve_earlier');
    const actor = `slack:${t.jane.id} (jane@vendor.com)`;
    const conflict = await eventually(async () => {
      const c = await getConflict(world.trellis.db, t.tenantId, conflictId);
      return c?.status === 'resolved' && (await getRegistration(world.trellis.db, t.tenantId, earlierId))?.status === 'approved' && c;
    });
    expect(conflict).toMatchObject({ resolution: 'existing_wins', resolvedBy: actor });
    expect((await getRegistration(world.trellis.db, t.tenantId, newerId))?.status).toBe('rejected');
    const updated = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('*Resolved*')));
    expect(textOf(updated)).toContain(`*Resolved* by <@${t.jane.id}>: the earlier registration won`);
    expect(buttonsOf(updated)).toEqual([]);
  });

  it('asks both partners for details in a modal, keeps the conflict open and says who asked', async () => {
    const { t, conflictId, newerId, message } = await conflictAlert();
    await t.click(message.ts, 'conflict.ask_details', t.omar.id);
    const view = await eventually(() => world.slack.views().find((v) => v.userId === t.omar.id && String(v.spec.private_metadata).includes(newerId)));
    // No mail server in this world: the modal says before anything is typed that the question stays in Slack.
    expect(textOf({ blocks: view.spec.blocks as unknown[] })).toContain('Mail is not set up in Trellis');
    await world.slack.submitView({ viewId: view.id, values: { question: { question_input: 'Who first met the customer, and when?' } } });
    await eventually(async () => (await outboxTopics(t.tenantId, 'channel_conflict.details_requested')).length === 1);
    expect(await outboxTopics(t.tenantId, 'channel_conflict.details_requested')).toEqual([
      { conflictId, requestedBy: `slack:${t.omar.id} (omar@vendor.com)`, question: 'Who first met the customer, and when?', origin: 'trellis' },
    ]);
    const updated = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('Details requested')));
    expect(textOf(updated)).toContain('Details requested from Northwind by Omar Diaz · shown in Slack only: mail is not set up in Trellis, nobody was emailed');
    expect(textOf(updated)).toContain('Details requested from Contoso EU by Omar Diaz');
    expect(textOf(updated)).toContain('> Who first met the customer, and when?');
    expect(buttonsOf(updated)).toContain('conflict.approve_newer');
  });

  /** A real conflict: a registration whose amount was changed in Trellis and in HubSpot at once. */
  async function syncConflictAlert(t: SlackTenant) {
    const partner = await createPartner(t.api);
    const reg = (await t.api.post('/api/v1/deal-registrations', registration(partner.id, { amount: 125000 }))).body;
    const conflict = { entityKind: 'registration' as const, entityId: reg.id, crm: 'hubspot' as const, crmId: '456', field: 'amount', baseValue: '100000', trellisValue: '125000', crmValue: '150000', winner: 'trellis' as const, rule: 'newest' };
    const conflictId = (await recordSyncConflict(world.trellis.db, t.tenantId, conflict))!;
    await appendOutboxEvent(world.trellis.db, t.tenantId, 'sync_conflict.detected', conflictId, {
      ...conflict,
      conflictId,
      origin: 'hubspot',
      crmRecordUrl: 'https://app.hubspot.com/contacts/123/record/0-3/456',
    });
    const message = await eventually(() => t.posted().find((m) => textOf(m).includes('Sync conflict')));
    return { conflictId, message, registrationId: reg.id as string };
  }

  it('posts a sync field conflict with both values and sources, and applies the chosen value once', async () => {
    const t = await world.newTenant();
    const { conflictId, message, registrationId } = await syncConflictAlert(t);
    const text = textOf(message);
    expect(text).toContain('*Sync conflict* on registration field *amount*');
    expect(text).toContain('*Trellis value*\n`125000`');
    expect(text).toContain('*HubSpot value*\n`150000`');
    expect(text).toContain(`/registrations/${registrationId}|Record in Trellis>  ·  <https://app.hubspot.com/contacts/123/record/0-3/456|CRM record>`);
    expect(text).not.toContain('/api/v1/');
    expect(buttonsOf(message)).toEqual(['sync_conflict.keep_trellis', 'sync_conflict.keep_crm']);

    await Promise.all([t.click(message.ts, 'sync_conflict.keep_crm'), t.click(message.ts, 'sync_conflict.keep_trellis', t.omar.id)]);
    const resolved = await eventually(async () => (await outboxTopics(t.tenantId, 'sync_conflict.resolved'))[0]);
    expect(resolved).toMatchObject({ conflictId });
    expect(await outboxTopics(t.tenantId, 'sync_conflict.resolved')).toHaveLength(1);
    // The value the pressed button chose is the registration's now, applied once.
    expect((await getRegistration(world.trellis.db, t.tenantId, registrationId))?.amount).toBe(resolved.winner === 'crm' ? 150000 : 125000);
    expect(await outboxTopics(t.tenantId, 'deal_registration.updated')).toHaveLength(1);
    const updated = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('*Resolved*')));
    expect(textOf(updated)).toContain(`kept the ${resolved.winner === 'crm' ? 'HubSpot' : 'Trellis'} value`);
    expect(textOf(updated)).toContain(String(resolved.decidedBy));
    expect(await eventually(() => world.slack.messages(t.deals.id).find((m) => m.ephemeralTo))).toMatchObject({
      text: expect.stringContaining('Nothing changed: already settled by'),
    });
  });

  it('flags a partner at risk with its score and reasons; assign and snooze act on it', async () => {
    const t = await world.newTenant();
    // No grace period: a partner is judged from its first evaluation.
    await t.api.patch('/api/v1/settings', { healthGraceDays: 0 });
    const partner = await createPartner(t.api, { name: 'Quiet Partner', status: 'active' });
    await evaluatePartnerHealth(world.deps);
    const message = await eventually(() => t.posted().find((m) => textOf(m).includes('Quiet Partner is at risk')));
    const text = textOf(message);
    // No activity and no deals; nothing else is recorded, so engagement (0) and pipeline (an even win rate: 20) make 6 of 55.
    expect(text).toContain('health 11/100');
    expect(text).toContain('• score 11 is under the threshold of 40\n• engagement 0/100: no portal, API or registration activity recorded');
    expect(buttonsOf(message)).toEqual(['partner.assign_to_me', 'alert.snooze']);
    expect(text).toContain(`/partners/${partner.id}|Partner in Trellis>`);
    expect(text).not.toContain('/api/v1/');

    await t.click(message.ts, 'partner.assign_to_me', t.omar.id);
    expect(await eventually(async () => (await getPartner(world.trellis.db, t.tenantId, partner.id))?.managerEmail)).toBe('omar@vendor.com');
    const assigned = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('manager: omar@vendor.com')));
    expect(buttonsOf(assigned)).toEqual(['alert.snooze']);

    await t.click(message.ts, 'alert.snooze');
    const snoozed = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('Snoozed')));
    expect(textOf(snoozed)).toContain(`Snoozed by <@${t.jane.id}> until 2026-03-09`);
    // At risk again while snoozed: nothing new is posted.
    await appendOutboxEvent(world.trellis.db, t.tenantId, 'partner.at_risk', partner.id, { partnerId: partner.id, score: 10, previousScore: 15, drop: 5, reasons: [], origin: 'trellis' });
    await new Promise((r) => setTimeout(r, 600));
    expect(t.posted()).toHaveLength(1);
  });

  it('settles the at-risk alert of a partner that recovers, redrawing its message without buttons, and announces a new fall afresh', async () => {
    const t = await world.newTenant();
    await t.api.patch('/api/v1/settings', { healthGraceDays: 0 });
    const partner = await createPartner(t.api, { name: 'Comeback Partner', status: 'active' });
    await evaluatePartnerHealth(world.deps);
    const message = await eventually(() => t.posted().find((m) => textOf(m).includes('Comeback Partner is at risk')));
    expect(buttonsOf(message)).toEqual(['partner.assign_to_me', 'alert.snooze']);

    // The partner gets going: active in the portal, and a customer rates it 5 of 5.
    await t.api.post(`/api/v1/partners/${partner.id}/activity`, { kind: 'portal_login', occurredAt: '2026-03-02T08:00:00Z' });
    await t.api.post(`/api/v1/partners/${partner.id}/satisfaction`, { score: 5, respondedAt: '2026-03-01T12:00:00Z' });
    world.clock.set('2026-03-03T09:00:00Z');
    try {
      await evaluatePartnerHealth(world.deps);
      const redrawn = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('has recovered')));
      const score = (await t.api.get(`/api/v1/partners/${partner.id}/health`)).body;
      expect(score).toMatchObject({ atRisk: false, previousScore: 11 });
      expect(textOf(redrawn)).toContain(`*Comeback Partner has recovered*: health ${score.score}/100`);
      expect(textOf(redrawn)).toContain('Was at risk at 11/100; no longer at risk since 2026-03-03');
      expect(buttonsOf(redrawn)).toEqual([]);
      expect(await outboxTopics(t.tenantId, 'partner.recovered')).toEqual([{ partnerId: partner.id, score: score.score, previousScore: 11, origin: 'trellis' }]);
      expect(t.posted()).toHaveLength(1);

      // Falling again later is news: a fresh message, with its buttons.
      await appendOutboxEvent(world.trellis.db, t.tenantId, 'partner.at_risk', partner.id, { partnerId: partner.id, score: 20, previousScore: score.score, drop: score.score - 20, reasons: [], origin: 'trellis' });
      const again = await eventually(() => t.posted().find((m) => m.ts !== message.ts && textOf(m).includes('Comeback Partner is at risk')));
      expect(buttonsOf(again)).toEqual(['partner.assign_to_me', 'alert.snooze']);
    } finally {
      world.clock.set('2026-03-02T09:00:00Z');
    }
  });

  it('routes by kind, region and tier to a channel or to the partner manager’s DM, managed through the API', async () => {
    const t = await world.newTenant();
    const emea = world.slack.addChannel({ team: t.team.id, name: 'emea-deals' });
    const bad = await t.api.call('PUT', '/api/v1/alerts/routes', { routes: [{ kind: 'nope', target: { type: 'channel', channelId: 'general' } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([
      ['routes', 0, 'kind'],
      ['routes', 0, 'target', 'channelId'],
    ]);
    const routes = [
      { kind: 'partner_at_risk', target: { type: 'partner_manager' } },
      { region: 'EMEA', tier: 'gold', target: { type: 'channel', channelId: emea.id } },
    ];
    expect((await t.api.call('PUT', '/api/v1/alerts/routes', { routes })).status).toBe(200);
    expect((await t.api.get('/api/v1/alerts/routes')).body).toEqual({ routes });

    const gold = await createPartner(t.api, { name: 'Euro Gold', region: 'EMEA', country: 'DE', tier: 'gold', managerEmail: 'jane@vendor.com' });
    const silver = await createPartner(t.api, { name: 'Euro Silver', region: 'EMEA', country: 'DE', tier: 'silver' });
    await t.api.post('/api/v1/deal-registrations', registration(gold.id, { customer: { name: 'Initech', domain: 'initech.com' } }));
    await t.api.post('/api/v1/deal-registrations', registration(silver.id, { customer: { name: 'Umbrella', domain: 'umbrella.com' } }));
    expect(textOf(await eventually(() => t.posted(emea.id)[0]))).toContain('Euro Gold');
    expect(textOf(await eventually(() => t.posted()[0]))).toContain('Euro Silver');

    await appendOutboxEvent(world.trellis.db, t.tenantId, 'partner.at_risk', gold.id, { partnerId: gold.id, score: 30, previousScore: 70, drop: 40, reasons: ['score fell 40 points since the last evaluation'], origin: 'trellis' });
    const dm = await eventually(() => t.dmWith(t.jane.id));
    expect(textOf(await eventually(() => t.posted(dm.id)[0]))).toContain('Euro Gold is at risk');
  });
});
