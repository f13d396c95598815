import { z } from 'zod';
import type { RoutingFacts } from '../domain/alertRouting';
import type { Partner } from '../domain/partner';
import type { DealRegistration } from '../domain/registration';
import type { DetailsRequest } from '../domain/detailsRequest';
import { listDigestMembers, type Alert } from '../store/alerts';
import { latestDetailsRequests } from '../store/detailsRequests';
import { getConflict, type StoredConflict } from '../store/conflicts';
import type { Queryable } from '../store/db';
import { getPartner } from '../store/partners';
import { getRegistration } from '../store/registrations';
import { awaitingDecisionOf, type AwaitingDecision } from '../usecases/approvers';

export interface RegistrationParty {
  registration: DealRegistration;
  partner: Partner;
  /** Who a pending registration waits for; absent once it is decided. */
  awaiting?: AwaitingDecision | undefined;
  /** The latest question asked about it ("Ask for details"), and its answer once given. */
  detailsRequest?: DetailsRequest | undefined;
}

/** What a sync engine reports about a field that changed on both sides (`sync_conflict.detected`). */
export const SyncConflictDetails = z.object({
  entityKind: z.string().optional(),
  entityId: z.string().optional(),
  crm: z.string().optional(),
  field: z.string(),
  trellisValue: z.unknown().optional(),
  crmValue: z.unknown().optional(),
  crmRecordUrl: z.url().optional(),
});
export type SyncConflictDetails = z.infer<typeof SyncConflictDetails>;

export const AtRiskDetails = z.object({
  score: z.number(),
  previousScore: z.number().nullable(),
  drop: z.number(),
  reasons: z.array(z.string()),
});
export type AtRiskDetails = z.infer<typeof AtRiskDetails>;

const SlaDetails = z.object({ pendingHours: z.number(), slaHours: z.number() });

/** Everything a message about an alert shows, read fresh from the store each time it is drawn. */
export type AlertSubject =
  | { kind: 'registration_pending'; party: RegistrationParty }
  | { kind: 'sla_breached'; party: RegistrationParty; pendingHours: number; slaHours: number }
  | { kind: 'channel_conflict'; conflict: StoredConflict; newer: RegistrationParty; earlier: RegistrationParty }
  | { kind: 'sync_conflict'; conflictId: string; details: SyncConflictDetails }
  | { kind: 'partner_at_risk'; partner: Partner; details: AtRiskDetails }
  | { kind: 'digest'; of: Alert['kind']; members: { alert: Alert; subject: AlertSubject | null }[] };

async function party(q: Queryable, tenantId: string, registrationId: string): Promise<RegistrationParty | null> {
  const registration = await getRegistration(q, tenantId, registrationId);
  const partner = registration ? await getPartner(q, tenantId, registration.partnerId) : null;
  if (!registration || !partner) return null;
  return {
    registration,
    partner,
    awaiting: (await awaitingDecisionOf(q, tenantId, [registration])).get(registration.id),
    detailsRequest: (await latestDetailsRequests(q, tenantId, [registration.id])).get(registration.id),
  };
}

/** The alert's subject as it is now; null when it no longer exists (or its details do not parse). */
export async function loadAlertSubject(q: Queryable, alert: Alert): Promise<AlertSubject | null> {
  const { tenantId, subjectId } = alert;
  switch (alert.kind) {
    case 'registration_pending': {
      const p = await party(q, tenantId, subjectId);
      return p && { kind: alert.kind, party: p };
    }
    case 'sla_breached': {
      const p = await party(q, tenantId, subjectId);
      const sla = SlaDetails.safeParse(alert.details);
      return p && sla.success ? { kind: alert.kind, party: p, ...sla.data } : null;
    }
    case 'channel_conflict': {
      const conflict = await getConflict(q, tenantId, subjectId);
      if (!conflict) return null;
      const newer = await party(q, tenantId, conflict.registrationId);
      const earlier = await party(q, tenantId, conflict.conflictingRegistrationId);
      return newer && earlier ? { kind: alert.kind, conflict, newer, earlier } : null;
    }
    case 'sync_conflict': {
      const details = SyncConflictDetails.safeParse(alert.details);
      return details.success ? { kind: alert.kind, conflictId: subjectId, details: details.data } : null;
    }
    case 'partner_at_risk': {
      const partner = await getPartner(q, tenantId, subjectId);
      const details = AtRiskDetails.safeParse(alert.details);
      return partner && details.success ? { kind: alert.kind, partner, details: details.data } : null;
    }
    case 'digest': {
      const members = await listDigestMembers(q, tenantId, alert.id);
      const subjects = [];
      for (const member of members) subjects.push({ alert: member, subject: await loadAlertSubject(q, member) });
      return { kind: 'digest', of: String(alert.details.kind) as Alert['kind'], members: subjects };
    }
  }
}

/** Region, tier and manager of the partner an alert is about, for routing. */
export function routingFactsOf(subject: AlertSubject): Omit<RoutingFacts, 'kind'> {
  const fromParty = (p: RegistrationParty) => ({ region: p.registration.region, tier: p.partner.tier, managerEmail: p.partner.managerEmail });
  switch (subject.kind) {
    case 'registration_pending':
    case 'sla_breached':
      return fromParty(subject.party);
    case 'channel_conflict':
      return fromParty(subject.newer);
    case 'partner_at_risk':
      return { region: subject.partner.region, tier: subject.partner.tier, managerEmail: subject.partner.managerEmail };
    case 'sync_conflict':
    case 'digest':
      return { region: null, tier: null, managerEmail: null };
  }
}
