import { readEvent, type EventTopic, type StoredEvent } from '../../../src/domain/events';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const stored = (topic: string, payload: unknown): StoredEvent => ({ id: id(99), tenantId: id(98), topic, aggregateId: id(1), payload, createdAt: new Date('2026-03-02T09:00:00Z') });

/** One payload per topic that its consumers must be able to read back whole; enumerations appear with each value somewhere. */
const examples: [EventTopic, Record<string, unknown>][] = [
  ['crm_connection.connected', { origin: 'trellis', connectionId: id(1), crm: 'hubspot', externalAccountId: '123', reconnected: false }],
  ['crm_connection.disconnected', { origin: 'salesforce', connectionId: id(1), crm: 'salesforce', revokedAtCrm: true }],
  ['slack.installed', { origin: 'trellis', installationId: id(1), teamId: 'T1' }],
  ['partner.created', { origin: 'hubspot', partnerId: id(1) }],
  ['partner.updated', { origin: 'trellis', partnerId: id(1), fields: ['tier', 'region'] }],
  ['partner.at_risk', { origin: 'trellis', partnerId: id(1), score: 35, previousScore: null, drop: 0, reasons: ['Score 35 is below 40'] }],
  ['deal_registration.submitted', { origin: 'trellis', registrationId: id(2), partnerId: id(1) }],
  ['deal_registration.updated', { origin: 'salesforce', registrationId: id(2), fields: ['amount'] }],
  ['deal_registration.sla_breached', { origin: 'trellis', registrationId: id(2), pendingHours: 50, slaHours: 48 }],
  ['deal_registration.approved', { origin: 'trellis', registrationId: id(2), status: 'approved' }],
  ['deal_registration.rejected', { origin: 'hubspot', registrationId: id(2), status: 'rejected' }],
  ['deal_registration.won', { origin: 'salesforce', registrationId: id(2), status: 'won' }],
  ['deal_registration.lost', { origin: 'trellis', registrationId: id(2), status: 'lost' }],
  ['deal_registration.expired', { origin: 'trellis', registrationId: id(2), status: 'expired' }],
  ['channel_conflict.detected', { origin: 'trellis', conflictId: id(3), registrationId: id(2), conflictingRegistrationId: id(4), kind: 'duplicate' }],
  ['channel_conflict.detected', { origin: 'trellis', conflictId: id(3), registrationId: id(2), conflictingRegistrationId: id(4), kind: 'cross_region' }],
  ['channel_conflict.resolved', { origin: 'trellis', conflictId: id(3), resolution: 'existing_wins' }],
  ['channel_conflict.resolved', { origin: 'trellis', conflictId: id(3), resolution: 'new_wins' }],
  ['channel_conflict.resolved', { origin: 'trellis', conflictId: id(3), resolution: 'not_a_conflict' }],
  ['channel_conflict.details_requested', { origin: 'trellis', conflictId: id(3), requestedBy: 'maria@vendor.com' }],
  [
    'sync_conflict.detected',
    {
      origin: 'hubspot',
      conflictId: id(5),
      entityKind: 'partner',
      entityId: id(1),
      crm: 'hubspot',
      field: 'tier',
      trellisValue: 'gold',
      crmValue: 'silver',
      winner: 'trellis',
      crmRecordUrl: 'https://app.hubspot.com/contacts/1/record/0-2/9',
    },
  ],
  ['sync_conflict.detected', { origin: 'trellis', conflictId: id(5), entityKind: 'registration', entityId: id(2), crm: 'salesforce', field: 'amount', trellisValue: 1, crmValue: 2, winner: 'crm' }],
  ['sync_conflict.resolved', { origin: 'trellis', conflictId: id(5), winner: 'crm', decidedBy: 'maria@vendor.com' }],
  [
    'referral.assigned',
    {
      origin: 'trellis',
      referralId: id(6),
      assignmentId: id(7),
      partnerId: id(1),
      rule: null,
      score: 76,
      reasons: (['territory', 'expertise', 'tier', 'performance', 'rule', 'status'] as const).map((factor) => ({ factor, points: 1, detail: factor })),
    },
  ],
  ['referral.accepted', { origin: 'trellis', referralId: id(6), partnerId: id(1) }],
  ['referral.declined', { origin: 'trellis', referralId: id(6), partnerId: null }],
  ['referral.closed', { origin: 'trellis', referralId: id(6), partnerId: id(1), outcome: 'converted' }],
  ['referral.closed', { origin: 'trellis', referralId: id(6), partnerId: null, outcome: 'lost' }],
  ['co_sell.requested', { origin: 'trellis', engagementId: id(8), partnerId: id(1) }],
  ['deal_registration.details_requested', { origin: 'trellis', registrationId: id(2), requestId: id(9), recipientIds: [id(10)] }],
  ['deal_registration.details_answered', { origin: 'trellis', registrationId: id(2), requestId: id(9) }],
];

describe('reading stored events against the catalog', () => {
  it.each(examples)('reads %s back whole', (topic, payload) => {
    expect(readEvent(stored(topic, payload))).toEqual({ ok: true, event: stored(topic, payload) });
  });

  it.each([...new Set(examples.map(([topic]) => topic))])('refuses a %s event with nothing in it, naming the topic', (topic) => {
    const read = readEvent(stored(topic, {}));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason.startsWith(`${topic}: `)).toBe(true);
  });

  it('reads an event stored before origins were recorded as coming from Trellis', () => {
    const read = readEvent(stored('partner.created', { partnerId: id(1) }));
    expect(read).toMatchObject({ ok: true, event: { payload: { origin: 'trellis', partnerId: id(1) } } });
  });

  it.each<[string, unknown]>([
    ['an unknown origin', { origin: 'pipedrive', partnerId: id(1) }],
    ['an id that is not one', { partnerId: 'p1' }],
  ])('refuses %s', (_label, payload) => {
    expect(readEvent(stored('partner.created', payload))).toMatchObject({ ok: false });
  });

  it('refuses an unknown topic, saying which', () => {
    expect(readEvent(stored('partner.deleted', { partnerId: id(1) }))).toEqual({ ok: false, reason: 'unknown topic partner.deleted' });
    expect(readEvent(stored('toString', {}))).toEqual({ ok: false, reason: 'unknown topic toString' });
  });

  it('says what does not fit', () => {
    const read = readEvent(stored('deal_registration.approved', { registrationId: id(2), status: 'maybe' }));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(/^deal_registration\.approved: .*status/s);
  });
});
