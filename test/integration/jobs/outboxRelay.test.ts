import { startOutboxRelay, type OutboxSubscriber } from '../../../src/jobs/outboxRelay';
import { createLogger } from '../../../src/logger';
import { appendOutboxEvent, type OutboxEvent } from '../../../src/store/outbox';
import { createTenant } from '../../../src/usecases/tenants';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../../support/databases';

const logger = createLogger('silent');

function recorder(name: string, prefix: string, failTimes = 0): OutboxSubscriber & { seen: OutboxEvent[] } {
  let failures = failTimes;
  const seen: OutboxEvent[] = [];
  return {
    name,
    seen,
    accepts: (topic) => topic.startsWith(prefix),
    async deliver(events) {
      if (failures-- > 0) throw new Error('queue unavailable');
      seen.push(...events);
    },
  };
}

describe.each(STORE_KINDS)('outbox relay on %s', (kind) => {
  let database: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tenantId = (await createTenant(database, 'Vendor')).tenant.id;
  });
  afterAll(() => database.drop());

  const publish = async (topics: string[]) => {
    for (const [i, topic] of topics.entries()) {
      await appendOutboxEvent(database.db, tenantId, topic, '00000000-0000-4000-8000-00000000000' + (i % 10), { n: i });
    }
  };
  const unpublished = async () => Number((await database.db.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).rows[0]!.n);

  it('delivers each subscriber its topics in commit order and marks them published', async () => {
    await publish(['partner.created', 'deal_registration.submitted', 'partner.updated', 'channel_conflict.detected']);
    const partners = recorder('sync', 'partner.');
    const conflicts = recorder('alerts', 'channel_conflict.');
    const relay = startOutboxRelay(database.db, [partners, conflicts], logger, { autoStart: false });
    expect(await relay.relayOnce()).toBe(4);
    expect(partners.seen.map((e) => [e.topic, e.payload.n])).toEqual([
      ['partner.created', 0],
      ['partner.updated', 2],
    ]);
    expect(conflicts.seen.map((e) => e.topic)).toEqual(['channel_conflict.detected']);
    expect(await unpublished()).toBe(0);
    expect(await relay.relayOnce()).toBe(0);
  });

  it('keeps events when a subscriber fails and delivers them on the next pass (at least once)', async () => {
    await publish(['partner.created', 'partner.updated']);
    const flaky = recorder('sync', 'partner.', 1);
    const relay = startOutboxRelay(database.db, [flaky], logger, { autoStart: false });
    await expect(relay.relayOnce()).rejects.toThrow('queue unavailable');
    expect(await unpublished()).toBe(2);
    expect(await relay.relayOnce()).toBe(2);
    expect(flaky.seen).toHaveLength(2);
    expect(await unpublished()).toBe(0);
  });

  it('lets a subscriber use the relay transaction, and runs its follow-up only after the commit', async () => {
    await publish(['partner.created']);
    const seenAfterCommit: number[] = [];
    const subscriber: OutboxSubscriber = {
      name: 'sync',
      accepts: (topic) => topic === 'partner.created',
      async deliver(events, tx) {
        // On the embedded store a query on another connection here would wait for this transaction forever.
        await tx.query('SELECT count(*) FROM tenants');
        return async () => {
          seenAfterCommit.push(await unpublished());
        };
      },
    };
    const relay = startOutboxRelay(database.db, [subscriber], logger, { autoStart: false });
    expect(await relay.relayOnce()).toBe(1);
    expect(seenAfterCommit).toEqual([0]);
  });

  it('two relays running at once never hand out the same event twice', async () => {
    await publish(Array.from({ length: 200 }, (_, i) => `partner.${i}`));
    const a = recorder('a', 'partner.');
    const b = recorder('b', 'partner.');
    const relays = [startOutboxRelay(database.db, [a], logger, { intervalMs: 10, batchSize: 20 }), startOutboxRelay(database.db, [b], logger, { intervalMs: 10, batchSize: 20 })];
    const deadline = Date.now() + 15_000;
    while ((await unpublished()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await Promise.all(relays.map((r) => r.stop()));
    const ids = [...a.seen, ...b.seen].map((e) => e.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });
});
