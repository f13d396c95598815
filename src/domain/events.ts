import { z } from 'zod';
import { CONFLICT_RESOLUTIONS } from './conflicts';
import { CRMS, ENTITY_KINDS } from './crm';
import { RegistrationStatus } from './registration';
import { ROUTING_FACTORS } from './routingScore';

/**
 * Every domain event Trellis announces, topic by topic: what its payload holds. Producers are
 * checked against it when compiled, consumers parse what they read with it.
 */

const Crm = z.enum(CRMS);

/**
 * Where the change came from. The sync sends a change to every connected CRM but the one it came
 * from; a change made in Trellis (or chosen by a person settling a sync conflict) goes to all.
 * Events stored before the field existed only named a CRM when one was the origin, so a missing
 * origin reads as Trellis.
 */
const EventOrigin = z.enum(['trellis', ...CRMS]).default('trellis');

const Id = z.guid();
const event = <S extends z.ZodRawShape>(shape: S) => z.object({ origin: EventOrigin, ...shape });

const registrationDecided = event({ registrationId: Id, status: RegistrationStatus });
const referralHandedOver = event({ referralId: Id, partnerId: Id.nullable() });
const fieldsChanged = { fields: z.array(z.string()) };

export const EVENT_CATALOG = {
  'crm_connection.connected': event({ connectionId: Id, crm: Crm, externalAccountId: z.string(), reconnected: z.boolean() }),
  'crm_connection.disconnected': event({ connectionId: Id, crm: Crm, revokedAtCrm: z.boolean() }),
  'slack.installed': event({ installationId: Id, teamId: z.string() }),

  'partner.created': event({ partnerId: Id }),
  'partner.updated': event({ partnerId: Id, ...fieldsChanged }),
  'partner.at_risk': event({ partnerId: Id, score: z.number(), previousScore: z.number().nullable(), drop: z.number(), reasons: z.array(z.string()) }),
  'partner.recovered': event({ partnerId: Id, score: z.number(), previousScore: z.number() }),

  'deal_registration.submitted': event({ registrationId: Id, partnerId: Id }),
  'deal_registration.updated': event({ registrationId: Id, ...fieldsChanged }),
  'deal_registration.sla_breached': event({ registrationId: Id, pendingHours: z.number(), slaHours: z.number() }),
  'deal_registration.approved': registrationDecided,
  'deal_registration.rejected': registrationDecided,
  'deal_registration.won': registrationDecided,
  'deal_registration.lost': registrationDecided,
  'deal_registration.expired': registrationDecided,
  /** A question about a pending registration for the side that registered it; mail goes to each recipient. */
  'deal_registration.details_requested': event({ registrationId: Id, requestId: Id, recipientIds: z.array(Id) }),
  /** The registering side's answer, for the Slack thread of the alert that asked. */
  'deal_registration.details_answered': event({ registrationId: Id, requestId: Id }),

  'channel_conflict.detected': event({ conflictId: Id, registrationId: Id, conflictingRegistrationId: Id, kind: z.enum(['duplicate', 'cross_region']) }),
  'channel_conflict.resolved': event({ conflictId: Id, resolution: z.enum(CONFLICT_RESOLUTIONS) }),
  'channel_conflict.details_requested': event({ conflictId: Id, requestedBy: z.string(), question: z.string().optional() }),

  'sync_conflict.detected': event({
    conflictId: Id,
    entityKind: z.enum(ENTITY_KINDS),
    entityId: Id,
    crm: Crm,
    field: z.string(),
    trellisValue: z.unknown(),
    crmValue: z.unknown(),
    winner: z.enum(['trellis', 'crm']),
    /** The record in the CRM, when the engine that found the conflict knows it (alert messages link to it). */
    crmRecordUrl: z.url().optional(),
  }),
  'sync_conflict.resolved': event({ conflictId: Id, winner: z.enum(['trellis', 'crm']), decidedBy: z.string() }),

  'referral.assigned': event({
    referralId: Id,
    assignmentId: Id,
    partnerId: Id,
    rule: z.string().nullable(),
    score: z.number(),
    reasons: z.array(z.object({ factor: z.enum(ROUTING_FACTORS), points: z.number(), detail: z.string() })),
  }),
  'referral.accepted': referralHandedOver,
  'referral.declined': referralHandedOver,
  'referral.closed': event({ referralId: Id, partnerId: Id.nullable(), outcome: z.enum(['converted', 'lost']) }),

  'co_sell.requested': event({ engagementId: Id, partnerId: Id }),

  /** A link for a partner user to sign in with (an invitation or one they asked for), to be mailed to them. */
  'partner_user.sign_in_link_created': event({ userId: Id, linkId: Id, purpose: z.enum(['invitation', 'sign_in']) }),
} as const;

export type EventTopic = keyof typeof EVENT_CATALOG;

/** What a producer must give for a topic (origin included: every event names where its change came from). */
export type EventPayload<T extends EventTopic> = z.output<(typeof EVENT_CATALOG)[T]>;

/** An event as its consumers see it: `topic` tells the payload apart, so a switch on it narrows the payload. */
export type DomainEvent<T extends EventTopic = EventTopic> = {
  [K in T]: { id: string; tenantId: string; topic: K; aggregateId: string; payload: EventPayload<K>; createdAt: Date; traceparent?: string };
}[T];

export interface StoredEvent {
  id: string;
  tenantId: string;
  topic: string;
  aggregateId: string;
  payload: unknown;
  createdAt: Date;
  /** The W3C trace context of the change the event announces, when it was traced: consumers' work joins that trace. */
  traceparent?: string;
}

const isTopic = (topic: string): topic is EventTopic => Object.hasOwn(EVENT_CATALOG, topic);

/** Reads a stored event against the catalog; an unknown topic or a payload that does not fit is a reason, not an event. */
export function readEvent(stored: StoredEvent): { ok: true; event: DomainEvent } | { ok: false; reason: string } {
  if (!isTopic(stored.topic)) return { ok: false, reason: `unknown topic ${stored.topic}` };
  const parsed = EVENT_CATALOG[stored.topic].safeParse(stored.payload);
  if (!parsed.success) return { ok: false, reason: `${stored.topic}: ${z.prettifyError(parsed.error)}` };
  return { ok: true, event: { ...stored, topic: stored.topic, payload: parsed.data } as DomainEvent };
}
