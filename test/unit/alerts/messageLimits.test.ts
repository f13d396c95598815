import { renderAlert } from '../../../src/alerts/messages';
import { clip, fitMrkdwn } from '../../../src/alerts/messages/limits';
import type { AlertSubject, RegistrationParty } from '../../../src/alerts/subjects';
import type { Alert } from '../../../src/store/alerts';
import type { StoredConflict } from '../../../src/store/conflicts';
import { validateMessageBlocks } from '../../../sandbox/slack/blockKit';
import { alert, at, conflict, ctx, CRM, partner, registration, TRELLIS } from './messageFixtures';

// The longest values Trellis accepts, full of characters that grow when escaped for mrkdwn.
const long = (n: number, seed = 'Ampersand & <Angle> Co ') => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
const NAME = long(200);
const REASON = long(2000, 'Not in our territory & no proof <see notes>; ');
const PRODUCTS = Array.from({ length: 50 }, (_, i) => long(120, `Product ${i} & add-on `));

const party = (id: string, status: 'pending' | 'approved' | 'rejected'): RegistrationParty => {
  const base = registration(`r${id}`, `p${id}`);
  return {
    partner: { ...partner(`p${id}`, `${id} ${NAME}`), managerEmail: `${long(60, 'manager.')}@example.com` },
    registration: {
      ...base,
      customer: { name: NAME, domain: `${long(60, 'sub.')}example.com`, country: 'US' },
      products: PRODUCTS,
      status,
      decision: status === 'pending' ? null : { by: `slack:U1 (${long(200, 'person')})`, at, reason: status === 'rejected' ? REASON : null },
      override: status === 'approved' ? { by: 'slack:U1', at, reason: REASON } : null,
    },
  };
};
const resolvedConflict: StoredConflict = {
  ...conflict,
  status: 'resolved',
  resolution: 'existing_wins',
  resolvedBy: long(500, 'Jane & <Co> '),
  evidence: { ...conflict.evidence, overlappingProducts: PRODUCTS },
};
const decided = (kind: Alert['kind']): Alert => ({
  ...alert(kind),
  status: 'closed',
  raiseCount: 99,
  closedBy: long(500, 'Omar & <Co> '),
  outcome: 'snoozed',
  snoozedUntil: at,
  details: { winner: 'crm', assignedBy: long(500, 'Dana & <Co> '), detailsRequestedBy: long(500, 'Lee & <Co> ') },
});

/** Every kind of alert, at its longest, undecided and decided. */
const EXTREMES: [string, Alert, AlertSubject][] = [
  ['registration awaiting approval', alert('registration_pending'), { kind: 'registration_pending', party: party('1', 'pending') }],
  ['registration approved with an override', decided('registration_pending'), { kind: 'registration_pending', party: party('1', 'approved') }],
  ['registration rejected with a reason', decided('registration_pending'), { kind: 'registration_pending', party: party('1', 'rejected') }],
  ['overdue approval', alert('sla_breached'), { kind: 'sla_breached', party: party('1', 'pending'), pendingHours: 10_000, slaHours: 24 }],
  ['channel conflict', alert('channel_conflict'), { kind: 'channel_conflict', conflict: { ...conflict, evidence: resolvedConflict.evidence }, newer: party('2', 'pending'), earlier: party('1', 'pending') }],
  ['channel conflict resolved', decided('channel_conflict'), { kind: 'channel_conflict', conflict: resolvedConflict, newer: party('2', 'rejected'), earlier: party('1', 'approved') }],
  [
    'sync conflict between long values',
    alert('sync_conflict'),
    { kind: 'sync_conflict', conflictId: 'sc1', details: { entityKind: 'partner', entityId: 'p1', crm: 'salesforce', field: long(200), trellisValue: long(10_000), crmValue: { notes: long(10_000) }, crmRecordUrl: CRM } },
  ],
  ['sync conflict resolved', decided('sync_conflict'), { kind: 'sync_conflict', conflictId: 'sc1', details: { field: long(200), trellisValue: long(10_000), crmValue: long(10_000) } }],
  [
    'partner at risk for many long reasons',
    alert('partner_at_risk'),
    { kind: 'partner_at_risk', partner: party('1', 'pending').partner, details: { score: 3, previousScore: 90, drop: 87, reasons: Array.from({ length: 40 }, (_, i) => long(300, `reason ${i} & <why> `)) } },
  ],
  ['partner at risk snoozed', decided('partner_at_risk'), { kind: 'partner_at_risk', partner: party('1', 'pending').partner, details: { score: 3, previousScore: null, drop: 0, reasons: [long(5000)] } }],
];

const digestOf = (members: AlertSubject[]): AlertSubject => ({ kind: 'digest', of: 'registration_pending', members: members.map((subject) => ({ alert: alert('registration_pending'), subject })) });
const pending = (n: number, name = (i: number) => `Partner ${i}`) =>
  Array.from({ length: n }, (_, i): AlertSubject => ({
    kind: 'registration_pending',
    party: { partner: partner(`p${i}`, name(i)), registration: { ...registration(`r${i}`, `p${i}`), customer: { name: `Customer ${i} of ${name(i)}`, domain: null, country: 'US' } } },
  }));
/** The mrkdwn texts of a message's blocks (plain text, as in buttons, shows `<` and `&` as typed). */
const mrkdwnOf = (blocks: unknown[]): string[] =>
  blocks.flatMap((block) => {
    const b = block as { text?: { type: string; text: string }; fields?: { text: string }[]; elements?: { type: string; text?: string }[] };
    return [...(b.text?.type === 'mrkdwn' ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).filter((e) => e.type === 'mrkdwn').map((e) => e.text!)];
  });
const links = (text: string) => [...text.matchAll(/<([^|>]+)\|([^>]*)>/g)];

describe('alert messages stay within Slack’s Block Kit limits', () => {
  it.each(EXTREMES)('%s: Slack’s validator accepts it, with the buttons and links intact', (_, a, subject) => {
    const message = renderAlert(a, subject, ctx(CRM));
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
    // Shortened mrkdwn ends on whole escapes and links.
    for (const text of mrkdwnOf(message.blocks)) expect(text).not.toMatch(/&[a-z]*…|<[^>]*…/);
    expect(JSON.stringify(message.blocks)).toContain(`<${CRM}|CRM record>`);
  });

  it('a digest of 62 items with the longest names lists what fits, then counts the rest and links to Trellis', () => {
    const members = pending(62, (i) => `${i} ${NAME}`);
    const message = renderAlert(alert('digest'), digestOf(members), ctx(null));
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
    const list = (message.blocks[1] as { text: { text: string } }).text.text;
    const items = list.split('\n');
    expect(items.length).toBeGreaterThan(5);
    // Every listed item is a whole link to its registration; none is cut off.
    items.forEach((item, i) => expect(links(item).map((m) => m[1])).toEqual([`${TRELLIS}/registrations/r${i}`]));
    expect(JSON.stringify(message.blocks[2])).toContain(`…and ${62 - items.length} more in <${TRELLIS}/dashboard|Trellis>`);
  });

  it('a digest that would have been refused (25 registrations with long names) now fits', () => {
    const members = pending(25, (i) => `Partner ${i} ${long(80, 'Integrators ')}`);
    const message = renderAlert(alert('digest'), digestOf(members), ctx(null));
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
    expect(message.blocks).toHaveLength(3);
  });

  it('a digest of short items lists 25 and counts the rest', () => {
    const message = renderAlert(alert('digest'), digestOf(pending(62)), ctx(null));
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
    expect(links((message.blocks[1] as { text: { text: string } }).text.text)).toHaveLength(25);
    expect(JSON.stringify(message.blocks[2])).toContain('…and 37 more in <');
  });

  it('a digest that fits is listed whole, with no count', () => {
    const message = renderAlert(alert('digest'), digestOf(pending(4)), ctx(null));
    expect(links((message.blocks[1] as { text: { text: string } }).text.text)).toHaveLength(4);
    expect(message.blocks).toHaveLength(2);
  });
});

describe('fitting text to a limit', () => {
  it('leaves text within the limit alone', () => {
    expect(fitMrkdwn('short', 10)).toBe('short');
    expect(clip('short', 5)).toBe('short');
  });

  it('ends in an ellipsis within the limit, never inside an escape or a link', () => {
    expect(fitMrkdwn('Tom &amp; Jerry', 8)).toBe('Tom …');
    expect(fitMrkdwn(`see <${TRELLIS}/partners/p1|the partner> now`, 20)).toBe('see …');
    const kept = fitMrkdwn(`<${TRELLIS}/x?a=1&b=2|link> and more text after it`, 50);
    expect(kept).toBe(`<${TRELLIS}/x?a=1&b=2|link> and …`);
  });

  it('drops whole lines when a line break falls late enough', () => {
    expect(fitMrkdwn('• one\n• two\n• three', 15)).toBe('• one\n• two\n…');
  });

  it('never splits an emoji', () => {
    expect(clip('ab😀cd', 4)).toBe('ab…');
  });
});
