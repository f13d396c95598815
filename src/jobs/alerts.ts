import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { AlertSettings } from '../config';
import { syncAlertMessage, type AlertDelivery, type CrmRecordUrl } from '../alerts/delivery';
import { postDetailsAnswer } from '../alerts/detailsReply';
import { applyEventToAlerts, raisesOrSettlesAlerts } from '../alerts/events';
import { readEvent } from '../domain/events';
import { getOutboxEvent } from '../store/outbox';
import type { Deps } from '../usecases/context';
import { evaluatePartnerHealth } from '../usecases/evaluatePartnerHealth';
import { flagOverdueApprovals } from '../usecases/flagOverdueApprovals';
import type { QueueBackend } from './backend';
import { dispatch, enqueue, enqueueAll, schedule, QUEUES, type QueueHandlers } from './catalog';
import type { OutboxSubscriber } from './outboxRelay';

export interface AlertJobOptions {
  settings: AlertSettings;
  slackApiUrl: string;
  publicUrl: string;
  crmRecordUrl?: CrmRecordUrl;
  /** Alert jobs run in parallel across channels; one channel is still paced. */
  concurrency?: number;
  /** Whether this process works the alert jobs and runs their schedulers (a web process only enqueues). */
  work?: boolean;
}

/**
 * Slack refusing a message for good (channel gone, bot removed, blocks invalid) will not change
 * on retry: the job is parked in the failed set with Slack's reason instead.
 */
function parkPermanentSlackErrors(err: unknown): never {
  const e = err as WebAPIPlatformError;
  if (e?.code === ErrorCode.PlatformError) throw new UnrecoverableError(`Slack refused the call: ${e.data?.error ?? e.message}`);
  throw err;
}

export function alertHandlers(delivery: AlertDelivery): QueueHandlers<typeof QUEUES.alerts> {
  const { deps, settings, requestSync } = delivery;
  return {
    alertEvent: async ({ tenantId, eventId }) => {
      const stored = await getOutboxEvent(deps.db, tenantId, eventId);
      if (!stored) throw new UnrecoverableError(`outbox event ${eventId} not found`);
      const read = readEvent(stored);
      if (!read.ok) throw new UnrecoverableError(`outbox event ${eventId} does not fit the event catalog: ${read.reason}`);
      const alertIds = await deps.db.transaction((tx) => applyEventToAlerts(tx, read.event, deps.clock.now(), settings));
      for (const alertId of alertIds) await requestSync(tenantId, alertId);
      return { alerts: alertIds.length };
    },
    alertSync: ({ tenantId, alertId }, _job, signal) => syncAlertMessage(delivery, tenantId, alertId, signal).catch(parkPermanentSlackErrors),
    detailsAnswerReply: ({ tenantId, requestId }) => postDetailsAnswer(delivery, tenantId, requestId).catch(parkPermanentSlackErrors),
    evaluatePartnerHealth: () => evaluatePartnerHealth(deps),
    flagOverdueApprovals: async () => ({ flagged: await flagOverdueApprovals(deps) }),
  };
}

/**
 * The alerts pipeline: the outbox subscriber turns domain events into `alert-event` jobs; those
 * raise or settle alerts and ask for `alert-sync` jobs, which post or redraw the Slack message.
 * Schedulers evaluate partner health and approval SLAs.
 */
export async function startAlertJobs(backend: QueueBackend, deps: Deps, logger: Logger, options: AlertJobOptions) {
  const queue = backend.queue(QUEUES.alerts);
  const requestSync = async (tenantId: string, alertId: string, delayMs = 0) => {
    await enqueue(queue, 'alertSync', { tenantId, alertId }, {
      delay: delayMs,
      deduplication: { id: `sync-${alertId}`, keepLastIfActive: true },
    });
  };
  const delivery: AlertDelivery = {
    deps,
    settings: options.settings,
    slackApiUrl: options.slackApiUrl,
    publicUrl: options.publicUrl,
    logger,
    crmRecordUrl: options.crmRecordUrl ?? (async () => null),
    requestSync,
  };

  const subscriber: OutboxSubscriber = {
    name: 'alerts',
    accepts: (event) => raisesOrSettlesAlerts(event) || event.topic === 'deal_registration.details_answered',
    async deliver(events) {
      const answers = events.flatMap((e) => (e.topic === 'deal_registration.details_answered' ? [e] : []));
      await enqueueAll(
        queue,
        'alertEvent',
        events.filter(raisesOrSettlesAlerts).map((e) => ({ payload: { tenantId: e.tenantId, eventId: e.id }, options: { jobId: `event-${e.id}` }, traceparent: e.traceparent })),
      );
      await enqueueAll(
        queue,
        'detailsAnswerReply',
        answers.map((e) => ({ payload: { tenantId: e.tenantId, requestId: e.payload.requestId }, options: { jobId: `details-answer-${e.payload.requestId}` }, traceparent: e.traceparent })),
      );
    },
  };

  if (options.work !== false) {
    const worker = backend.worker(QUEUES.alerts, dispatch(alertHandlers(delivery), logger), { concurrency: options.concurrency ?? 8 });
    // A job cancelled because Trellis is stopping is no failure worth a word: it runs again at the next start.
    worker.on('failed', (job, err) => err.name === 'AbortError' || logger.warn({ job: job?.name, id: job?.id, attempts: job?.attemptsMade, err: err.message }, 'alert job failed'));
    worker.on('error', (err) => logger.error({ err: err.message }, 'alert worker error'));
    await schedule(queue, 'evaluatePartnerHealth', options.settings.healthIntervalMs);
    await schedule(queue, 'flagOverdueApprovals', options.settings.slaIntervalMs);
  }
  return { queue, subscriber, delivery, requestSync };
}
