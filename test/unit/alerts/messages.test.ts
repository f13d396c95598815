import { renderAlert, type LinkContext } from '../../../src/alerts/messages';
import type { AlertSubject, RegistrationParty } from '../../../src/alerts/subjects';
import type { Partner } from '../../../src/domain/partner';
import type { DealRegistration } from '../../../src/domain/registration';
import type { Alert } from '../../../src/store/alerts';
import type { StoredConflict } from '../../../src/store/conflicts';

const at = new Date('2026-03-02T09:00:00Z');
const TRELLIS = 'https://trellis.example.com';
const CRM = 'https://app.hubspot.com/contacts/123/record/0-3/456';

const partner = (id: string, name: string): Partner => ({
  id, name, domain: null, tier: 'gold', region: 'NA', country: 'US', specialties: [], status: 'active', managerEmail: null, employeeCount: null, createdAt: at, updatedAt: at,
});
const registration = (id: string, partnerId: string): DealRegistration => ({
  id, partnerId, accountId: 'a1', customer: { name: 'Globex', domain: 'globex.com', country: 'US' }, products: ['analytics'], amount: 125000, currency: 'USD',
  expectedCloseDate: '2026-06-30', region: 'NA', notes: null, status: 'pending', submittedAt: at, decision: null, override: null, protectionExpiresAt: null, closedAt: null,
});
const northwind: RegistrationParty = { partner: partner('p1', 'Northwind'), registration: registration('r1', 'p1') };
const contoso: RegistrationParty = { partner: partner('p2', 'Contoso'), registration: registration('r2', 'p2') };
const conflict: StoredConflict = {
  id: 'c1', kind: 'duplicate', registrationId: 'r2', partnerId: 'p2', conflictingRegistrationId: 'r1', conflictingPartnerId: 'p1', score: 1,
  evidence: {
    matchedOn: 'domain', customer: { normalizedName: 'globex', normalizedDomain: 'globex.com' }, existingCustomer: { normalizedName: 'globex', normalizedDomain: 'globex.com' },
    nameSimilarity: 1, overlappingProducts: ['analytics'], regions: { submitted: 'NA', existing: 'NA' }, existingStatus: 'pending',
  },
  status: 'open', resolution: null, resolutionNote: null, resolvedBy: null, resolvedAt: null, detectedAt: at,
};
const alert = (kind: Alert['kind']): Alert => ({
  id: 'al1', tenantId: 't1', kind, subjectId: 's1', details: {}, status: 'pending', raiseCount: 1, firstRaisedAt: at, lastRaisedAt: at, channelId: null, ts: null,
  postedAt: null, digestId: null, outcome: null, closedBy: null, closedAt: null, snoozedUntil: null, burstPosition: null,
});

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

const ctx = (crmUrl: string | null): LinkContext => ({ trellisUrl: (path) => `${TRELLIS}${path}`, crmUrl });
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
