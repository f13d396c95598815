import { saveCrmConnection } from '../../../src/store/connections';
import { getRegistration } from '../../../src/store/registrations';
import { flagOverdueApprovals } from '../../../src/usecases/flagOverdueApprovals';
import { createPartner, registration } from '../../support/fixtures';
import { QUEUE_KINDS } from '../../support/queues';
import { buttonsOf, eventually, startAlertsWorld, textOf, type AlertsWorld } from './harness';

describe.each(QUEUE_KINDS)('registration alerts in Slack (%s queue)', (queue) => {
  let world: AlertsWorld;
  beforeAll(async () => {
    world = await startAlertsWorld(queue);
  });
  afterAll(() => world.close());

  async function submitted() {
    const t = await world.newTenant();
    const partner = await createPartner(t.api, { name: 'Northwind Partners', tier: 'gold', region: 'NA' });
    const res = await t.api.post('/api/v1/deal-registrations', registration(partner.id));
    expect(res.status).toBe(201);
    const message = await eventually(() => t.posted()[0]);
    return { t, partner, registrationId: res.body.id as string, message };
  }

  it('posts a registration awaiting approval, with the deal, the buttons and a link to it', async () => {
    const { t, registrationId, message } = await submitted();
    const text = textOf(message);
    expect(text).toContain('Deal registration awaiting approval');
    expect(text).toContain('*Northwind Partners* registered *Globex Corporation* (globex.com)');
    expect(text).toContain('$125,000');
    expect(text).toContain(`/registrations/${registrationId}|Registration in Trellis>`);
    expect(text).not.toContain('/api/v1/');
    expect(buttonsOf(message)).toEqual(['registration.approve', 'registration.reject', 'registration.ask_details']);
    expect(message.channel).toBe(t.deals.id);
  });

  it("links to the deal in the tenant's CRM once the registration has one", async () => {
    const { t, registrationId, message } = await submitted();
    expect(textOf(message)).not.toContain('CRM record');
    await saveCrmConnection(world.trellis.db, world.deps.keyring, t.tenantId, 'hubspot', { externalAccountId: '4242', scopes: [], accessToken: 'token' });
    await world.trellis.db.query('UPDATE deal_registrations SET crm_deal_ref = $2 WHERE id = $1', [registrationId, 'hubspot:deal:777']);
    expect((await t.api.post(`/api/v1/deal-registrations/${registrationId}/approve`, {})).status).toBe(200);
    const updated = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('Approved')));
    expect(textOf(updated)).toContain('|Registration in Trellis>  ·  <https://app.hubspot.com/contacts/4242/record/0-3/777|CRM record>');
  });

  it('approves from the button as the Slack user, and shows who decided in place', async () => {
    const { t, registrationId, message } = await submitted();
    const click = await t.click(message.ts, 'registration.approve');
    expect(click.status).toBe(200);
    const reg = await eventually(async () => {
      const r = await getRegistration(world.trellis.db, t.tenantId, registrationId);
      return r?.status === 'approved' && r;
    });
    expect(reg.decision?.by).toBe(`slack:${t.jane.id} (jane@vendor.com)`);
    const updated = await eventually(() => t.posted().find((m) => m.ts === message.ts && m.revisions.length > 1));
    expect(textOf(updated)).toContain(`Approved* by <@${t.jane.id}>`);
    expect(buttonsOf(updated)).toEqual([]);
    expect(t.posted()).toHaveLength(1);
  });

  it('decides nothing for a Slack user Trellis does not know, nor for a sales rep, and tells each privately', async () => {
    const { t, registrationId, message } = await submitted();
    const stranger = world.slack.addUser({ team: t.team.id, name: 'sam', realName: 'Sam Guest', email: 'sam@agency.example' });
    const rep = world.slack.addUser({ team: t.team.id, name: 'rita', realName: 'Rita Rep', email: 'rita@vendor.com' });
    await t.api.post('/api/v1/users', { email: 'rita@vendor.com', role: 'sales_rep' });
    for (const [user, expected] of [
      [stranger.id, 'Nothing changed: sam@agency.example is not a Trellis user of this workspace. Ask your Trellis admin to add you.'],
      [rep.id, 'Nothing changed: slack:' + rep.id + ' (rita@vendor.com) (Sales rep) may not approve this registration.'],
    ] as const) {
      for (const action of ['registration.approve', 'registration.reject', 'registration.ask_details']) {
        const notesTo = () => world.slack.messages(t.deals.id).filter((m) => m.ephemeralTo === user);
        const before = notesTo().length;
        expect((await t.click(message.ts, action, user)).status).toBe(200);
        const note = await eventually(() => notesTo()[before]);
        const verb = { 'registration.approve': 'approve', 'registration.reject': 'reject', 'registration.ask_details': 'ask about' }[action]!;
        expect(note.text).toBe(expected.replace('approve', verb));
      }
    }
    expect(world.slack.views().filter((v) => v.userId === stranger.id || v.userId === rep.id)).toEqual([]);
    expect((await getRegistration(world.trellis.db, t.tenantId, registrationId))!.status).toBe('pending');
    expect(buttonsOf(t.posted().find((m) => m.ts === message.ts)!)).not.toEqual([]);
  });

  it('decides once when two managers press at the same time, and tells the second what happened', async () => {
    const { t, registrationId, message } = await submitted();
    const [a, b] = await Promise.all([t.click(message.ts, 'registration.approve', t.jane.id), t.click(message.ts, 'registration.approve', t.omar.id)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const note = await eventually(() => world.slack.messages(t.deals.id).find((m) => m.ephemeralTo));
    const reg = (await getRegistration(world.trellis.db, t.tenantId, registrationId))!;
    expect(reg.status).toBe('approved');
    expect(note.text).toBe(`Nothing changed: this registration was already approved by ${reg.decision!.by}.`);
    const secondPresser = reg.decision!.by.includes(t.jane.id) ? t.omar.id : t.jane.id;
    expect(note.ephemeralTo).toBe(secondPresser);
    const { rows } = await world.trellis.db.query("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'deal_registration.approved'", [registrationId]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('rejects with a reason typed in a modal', async () => {
    const { t, registrationId, message } = await submitted();
    await t.click(message.ts, 'registration.reject', t.omar.id);
    const view = await eventually(() => world.slack.views().find((v) => v.userId === t.omar.id && v.spec.private_metadata?.toString().includes(registrationId)));
    const tooShort = await world.slack.submitView({ viewId: view.id, values: { reason: { reason_input: 'no' } } });
    expect(tooShort.errors).toEqual({ reason: 'Tell the partner why, in a few words' });
    const done = await world.slack.submitView({ viewId: view.id, values: { reason: { reason_input: 'Customer is a direct account' } } });
    expect(done.status).toBe(200);
    const reg = await eventually(async () => {
      const r = await getRegistration(world.trellis.db, t.tenantId, registrationId);
      return r?.status === 'rejected' && r;
    });
    expect(reg.decision).toMatchObject({ by: `slack:${t.omar.id} (omar@vendor.com)`, reason: 'Customer is a direct account' });
    const updated = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('Rejected')));
    expect(textOf(updated)).toContain('Customer is a direct account');
  });

  it('updates the Slack message when the decision is taken elsewhere (REST API)', async () => {
    const { t, registrationId, message } = await submitted();
    const res = await t.api.post(`/api/v1/deal-registrations/${registrationId}/reject`, { reason: 'Duplicate of a direct deal', decidedBy: 'lee@vendor.com' });
    expect(res.status).toBe(200);
    const updated = await eventually(() => t.posted().find((m) => m.ts === message.ts && textOf(m).includes('Rejected')));
    expect(textOf(updated)).toContain('by lee@vendor.com');
    expect(buttonsOf(updated)).toEqual([]);
  });

  it('flags registrations pending past the tenant’s approval SLA', async () => {
    const { t, registrationId } = await submitted();
    expect((await t.api.patch('/api/v1/settings', { approvalSlaHours: 24 })).status).toBe(200);
    world.clock.set('2026-03-03T12:00:00Z');
    try {
      expect(await flagOverdueApprovals(world.deps)).toBeGreaterThanOrEqual(1);
      const overdue = await eventually(() => t.posted().find((m) => textOf(m).includes('Approval overdue')));
      expect(textOf(overdue)).toContain('pending 27 h, the SLA is 24 h');
      expect(buttonsOf(overdue)).toEqual(['registration.approve', 'registration.reject', 'registration.ask_details']);
      expect(textOf(overdue)).toContain(registrationId);
      // A second sweep does not announce it again.
      await flagOverdueApprovals(world.deps);
      await new Promise((r) => setTimeout(r, 400));
      expect(t.posted().filter((m) => textOf(m).includes('Approval overdue'))).toHaveLength(1);
    } finally {
      world.clock.set('2026-03-02T09:00:00Z');
    }
  });
});
