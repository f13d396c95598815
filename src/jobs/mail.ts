import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { ANSWER_LINK_PATH } from '../domain/detailsRequest';
import { detailsRequestMail } from '../mail/detailsRequestMail';
import { partnerSignInMail } from '../mail/partnerSignInMail';
import { MailRefused, type Mailer, type OutgoingMail } from '../mail/port';
import { PORTAL_LINK_PATH } from '../domain/partnerAccess';
import { getSignInLink, issueSignInLinkToken, markSignInLinkMailed } from '../store/partnerSignInLinks';
import { getPartnerUser } from '../store/partnerUsers';
import { getTenant } from '../store/tenants';
import { getDetailsRecipient, getDetailsRequest, markRecipientMailed, saveRecipientTokenHash } from '../store/detailsRequests';
import { getPartner } from '../store/partners';
import { getRegistration } from '../store/registrations';
import { answerToken, tokenDigest } from '../usecases/answerLinks';
import type { Deps } from '../usecases/context';
import type { QueueBackend } from './backend';
import { dispatch, enqueueAll, QUEUES, type QueueHandlers } from './catalog';
import type { OutboxSubscriber } from './outboxRelay';

export interface MailDelivery {
  deps: Deps;
  mailer: Mailer;
  publicUrl: string;
  /** Signs the links to answer (TRELLIS_SIGNING_SECRET). */
  signingSecret: string;
}

/** A mail server that refused for good parks the job with its reason; any other failure is retried. */
async function handOver(mailer: Mailer, mail: OutgoingMail): Promise<void> {
  try {
    await mailer.send(mail);
  } catch (err) {
    if (err instanceof MailRefused) throw new UnrecoverableError(err.message);
    throw err;
  }
}

/**
 * Mails a partner user their link to sign in. The token is made now, so none waits in a queue; a
 * link already mailed, used, expired or whose user was removed is not mailed (again).
 */
export async function sendPartnerSignInMail(m: MailDelivery, tenantId: string, linkId: string): Promise<'sent' | 'skipped'> {
  const { db, clock } = m.deps;
  const now = clock.now();
  const link = await getSignInLink(db, tenantId, linkId);
  if (!link) throw new UnrecoverableError(`partner sign-in link ${linkId} not found`);
  const user = await getPartnerUser(db, tenantId, link.userId);
  if (link.mailedAt || link.usedAt || link.expiresAt <= now || !user) return 'skipped';
  const [tenant, partner] = await Promise.all([getTenant(db, tenantId), getPartner(db, tenantId, user.partnerId)]);
  const token = await issueSignInLinkToken(db, tenantId, linkId);
  if (!tenant || !partner || !token) return 'skipped';
  const mail = partnerSignInMail({
    to: user.email,
    purpose: link.purpose,
    vendorName: tenant.name,
    partnerName: partner.name,
    invitedBy: user.invitedBy,
    linkUrl: `${m.publicUrl}${PORTAL_LINK_PATH}/${token}`,
    expiresAt: link.expiresAt,
    sentAt: now,
  });
  await handOver(m.mailer, mail);
  await markSignInLinkMailed(db, tenantId, linkId, clock.now());
  return 'sent';
}

/**
 * Mails one recipient their question and link. Sent at most once per recipient once it went
 * through; nothing is sent for a question already answered or a registration already decided. A mail server that refuses for good
 * parks the job with its reason; one that is down or slow is retried (the catalog's MAIL_RETRY).
 */
export async function sendDetailsRequestMail(m: MailDelivery, tenantId: string, recipientId: string): Promise<'sent' | 'skipped'> {
  const { db } = m.deps;
  const recipient = await getDetailsRecipient(db, tenantId, recipientId);
  const request = recipient && (await getDetailsRequest(db, tenantId, recipient.requestId));
  const registration = request && (await getRegistration(db, tenantId, request.registrationId));
  const partner = registration && (await getPartner(db, tenantId, registration.partnerId));
  if (!recipient || !request || !registration || !partner) throw new UnrecoverableError(`details request recipient ${recipientId} not found`);
  // Mailed already (a redelivered job), answered meanwhile, or decided meanwhile: nobody needs the question any more.
  if (recipient.mailedAt || recipient.usedAt || request.answer || registration.status !== 'pending') return 'skipped';
  const token = answerToken(m.signingSecret, recipient.id);
  await saveRecipientTokenHash(db, tenantId, recipient.id, tokenDigest(token));
  const mail = detailsRequestMail({
    to: recipient.email,
    request,
    registration,
    partner,
    answerUrl: `${m.publicUrl}${ANSWER_LINK_PATH}/${token}`,
    expiresAt: recipient.expiresAt,
  });
  await handOver(m.mailer, mail);
  await markRecipientMailed(db, tenantId, recipient.id, m.deps.clock.now());
  return 'sent';
}

export const mailHandlers = (m: MailDelivery): QueueHandlers<typeof QUEUES.mail> => ({
  detailsRequestMail: ({ tenantId, recipientId }) => sendDetailsRequestMail(m, tenantId, recipientId),
  partnerSignInMail: ({ tenantId, linkId }) => sendPartnerSignInMail(m, tenantId, linkId),
});

/** Questions asked become one mail job per recipient, links to sign in one each; the worker runs where jobs are worked. */
export function startMailJobs(backend: QueueBackend, logger: Logger, delivery: MailDelivery, options: { work: boolean }): OutboxSubscriber {
  const queue = backend.queue(QUEUES.mail);
  if (options.work) {
    const worker = backend.worker(QUEUES.mail, dispatch(mailHandlers(delivery), logger), { concurrency: 4 });
    worker.on('failed', (job, err) => err.name === 'AbortError' || logger.warn({ job: job?.name, id: job?.id, attempts: job?.attemptsMade, err: err.message }, 'mail job failed'));
    worker.on('error', (err) => logger.error({ err: err.message }, 'mail worker error'));
  }
  return {
    name: 'mail',
    accepts: (event) => event.topic === 'deal_registration.details_requested' || event.topic === 'partner_user.sign_in_link_created',
    async deliver(events) {
      const questions = events.flatMap((e) =>
        e.topic === 'deal_registration.details_requested'
          ? e.payload.recipientIds.map((recipientId) => ({ payload: { tenantId: e.tenantId, recipientId }, options: { jobId: `details-mail-${recipientId}` }, traceparent: e.traceparent }))
          : [],
      );
      const links = events.flatMap((e) =>
        e.topic === 'partner_user.sign_in_link_created'
          ? [{ payload: { tenantId: e.tenantId, linkId: e.payload.linkId }, options: { jobId: `partner-link-${e.payload.linkId}` }, traceparent: e.traceparent }]
          : [],
      );
      if (questions.length > 0) await enqueueAll(queue, 'detailsRequestMail', questions);
      if (links.length > 0) await enqueueAll(queue, 'partnerSignInMail', links);
    },
  };
}
