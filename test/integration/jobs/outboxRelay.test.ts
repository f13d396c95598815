import pino from 'pino';
import type { DomainEvent } from '../../../src/domain/events';
import { startOutboxRelay, type OutboxSubscriber } from '../../../src/jobs/outboxRelay';
import { createLogger } from '../../../src/logger';
import { appendOutboxEvent } from '../../../src/store/outbox';
import { createTenant } from '../../../src/usecases/tenants';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../../support/databases';

const logger = createLogger('silent');

function recorder(name: string, prefix: string, failTimes = 0): OutboxSubscriber & { seen: DomainEvent[] } {
  let failures = failTimes;
  const seen: DomainEvent[] = [];
  return {
    name,
    seen,
    accepts: (event) => event.topic.startsWith(prefix),
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

  const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  type Topic = 'partner.created' | 'partner.updated' | 'deal_registration.submitted' | 'channel_conflict.detected';
  const publish = async (topics: Topic[]) => {
    for (const [i, topic] of topics.entries()) {
      const id = idOf(i);
      if (topic === 'partner.created') await appendOutboxEvent(database.db, tenantId, topic, id, { partnerId: id, origin: 'trellis' });
      if (topic === 'partner.updated') await appendOutboxEvent(database.db, tenantId, topic, id, { partnerId: id, fields: ['name'], origin: 'hubspot' });
      if (topic === 'deal_registration.submitted') await appendOutboxEvent(database.db, tenantId, topic, id, { registrationId: id, partnerId: id, origin: 'trellis' });
      if (topic === 'channel_conflict.detected') {
        await appendOutboxEvent(database.db, tenantId, topic, id, { conflictId: id, registrationId: id, conflictingRegistrationId: id, kind: 'duplicate', origin: 'trellis' });
      }
    }
  };
  const unpublished = async () => Number((await database.db.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).rows[0]!.n);

  it('delivers each subscriber its topics in commit order and marks them published', async () => {
    await publish(['partner.created', 'deal_registration.submitted', 'partner.updated', 'channel_conflict.detected']);
    const partners = recorder('sync', 'partner.');
    const conflicts = recorder('alerts', 'channel_conflict.');
    const relay = startOutboxRelay(database.db, [partners, conflicts], logger, { autoStart: false });
    expect(await relay.relayOnce()).toBe(4);
    expect(partners.seen.map((e) => [e.topic, e.aggregateId, e.payload.origin])).toEqual([
      ['partner.created', idOf(0), 'trellis'],
      ['partner.updated', idOf(2), 'hubspot'],
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
      accepts: (event) => event.topic === 'partner.created',
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
    await publish(Array.from({ length: 200 }, () => 'partner.created' as const));
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

  it('skips and logs an event the catalog cannot read, and relays the events around it', async () => {
    await publish(['partner.created']);
    const insert = (topic: string, payload: unknown) =>
      database.db.query('INSERT INTO outbox (tenant_id, topic, aggregate_id, payload) VALUES ($1, $2, $3, $4::jsonb)', [tenantId, topic, idOf(7), JSON.stringify(payload)]);
    await insert('partner.renamed', { partnerId: idOf(7), origin: 'trellis' });
    await insert('partner.updated', { partnerId: 'not an id', origin: 'trellis' });
    await publish(['partner.created']);
    const lines: { msg: string; topic: string; reason: string }[] = [];
    const logs = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const partners = recorder('sync', 'partner.');
    const relay = startOutboxRelay(database.db, [partners], logs, { autoStart: false });
    expect(await relay.relayOnce()).toBe(4);
    expect(partners.seen.map((e) => e.topic)).toEqual(['partner.created', 'partner.created']);
    expect(await unpublished()).toBe(0);
    expect(lines.map((l) => [l.topic, l.reason.split(':')[0]])).toEqual([
      ['partner.renamed', 'unknown topic partner.renamed'],
      ['partner.updated', 'partner.updated'],
    ]);
  });

  it('reads an event stored before every event named its origin as made in Trellis', async () => {
    await database.db.query('INSERT INTO outbox (tenant_id, topic, aggregate_id, payload) VALUES ($1, $2, $3, $4::jsonb)', [
      tenantId,
      'partner.created',
      idOf(8),
      JSON.stringify({ partnerId: idOf(8) }),
    ]);
    const partners = recorder('sync', 'partner.');
    await startOutboxRelay(database.db, [partners], logger, { autoStart: false }).relayOnce();
    expect(partners.seen.map((e) => e.payload.origin)).toEqual(['trellis']);
  });
});
