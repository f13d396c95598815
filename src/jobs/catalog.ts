import { UnrecoverableError, type Job, type JobsOptions, type Processor, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CRMS } from '../domain/crm';
import { activeTraceparent, inSpan } from '../telemetry/spans';

/**
 * Every queue and job Trellis runs, in one place: what a job carries, how it is retried, and the
 * scheduler that runs it when it is scheduled. Payloads carry ids only — never personal data or
 * tokens, because job data is stored in clear text. Beside the payload a job carries the W3C
 * `traceparent` of the work that enqueued it, when that was traced, so its run joins the trace.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  alerts: 'alerts',
  mail: 'mail',
  crmDeals: 'crm-deals',
  syncMaintenance: 'sync-maintenance',
  /** One queue per tenant and CRM (see syncQueueName), so a 429 from one portal pauses only that tenant's sync. */
  sync: 'sync.<tenant>.<crm>',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const Nothing = z.object({});
const Connection = z.object({
  tenantId: z.guid(),
  crm: z.enum(CRMS),
});

const SCHEDULED = { removeOnComplete: 100, removeOnFail: 500 };
const ALERT_RETRY = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: 1000,
} satisfies JobsOptions;

/** A mail server down or slow is waited out for about half an hour before the mail is parked in the failed set. */
const MAIL_RETRY = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.3 },
  removeOnComplete: true,
  removeOnFail: 1000,
} satisfies JobsOptions;

interface JobDefinition {
  queue: QueueName;
  name: string;
  payload: z.ZodType;
  options: JobsOptions;
  schedulerId?: string;
}

export const JOBS = {
  expireRegistrations: {
    queue: QUEUES.maintenance,
    name: 'expire-registrations',
    payload: Nothing,
    options: SCHEDULED,
    schedulerId: 'expire-registrations',
  },
  /** Every stored secret rewritten under the active encryption key: daily, and at a start that finds some that are not. */
  rotateSecrets: {
    queue: QUEUES.maintenance,
    name: 'rotate-secrets',
    payload: Nothing,
    options: SCHEDULED,
    schedulerId: 'rotate-secrets',
  },
  /** Every tenant's tier rules applied to its partners. */
  recalculateTiers: {
    queue: QUEUES.maintenance,
    name: 'recalculate-tiers',
    payload: Nothing,
    options: SCHEDULED,
    schedulerId: 'recalculate-tiers',
  },
  /** One domain event applied to the alerts; job id `event-<outbox id>`. */
  alertEvent: {
    queue: QUEUES.alerts,
    name: 'alert-event',
    payload: z.object({ tenantId: z.guid(), eventId: z.string() }),
    options: ALERT_RETRY,
  },
  /** Post or redraw one alert's Slack message; deduplicated per alert, so one alert never posts in parallel. */
  alertSync: {
    queue: QUEUES.alerts,
    name: 'alert-sync',
    payload: z.object({ tenantId: z.guid(), alertId: z.guid() }),
    options: ALERT_RETRY,
  },
  /** The answer to an "Ask for details" question, posted in the Slack thread of the alert that asked; job id `details-answer-<request id>`. */
  detailsAnswerReply: {
    queue: QUEUES.alerts,
    name: 'details-answer-reply',
    payload: z.object({ tenantId: z.guid(), requestId: z.guid() }),
    options: ALERT_RETRY,
  },
  /** A question mailed to one recipient with their link to answer; job id `details-mail-<recipient id>`, so one mail per recipient. */
  detailsRequestMail: {
    queue: QUEUES.mail,
    name: 'details-request-mail',
    payload: z.object({ tenantId: z.guid(), recipientId: z.guid() }),
    options: MAIL_RETRY,
  },
  /** A link for a partner user to sign in with (an invitation, or one they asked for); job id `partner-link-<link id>`. */
  partnerSignInMail: {
    queue: QUEUES.mail,
    name: 'partner-sign-in-mail',
    payload: z.object({ tenantId: z.guid(), linkId: z.guid() }),
    options: MAIL_RETRY,
  },
  evaluatePartnerHealth: {
    queue: QUEUES.alerts,
    name: 'evaluate-partner-health',
    payload: Nothing,
    options: SCHEDULED,
    schedulerId: 'evaluate-partner-health',
  },
  flagOverdueApprovals: {
    queue: QUEUES.alerts,
    name: 'flag-overdue-approvals',
    payload: Nothing,
    options: SCHEDULED,
    schedulerId: 'flag-overdue-approvals',
  },
  /** Reads deals changed in each connected CRM since its watermark; kept apart from the partner sync queues. */
  sweepCrmDeals: {
    queue: QUEUES.crmDeals,
    name: 'sweep-crm-deals',
    payload: Nothing,
    options: { removeOnComplete: 100, removeOnFail: 100 },
    schedulerId: 'sweep-crm-deals',
  },
  /** Wakes every connection with records due: repairs wake-ups lost between storing and enqueueing. */
  syncSweep: {
    queue: QUEUES.syncMaintenance,
    name: 'sync-sweep',
    payload: Nothing,
    options: { removeOnComplete: 10, removeOnFail: 100 },
    schedulerId: 'sync-sweep',
  },
  /** One connection compared with the CRM's last-modified stamps; scheduled per connection (`reconcile.<tenant>.<crm>`), and run at once when changes were missed. */
  syncReconcile: {
    queue: QUEUES.syncMaintenance,
    name: 'sync-reconcile',
    payload: Connection,
    options: { removeOnComplete: 100, removeOnFail: 100 },
  },
  /** A new connection's first full pass; job id `backfill.<tenant>.<crm>`, so a reconnect does not start a second one. */
  syncBackfill: {
    queue: QUEUES.syncMaintenance,
    name: 'sync-backfill',
    payload: Connection,
    options: {
      removeOnComplete: true,
      removeOnFail: 100,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
    },
  },
  /** A connection's waiting records written to its CRM, batch by batch; one waiting and one running per queue. */
  syncDue: {
    queue: QUEUES.sync,
    name: 'sync-due',
    payload: Connection,
    options: {
      deduplication: { id: 'due', keepLastIfActive: true },
      attempts: 8,
      backoff: { type: 'exponential', delay: 500, jitter: 0.5 },
      removeOnComplete: true,
      removeOnFail: 100,
    },
  },
} as const satisfies Record<string, JobDefinition>;

type Jobs = typeof JOBS;
export type JobKey = keyof Jobs;
export type JobPayload<K extends JobKey> = z.output<Jobs[K]['payload']>;
/** The jobs one queue runs. */
export type JobsOf<Q extends QueueName> = {
  [K in JobKey]: Jobs[K]['queue'] extends Q ? K : never;
}[JobKey];

/** A job's data: its payload, and the trace it continues (the catalog's payload schemas drop the latter on reading). */
const jobData = (payload: object, traceparent: string | undefined) => (traceparent ? { ...payload, traceparent } : payload);

/**
 * Adds one job with its catalog settings; `options` adds what only the caller knows (a delay, a job
 * id). A job coalesced with one already waiting (a deduplication id) keeps that one's trace.
 */
export async function enqueue<K extends JobKey>(queue: Queue, job: K, payload: JobPayload<K>, options: JobsOptions = {}): Promise<void> {
  await queue.add(JOBS[job].name, jobData(payload, activeTraceparent()), {
    ...JOBS[job].options,
    ...options,
  });
}

/** Adds several jobs of one kind in one round trip; each continues its own `traceparent` when given (jobs for events of several traces), else the active trace. */
export async function enqueueAll<K extends JobKey>(
  queue: Queue,
  job: K,
  jobs: readonly { payload: JobPayload<K>; options?: JobsOptions; traceparent?: string | undefined }[],
): Promise<void> {
  const active = activeTraceparent();
  await queue.addBulk(
    jobs.map((j) => ({
      name: JOBS[job].name,
      data: jobData(j.payload, j.traceparent ?? active),
      opts: { ...JOBS[job].options, ...j.options },
    })),
  );
}

/** Runs a job every `every` ms under its scheduler id (one per connection for jobs scheduled per connection). */
export async function schedule<K extends JobKey>(
  queue: Queue,
  job: K,
  every: number,
  options: { schedulerId?: string; payload?: JobPayload<K> } = {},
): Promise<void> {
  const def: JobDefinition = JOBS[job];
  const schedulerId = options.schedulerId ?? def.schedulerId;
  if (!schedulerId) throw new Error(`job ${def.name} has no scheduler`);
  await queue.upsertJobScheduler(schedulerId, { every }, { name: def.name, data: options.payload ?? {}, opts: def.options });
}

export type JobHandler<K extends JobKey> = (payload: JobPayload<K>, job: Job, signal?: AbortSignal) => Promise<unknown>;
/** A handler for every job of a queue, and for nothing else. */
export type QueueHandlers<Q extends QueueName> = {
  [K in JobsOf<Q>]: JobHandler<K>;
};

const byName = new Map<string, JobKey>(Object.entries(JOBS).map(([key, def]) => [def.name, key as JobKey]));

/** Where the job was enqueued from, when that was traced. */
const producerOf = (job: Job): string | undefined => {
  const traceparent: unknown = job.data?.traceparent;
  return typeof traceparent === 'string' ? traceparent : undefined;
};

/**
 * The processor of a queue's worker: finds the job's handler and gives it the payload read against
 * the catalog. A job nobody handles, or whose payload does not fit, fails at once without retry
 * (a retry would fail the same way) and is logged; the worker goes on with the next job.
 * Each run is a `job.<name>` span, a child of the work that enqueued the job.
 */
export function dispatch<Q extends QueueName>(handlers: QueueHandlers<Q>, logger: Logger): Processor {
  const table = handlers as unknown as Partial<Record<JobKey, JobHandler<JobKey>>>;
  const run: Processor = async (job, _token, signal) => {
    const key = byName.get(job.name);
    const handler = key && table[key];
    if (!key || !handler) {
      logger.error({ job: job.name, id: job.id, queue: job.queueName }, 'job has no handler');
      throw new UnrecoverableError(`no handler for job ${job.name}`);
    }
    const payload = JOBS[key].payload.safeParse(job.data ?? {});
    if (!payload.success) {
      logger.error(
        {
          job: job.name,
          id: job.id,
          queue: job.queueName,
          reason: z.prettifyError(payload.error),
        },
        'job payload does not fit the job catalog',
      );
      throw new UnrecoverableError(`job ${job.name} has a malformed payload: ${z.prettifyError(payload.error)}`);
    }
    return handler(payload.data as never, job, signal);
  };
  return (job, token, signal) => {
    const tenantId: unknown = job.data?.tenantId;
    const attributes = {
      'messaging.system': 'bullmq',
      'messaging.operation.type': 'process',
      'messaging.destination.name': job.queueName,
      'messaging.message.id': job.id ?? '',
      'trellis.job.attempt': job.attemptsMade + 1,
      ...(typeof tenantId === 'string' ? { 'trellis.tenant_id': tenantId } : {}),
    };
    return inSpan(`job.${job.name}`, { kind: 'consumer', parent: producerOf(job), attributes }, () => run(job, token, signal));
  };
}
