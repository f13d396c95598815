import type { LinkContext } from '../../../src/alerts/messages';
import type { RegistrationParty } from '../../../src/alerts/subjects';
import type { Partner } from '../../../src/domain/partner';
import type { DealRegistration } from '../../../src/domain/registration';
import type { Alert } from '../../../src/store/alerts';
import type { StoredConflict } from '../../../src/store/conflicts';

/** The records an alert message is drawn from, small and plain; tests override what they need. */
export const at = new Date('2026-03-02T09:00:00Z');
export const TRELLIS = 'https://trellis.example.com';
export const CRM = 'https://app.hubspot.com/contacts/123/record/0-3/456';

export const partner = (id: string, name: string): Partner => ({
  id, name, domain: null, tier: 'gold', region: 'NA', country: 'US', specialties: [], status: 'active', managerEmail: null, employeeCount: null, createdAt: at, updatedAt: at,
});
export const registration = (id: string, partnerId: string): DealRegistration => ({
  id, partnerId, accountId: 'a1', customer: { name: 'Globex', domain: 'globex.com', country: 'US' }, products: ['analytics'], amount: 125000, currency: 'USD',
  expectedCloseDate: '2026-06-30', region: 'NA', notes: null, status: 'pending', submittedAt: at, decision: null, override: null, protectionExpiresAt: null, closedAt: null,
});
export const northwind: RegistrationParty = { partner: partner('p1', 'Northwind'), registration: registration('r1', 'p1') };
export const contoso: RegistrationParty = { partner: partner('p2', 'Contoso'), registration: registration('r2', 'p2') };
export const conflict: StoredConflict = {
  id: 'c1', kind: 'duplicate', registrationId: 'r2', partnerId: 'p2', conflictingRegistrationId: 'r1', conflictingPartnerId: 'p1', score: 1,
  evidence: {
    matchedOn: 'domain', customer: { normalizedName: 'globex', normalizedDomain: 'globex.com' }, existingCustomer: { normalizedName: 'globex', normalizedDomain: 'globex.com' },
    nameSimilarity: 1, overlappingProducts: ['analytics'], regions: { submitted: 'NA', existing: 'NA' }, existingStatus: 'pending',
  },
  status: 'open', resolution: null, resolutionNote: null, resolvedBy: null, resolvedAt: null, detectedAt: at,
};
export const alert = (kind: Alert['kind']): Alert => ({
  id: 'al1', tenantId: 't1', kind, subjectId: 's1', details: {}, status: 'pending', raiseCount: 1, firstRaisedAt: at, lastRaisedAt: at, channelId: null, ts: null,
  postedAt: null, digestId: null, outcome: null, closedBy: null, closedAt: null, snoozedUntil: null, burstPosition: null,
});

export const ctx = (crmUrl: string | null): LinkContext => ({ trellisUrl: (path) => `${TRELLIS}${path}`, crmUrl });
