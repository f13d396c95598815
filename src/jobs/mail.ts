import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { ANSWER_LINK_PATH } from '../domain/detailsRequest';
import { detailsRequestMail } from '../mail/detailsRequestMail';
import { MailRefused, type Mailer } from '../mail/port';
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
  try {
    await m.mailer.send(mail);
  } catch (err) {
    if (err instanceof MailRefused) throw new UnrecoverableError(err.message);
    throw err;
  }
  await markRecipientMailed(db, tenantId, recipient.id, m.deps.clock.now());
  return 'sent';
}

export const mailHandlers = (m: MailDelivery): QueueHandlers<typeof QUEUES.mail> => ({
  detailsRequestMail: ({ tenantId, recipientId }) => sendDetailsRequestMail(m, tenantId, recipientId),
});

/** Questions asked become one mail job per recipient; the worker runs where jobs are worked. */
export function startMailJobs(backend: QueueBackend, logger: Logger, delivery: MailDelivery, options: { work: boolean }): OutboxSubscriber {
  const queue = backend.queue(QUEUES.mail);
  if (options.work) {
    const worker = backend.worker(QUEUES.mail, dispatch(mailHandlers(delivery), logger), { concurrency: 4 });
    worker.on('failed', (job, err) => err.name === 'AbortError' || logger.warn({ job: job?.name, id: job?.id, attempts: job?.attemptsMade, err: err.message }, 'mail job failed'));
    worker.on('error', (err) => logger.error({ err: err.message }, 'mail worker error'));
  }
  return {
    name: 'mail',
    accepts: (event) => event.topic === 'deal_registration.details_requested',
    async deliver(events) {
      const jobs = events.flatMap((e) =>
        e.topic === 'deal_registration.details_requested'
          ? e.payload.recipientIds.map((recipientId) => ({ payload: { tenantId: e.tenantId, recipientId }, options: { jobId: `details-mail-${recipientId}` }, traceparent: e.traceparent }))
          : [],
      );
      if (jobs.length > 0) await enqueueAll(queue, 'detailsRequestMail', jobs);
    },
  };
}
