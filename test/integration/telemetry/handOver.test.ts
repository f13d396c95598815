import { randomBytes, randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { loadConfig } from '../../../src/config';
import { readEvent } from '../../../src/domain/events';
import { openQueueBackend, type QueueBackend } from '../../../src/jobs/backend';
import { QUEUES, dispatch, enqueue, type QueueHandlers } from '../../../src/jobs/catalog';
import { createLogger } from '../../../src/logger';
import { appendOutboxEvent, claimUnpublishedEvents, markPublished } from '../../../src/store/outbox';
import { inSpan } from '../../../src/telemetry/spans';
import { startTracing } from '../../../src/telemetry/tracing';
import { createTenant } from '../../../src/usecases/tenants';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { startOtlpReceiver, type OtlpReceiver } from '../../support/otlpReceiver';
import { QUEUE_KINDS, queueLocation } from '../../support/queues';

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

let receiver: OtlpReceiver;
let database: TestDatabase;
let tenantId: string;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  database = await createTestDatabase('postgres');
  tenantId = (await createTenant({ db: database.db }, 'Traced Co')).tenant.id;
});
afterAll(async () => {
  await receiver.close();
  await database.drop();
});
beforeEach(() => {
  receiver.spans.length = 0;
  receiver.bodies.length = 0;
});

/** Tracing as a start with these settings sets it up. */
const tracingWith = (env: Record<string, string>) => startTracing(loadConfig(env).traces);

describe.each(QUEUE_KINDS)('a job handed over on the %s queue', (kind) => {
  let backend: QueueBackend;
  beforeAll(async () => {
    backend = await openQueueBackend(queueLocation(kind), { namespace: `traces${randomBytes(4).toString('hex')}` });
  });
  afterAll(() => backend.close());

  /** Enqueues a reconciliation inside a `request` span and returns what its handler was given, once the job is done. */
  async function handOver() {
    let ran!: (run: { payload: unknown; data: unknown }) => void;
    const done = new Promise<{ payload: unknown; data: unknown }>((resolve) => (ran = resolve));
    const handlers: QueueHandlers<typeof QUEUES.syncMaintenance> = {
      syncSweep: async () => 0,
      syncReconcile: async (payload, job: Job) => ran({ payload, data: job.data }),
      syncBackfill: async () => undefined,
    };
    const worker = backend.worker(QUEUES.syncMaintenance, dispatch(handlers, createLogger('silent')));
    const recorded = await inSpan('request', {}, async (span) => {
      await enqueue(backend.queue(QUEUES.syncMaintenance), 'syncReconcile', { tenantId, crm: 'hubspot' });
      return span.isRecording();
    });
    const run = await done;
    // Closing waits for the job in hand, so its span has ended.
    await worker.close();
    return { recorded, ...run };
  }

  it('with no OTLP endpoint, nothing is registered: no span records, the job carries no trace context, nothing is exported', async () => {
    const tracing = tracingWith({});
    const run = await handOver();
    await tracing.shutdown();
    expect(run.recorded).toBe(false);
    expect(run.data).toEqual({ tenantId, crm: 'hubspot' });
    expect(receiver.bodies).toEqual([]);
  });

  it("with one, the job's run is a child of the span that enqueued it, exported when tracing shuts down", async () => {
    const tracing = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const run = await handOver();
    expect(run.recorded).toBe(true);
    // The handler gets the payload the catalog describes; the trace context rides beside it.
    expect(run.payload).toEqual({ tenantId, crm: 'hubspot' });
    expect(run.data).toEqual({ tenantId, crm: 'hubspot', traceparent: expect.stringMatching(TRACEPARENT) });
    // Shutting down exports what the batch still holds, without waiting for its next round.
    await tracing.shutdown();
    const request = receiver.spans.find((s) => s.name === 'request')!;
    const job = receiver.spans.find((s) => s.name === 'job.sync-reconcile')!;
    expect(job).toMatchObject({ traceId: request.traceId, parentSpanId: request.spanId, service: 'trellis' });
    expect(job.attributes).toMatchObject({ 'messaging.system': 'bullmq', 'messaging.destination.name': expect.stringMatching(/sync-maintenance$/), 'trellis.tenant_id': tenantId, 'trellis.job.attempt': 1 });
  });
});

describe('an outbox event', () => {
  /** Appends a partner change inside a `change` span and reads it back as the relay does. */
  async function appendAndClaim() {
    const partnerId = randomUUID();
    await inSpan('change', {}, () => appendOutboxEvent(database.db, tenantId, 'partner.updated', partnerId, { partnerId, fields: ['name'], origin: 'hubspot' }));
    return database.db.transaction(async (tx) => {
      const [stored] = await claimUnpublishedEvents(tx, 10);
      await markPublished(tx, [stored!.id]);
      return { stored: stored!, partnerId };
    });
  }

  it('stores nothing beyond its payload when untraced', async () => {
    const tracing = tracingWith({});
    const { stored, partnerId } = await appendAndClaim();
    await tracing.shutdown();
    expect(stored.payload).toEqual({ partnerId, fields: ['name'], origin: 'hubspot' });
    expect(stored.traceparent).toBeUndefined();
  });

  it('carries the trace of the change it announces, and its consumers read it beside the payload', async () => {
    const tracing = tracingWith({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const { stored, partnerId } = await appendAndClaim();
    await tracing.shutdown();
    const change = receiver.spans.find((s) => s.name === 'change')!;
    expect(stored.traceparent).toBe(`00-${change.traceId}-${change.spanId}-01`);
    const read = readEvent(stored);
    expect(read).toMatchObject({ ok: true, event: { traceparent: stored.traceparent, payload: { partnerId, fields: ['name'], origin: 'hubspot' } } });
    expect(read.ok && Object.keys(read.event.payload).sort()).toEqual(['fields', 'origin', 'partnerId']);
  });
});
