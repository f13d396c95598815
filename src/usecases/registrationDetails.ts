import { randomUUID } from 'node:crypto';
import { ANSWER_LINK_DAYS, DetailsAnswer, DetailsQuestion, submitterEmailOf, type DetailsRequest, type RecipientRole } from '../domain/detailsRequest';
import { partnerCan } from '../domain/partnerAccess';
import { listPartnerUsers } from '../store/partnerUsers';
import type { DealRegistration } from '../domain/registration';
import type { Partner } from '../domain/partner';
import { findAlert } from '../store/alerts';
import { getConflict } from '../store/conflicts';
import type { Queryable } from '../store/db';
import {
  getDetailsRequest,
  insertDetailsRequest,
  latestDetailsRequests,
  lockRecipientByTokenHash,
  markRecipientUsed,
  registrationSubmitter,
  saveDetailsAnswer,
} from '../store/detailsRequests';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { getPartner } from '../store/partners';
import { getRegistration } from '../store/registrations';
import { isSignedAnswerToken, tokenDigest } from './answerLinks';
import { requirePermissionFor } from './authorize';
import type { Actor, Deps } from './context';
import { conflictError, notFound, validationError } from './errors';

export interface DetailsQuestionInput {
  registrationIds: string[];
  /** The alert asked from: the answer is posted in its Slack thread. */
  alertId: string | null;
  question: string;
  /** The asker as the recipients read it ("Ingrid Larsen"). */
  askerName: string;
  /** Whether mail can go out; without it the question is recorded and shown in Slack only. */
  mail: boolean;
  /** The channel conflict asked about, when the question is about both sides of one. */
  conflictId?: string | undefined;
}

const DAY_MS = 86_400_000;

/** The question as typed, or a refusal at its field. */
function readQuestion(text: string): string {
  const parsed = DetailsQuestion.safeParse(text);
  if (!parsed.success) throw validationError('The question is not one', [{ path: ['question'], message: parsed.error.issues[0]!.message }]);
  return parsed.data;
}

/** Refuses, before a question is typed, someone who may not decide these registrations. */
export async function mayAskAboutRegistrations(deps: Deps, actor: Actor, registrationIds: string[]): Promise<void> {
  const partnerIds = (await Promise.all(registrationIds.map((id) => getRegistration(deps.db, actor.tenantId, id)))).flatMap((r) => (r ? [r.partnerId] : []));
  await requirePermissionFor(deps.db, actor, 'decide', partnerIds, 'ask about this registration');
}

/**
 * The registering side: whoever registered it, when the audit log names a person (an API key has no
 * mailbox), and the partner's own people who register deals in its portal.
 */
async function recipientsOf(tx: Queryable, tenantId: string, registration: DealRegistration): Promise<{ email: string; role: RecipientRole }[]> {
  const submitter = await registrationSubmitter(tx, tenantId, registration.id);
  const rep = submitter ? submitterEmailOf(submitter) : null;
  const partnerPeople = (await listPartnerUsers(tx, tenantId, registration.partnerId)).filter((u) => partnerCan(u.role, 'register_deals') && u.email !== rep);
  return [...(rep ? [{ email: rep, role: 'registering_rep' as const }] : []), ...partnerPeople.map((u) => ({ email: u.email, role: 'partner_contact' as const }))];
}

/**
 * Asks the side that registered each pending registration a question: recorded on the
 * registration, audited, and announced so that each recipient is mailed a link to answer.
 * The registrations stay pending; a decided one is refused with who decided it.
 */
export async function askForRegistrationDetails(deps: Deps, actor: Actor, input: DetailsQuestionInput): Promise<DetailsRequest[]> {
  const question = readQuestion(input.question);
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const asked: DetailsRequest[] = [];
    const registrations = await Promise.all(input.registrationIds.map((id) => getRegistration(tx, actor.tenantId, id, { forUpdate: true })));
    if (registrations.some((r) => r === null)) throw notFound('registration');
    await requirePermissionFor(tx, actor, 'decide', registrations.map((r) => r!.partnerId), 'ask about this registration');
    const pending = (registrations as DealRegistration[]).filter((r) => r.status === 'pending');
    if (pending.length === 0) {
      const decided = registrations[0]!;
      throw conflictError('illegal_transition', `this registration was already ${decided.status}${decided.decision ? ` by ${decided.decision.by}` : ''}`);
    }
    for (const registration of pending) {
      const recipients = (input.mail ? await recipientsOf(tx, actor.tenantId, registration) : []).map((r) => ({ id: randomUUID(), ...r, expiresAt: new Date(now.getTime() + ANSWER_LINK_DAYS * DAY_MS) }));
      const emails = recipients.map((r) => r.email);
      const request: DetailsRequest = {
        id: randomUUID(),
        registrationId: registration.id,
        alertId: input.alertId,
        question,
        requestedBy: actor.name,
        requestedByName: input.askerName,
        requestedAt: now,
        mailed: input.mail,
        recipients: emails,
        answer: null,
      };
      await insertDetailsRequest(tx, actor.tenantId, request, recipients);
      await recordAudit(tx, actor.tenantId, {
        actor,
        action: 'deal_registration.details_requested',
        entityType: 'deal_registration',
        entityId: registration.id,
        details: { requestId: request.id, question, emailed: emails },
      });
      await appendOutboxEvent(tx, actor.tenantId, 'deal_registration.details_requested', registration.id, {
        registrationId: registration.id,
        requestId: request.id,
        recipientIds: recipients.map((r) => r.id),
        origin: 'trellis',
      });
      asked.push(request);
    }
    if (input.conflictId) {
      await appendOutboxEvent(tx, actor.tenantId, 'channel_conflict.details_requested', input.conflictId, { conflictId: input.conflictId, requestedBy: actor.name, question, origin: 'trellis' });
    }
    return asked;
  });
}

/**
 * What a question about a channel conflict is asked of, wherever it is asked: both sides (those
 * still pending are asked), with the answer posted in the conflict's Slack thread when it has one.
 */
export async function conflictQuestionSubject(deps: Deps, actor: Actor, conflictId: string): Promise<Pick<DetailsQuestionInput, 'registrationIds' | 'alertId' | 'conflictId'>> {
  const conflict = await getConflict(deps.db, actor.tenantId, conflictId);
  if (!conflict) throw notFound('conflict');
  if (conflict.status === 'resolved') throw conflictError('conflict_already_resolved', `already resolved by ${conflict.resolvedBy ?? 'someone else'}`);
  const alert = await findAlert(deps.db, actor.tenantId, 'channel_conflict', conflictId);
  return { registrationIds: [conflict.registrationId, conflict.conflictingRegistrationId], alertId: alert?.id ?? null, conflictId };
}

/** What a link to answer leads to: the question to answer, or why it cannot be answered any more. */
interface LinkedQuestion {
  request: DetailsRequest;
  registration: DealRegistration;
  partner: Partner;
  email: string;
}
/** `saved`: this answer was just stored; `answered`: the link was spent before, or someone else answered. */
export type AnswerLink = ({ state: 'open' | 'saved' | 'answered' } & LinkedQuestion) | { state: 'expired' } | { state: 'invalid' };

/** Reads a link's token in the transaction; the recipient row stays locked until it ends. */
async function readLink(tx: Queryable, secret: string, token: string, now: Date) {
  if (!isSignedAnswerToken(secret, token)) return { link: { state: 'invalid' } as const };
  const recipient = await lockRecipientByTokenHash(tx, tokenDigest(token));
  if (!recipient) return { link: { state: 'invalid' } as const };
  const request = await getDetailsRequest(tx, recipient.tenantId, recipient.requestId, { forUpdate: true });
  const registration = request && (await getRegistration(tx, recipient.tenantId, request.registrationId));
  const partner = registration && (await getPartner(tx, recipient.tenantId, registration.partnerId));
  if (!request || !registration || !partner) return { link: { state: 'invalid' } as const };
  const known = { request, registration, partner, email: recipient.email };
  if (request.answer || recipient.usedAt) return { link: { state: 'answered', ...known } as const, recipient };
  if (recipient.expiresAt <= now) return { link: { state: 'expired' } as const, recipient };
  return { link: { state: 'open', ...known } as const, recipient };
}

/** What a link shows when opened; nothing is changed by looking. */
export async function openAnswerLink(deps: Deps, secret: string, token: string): Promise<AnswerLink> {
  return deps.db.transaction(async (tx) => (await readLink(tx, secret, token, deps.clock.now())).link);
}

/** The answer as typed, or a refusal at its field. */
function readAnswer(text: string): string {
  const parsed = DetailsAnswer.safeParse(text);
  if (!parsed.success) throw validationError('The answer is empty', [{ path: ['answer'], message: parsed.error.issues[0]!.message }]);
  return parsed.data;
}

/**
 * Keeps an answer on its question, audited and announced for the Slack thread that asked (which
 * posts it and redraws the alert): one path whether it came through a link or from a CRM card.
 */
async function recordDetailsAnswer(
  tx: Queryable,
  tenantId: string,
  request: DetailsRequest,
  answer: NonNullable<DetailsRequest['answer']>,
  actor: Actor | string,
): Promise<DetailsRequest> {
  await saveDetailsAnswer(tx, tenantId, request.id, answer);
  await recordAudit(tx, tenantId, {
    actor,
    action: 'deal_registration.details_answered',
    entityType: 'deal_registration',
    entityId: request.registrationId,
    details: { requestId: request.id },
  });
  await appendOutboxEvent(tx, tenantId, 'deal_registration.details_answered', request.registrationId, {
    registrationId: request.registrationId,
    requestId: request.id,
    origin: 'trellis',
  });
  return { ...request, answer };
}

/**
 * Stores the answer given through a link, once: the link is spent, the answer kept on the
 * registration's question and announced for the Slack thread that asked. A spent, expired or
 * forged link changes nothing and says which.
 */
export async function answerDetailsRequest(deps: Deps, secret: string, token: string, text: string): Promise<AnswerLink> {
  const answerText = readAnswer(text);
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const { link, recipient } = await readLink(tx, secret, token, now);
    if (link.state !== 'open' || !recipient) return link;
    await markRecipientUsed(tx, recipient.tenantId, recipient.id, now);
    const request = await recordDetailsAnswer(tx, recipient.tenantId, link.request, { text: answerText, by: recipient.email, at: now }, recipient.email);
    return { ...link, state: 'saved', request };
  });
}

/**
 * Answers a registration's open question from where the rep works (a CRM card), as a link would:
 * allowed for whoever submitted the registration, the person it was asked of, and for anyone who
 * may register deals for its partner. An answered question is refused with who answered it.
 */
export async function answerRegistrationDetails(deps: Deps, actor: Actor, registrationId: string, text: string): Promise<DetailsRequest> {
  const answerText = readAnswer(text);
  return deps.db.transaction(async (tx) => {
    const registration = await getRegistration(tx, actor.tenantId, registrationId);
    if (!registration) throw notFound('registration');
    const latest = (await latestDetailsRequests(tx, actor.tenantId, [registrationId])).get(registrationId);
    // Locked and read again: an answer through the link at the same moment waits, then is seen.
    const request = latest && (await getDetailsRequest(tx, actor.tenantId, latest.id, { forUpdate: true }));
    if (!request) throw notFound('question about this registration');
    const submitter = await registrationSubmitter(tx, actor.tenantId, registrationId);
    const isSubmitter = actor.principal.email !== null && submitter !== null && submitterEmailOf(submitter) === actor.principal.email.toLowerCase();
    if (!isSubmitter) await requirePermissionFor(tx, actor, 'register_deals', [registration.partnerId], 'answer questions about this registration');
    if (request.answer) throw conflictError('conflict', `this question was already answered by ${request.answer.by}`);
    const by = actor.principal.email ?? actor.name;
    return recordDetailsAnswer(tx, actor.tenantId, request, { text: answerText, by, at: deps.clock.now() }, actor);
  });
}
