import { renderAlert } from '../../../src/alerts/messages';
import type { DetailsRequest } from '../../../src/domain/detailsRequest';
import type { AlertSubject } from '../../../src/alerts/subjects';
import type { Alert } from '../../../src/store/alerts';
import { alert, conflict, contoso, CRM, ctx, northwind, TRELLIS } from './messageFixtures';

const SUBJECTS: Record<Exclude<AlertSubject['kind'], 'digest'>, AlertSubject> = {
  registration_pending: { kind: 'registration_pending', party: northwind },
  sla_breached: { kind: 'sla_breached', party: northwind, pendingHours: 30, slaHours: 24 },
  channel_conflict: { kind: 'channel_conflict', conflict, newer: contoso, earlier: northwind },
  sync_conflict: { kind: 'sync_conflict', conflictId: 'sc1', details: { entityKind: 'partner', entityId: 'p1', crm: 'hubspot', field: 'tier', trellisValue: 'gold', crmValue: 'silver' } },
  partner_at_risk: { kind: 'partner_at_risk', partner: northwind.partner, details: { score: 31, previousScore: 55, drop: 24, reasons: ['no recent deal activity'] } },
};
/** Each alert's own link: the subject's page in Trellis. */
const PAGE_LINKS: Record<keyof typeof SUBJECTS, string> = {
  registration_pending: `<${TRELLIS}/registrations/r1|Registration in Trellis>`,
  sla_breached: `<${TRELLIS}/registrations/r1|Registration in Trellis>`,
  channel_conflict: `<${TRELLIS}/conflicts/c1|Conflict in Trellis>`,
  sync_conflict: `<${TRELLIS}/partners/p1|Record in Trellis>`,
  partner_at_risk: `<${TRELLIS}/partners/p1|Partner in Trellis>`,
};

const textOf = (blocks: unknown) => JSON.stringify(blocks);

describe('alert message links', () => {
  it.each(Object.keys(SUBJECTS) as (keyof typeof SUBJECTS)[])('%s links to the Trellis page and the CRM record, never to the API', (kind) => {
    const message = renderAlert(alert(kind), SUBJECTS[kind], ctx(CRM));
    const text = textOf(message.blocks);
    expect(text).toContain(`${PAGE_LINKS[kind]}  ·  <${CRM}|CRM record>`);
    expect(text).not.toContain('/api/v1/');
  });

  it('leaves the CRM link out when the subject has no CRM record', () => {
    const text = textOf(renderAlert(alert('registration_pending'), SUBJECTS.registration_pending, ctx(null)).blocks);
    expect(text).toContain(PAGE_LINKS.registration_pending);
    expect(text).not.toContain('CRM record');
  });

  it('links a sync conflict on an unnamed record to its CRM record alone', () => {
    const subject: AlertSubject = { kind: 'sync_conflict', conflictId: 'sc1', details: { field: 'tier', crmRecordUrl: CRM } };
    const text = textOf(renderAlert(alert('sync_conflict'), subject, ctx(null)).blocks);
    expect(text).toContain(`<${CRM}|CRM record>`);
    expect(text).not.toContain('in Trellis');
  });

  it("links every digest item to its subject's page", () => {
    const members = Object.values(SUBJECTS).map((subject) => ({ alert: alert(subject.kind as Alert['kind']), subject }));
    const digest: AlertSubject = { kind: 'digest', of: 'registration_pending', members };
    const text = textOf(renderAlert(alert('digest'), digest, ctx(null)).blocks);
    for (const path of ['/registrations/r1', '/conflicts/c1', '/partners/p1']) expect(text).toContain(`<${TRELLIS}${path}|`);
    expect(text).not.toContain('/api/v1/');
  });
});

describe('a pending registration names who decides it, and since when', () => {
  const dana = { email: 'dana@vendor.com', name: 'Dana Reyes', role: 'partner_manager' as const };
  const pendingWith = (approver: typeof dana | null): AlertSubject => ({ kind: 'registration_pending', party: { ...northwind, awaiting: { approver, waitingSince: northwind.registration.submittedAt } } });

  it('names the approver and the moment it was submitted, in the reader’s time zone', () => {
    const text = textOf(renderAlert(alert('registration_pending'), pendingWith(dana), ctx(null)).blocks);
    expect(text).toContain('Waiting for *Dana Reyes* (dana@vendor.com) since <!date^1772442000^{date_short_pretty} at {time}|2026-03-02 09:00 UTC>');
  });

  it('says so when nobody on the team may approve it', () => {
    expect(textOf(renderAlert(alert('registration_pending'), pendingWith(null), ctx(null)).blocks)).toContain('nobody on the team may approve it');
  });

  it('shows the decision instead once it is decided', () => {
    const approved = { ...northwind, registration: { ...northwind.registration, status: 'approved' as const, decision: { by: 'dana@vendor.com', at: northwind.registration.submittedAt, reason: null } } };
    const text = textOf(renderAlert(alert('registration_pending'), { kind: 'registration_pending', party: approved }, ctx(null)).blocks);
    expect(text).toContain('*Approved* by dana@vendor.com');
    expect(text).not.toContain('Waiting');
  });
});

describe('a registration asked about shows the question and what became of it', () => {
  const question: DetailsRequest = {
    id: 'd1',
    registrationId: 'r1',
    alertId: 'a1',
    question: 'Which business unit is buying?',
    requestedBy: 'slack:U1 (ingrid@vendor.com)',
    requestedByName: 'Ingrid Larsen',
    requestedAt: northwind.registration.submittedAt,
    mailed: true,
    recipients: ['rita@vendor.com'],
    answer: null,
  };
  const shown = (detailsRequest: DetailsRequest) =>
    textOf(renderAlert(alert('registration_pending'), { kind: 'registration_pending', party: { ...northwind, detailsRequest } }, ctx(null)).blocks);

  it.each([
    ['waiting', question, 'Details requested by Ingrid Larsen · emailed to rita@vendor.com, waiting for an answer'],
    ['answered', { ...question, answer: { text: 'EMEA', by: 'rita@vendor.com', at: question.requestedAt } }, 'Details requested by Ingrid Larsen · answered by rita@vendor.com'],
    ['kept in Slack (no mail server)', { ...question, mailed: false, recipients: [] }, 'Details requested by Ingrid Larsen · shown in Slack only: mail is not set up in Trellis, nobody was emailed'],
    ['registered through the API', { ...question, recipients: [] }, 'nobody to email: it was registered through the API'],
  ] as [string, DetailsRequest, string][])('%s', (_label, detailsRequest, line) => {
    const text = shown(detailsRequest);
    expect(text).toContain(line);
    expect(text).toContain('> Which business unit is buying?');
  });
});

describe('messages follow the state of what they are about', () => {
  const withStatus = (party: typeof northwind, status: 'pending' | 'approved' | 'rejected') => ({ ...party, registration: { ...party.registration, status } });
  const actionIds = (subject: AlertSubject) =>
    (renderAlert(alert('channel_conflict'), subject, ctx(null)).blocks as { type: string; elements?: { action_id: string; text: { text: string } }[] }[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements!.map((e) => e.text.text));

  it('a registration decided since is headed by its decision, not "awaiting approval"', () => {
    const rejected = withStatus(northwind, 'rejected');
    const text = textOf(renderAlert(alert('registration_pending'), { kind: 'registration_pending', party: rejected }, ctx(null)).blocks);
    expect(text).toContain('Deal registration rejected');
    expect(text).not.toContain('awaiting approval');
  });

  it.each([
    ['both pending', 'pending', 'pending', ['Approve Northwind', 'Approve Contoso', 'Reject Contoso', 'Not a conflict', 'Ask for details…']],
    ['the earlier approved', 'approved', 'pending', ['Keep Northwind', 'Reject Contoso', 'Not a conflict', 'Ask for details…']],
    ['both approved', 'approved', 'approved', ['Not a conflict']],
  ] as const)('a conflict with %s offers only the decisions that still change something', (_label, earlier, newer, buttons) => {
    const subject: AlertSubject = { kind: 'channel_conflict', conflict, earlier: withStatus(northwind, earlier), newer: withStatus(contoso, newer) };
    expect(actionIds(subject)).toEqual(buttons);
  });
});

describe('people in messages', () => {
  it('mentions a decider who decided in Slack, and names anyone else as written', () => {
    const inSlack = { ...northwind, registration: { ...northwind.registration, status: 'approved' as const, decision: { by: 'slack:U0LUCAS (lucas@vendor.com)', at: northwind.registration.submittedAt, reason: null } } };
    const text = textOf(renderAlert(alert('registration_pending'), { kind: 'registration_pending', party: inSlack }, ctx(null)).blocks);
    expect(text).toContain('*Approved* by <@U0LUCAS> on');
    expect(text).not.toContain('slack:U0LUCAS');
  });
});
