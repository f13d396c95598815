import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { DealRegistrationInput } from '../../../src/domain/registration';
import { openQueueBackend, type QueueBackend } from '../../../src/jobs/backend';
import { startJobs } from '../../../src/jobs/runtime';
import { createLogger } from '../../../src/logger';
import { getRegistration } from '../../../src/store/registrations';
import { approveDealRegistration } from '../../../src/usecases/decideDealRegistration';
import { submitDealRegistration } from '../../../src/usecases/submitDealRegistration';
import { createTestDatabase, type StoreKind, type TestDatabase } from '../../support/databases';
import { testDeps, tenantWithPartner } from '../../support/deps';
import { queueLocation, type QueueKind } from '../../support/queues';

// Each queue backend, over a store that differs where it can, so every pairing the product supports is exercised once.
describe.each<[QueueKind, StoreKind]>([
  ['redis', 'postgres'],
  ['postgres', 'embedded'],
  ['embedded', 'embedded'],
])('registration expiry scheduled on the %s queue backend (store: %s)', (queueKind, storeKind) => {
  let database: TestDatabase;
  let backend: QueueBackend;

  beforeAll(async () => {
    database = await createTestDatabase(storeKind);
    backend = await openQueueBackend(queueLocation(queueKind), { namespace: `t${randomBytes(4).toString('hex')}` });
  });
  afterAll(async () => {
    await backend.close();
    await database.drop();
  });

  it('expires approved registrations whose protection window ended, and only those', async () => {
    const deps = testDeps(database.db);
    const { actor, partner } = await tenantWithPartner(deps);
    const input = (name: string) =>
      DealRegistrationInput.parse({
        partnerId: partner.id,
        customer: { name },
        products: ['analytics'],
        amount: 1000,
        currency: 'USD',
        expectedCloseDate: '2026-06-30',
      });
    const old = (await submitDealRegistration(deps, actor, input('Old Customer'))).registration;
    await approveDealRegistration(deps, actor, old.id);
    deps.clock.advanceDays(60);
    const recent = (await submitDealRegistration(deps, actor, input('Recent Customer'))).registration;
    await approveDealRegistration(deps, actor, recent.id);
    const pending = (await submitDealRegistration(deps, actor, input('Pending Customer'))).registration;
    deps.clock.advanceDays(31); // 91 days after the first approval, 31 after the second

    const { worker } = await startJobs(backend, deps, createLogger('silent'), new Registry(), { expiryIntervalMs: 1000, tierIntervalMs: 3_600_000 });
    const deadline = Date.now() + 20_000;
    while ((await getRegistration(deps.db, actor.tenantId, old.id))!.status !== 'expired' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    await worker.close();

    expect((await getRegistration(deps.db, actor.tenantId, old.id))!).toMatchObject({ status: 'expired', closedAt: deps.clock.now() });
    expect((await getRegistration(deps.db, actor.tenantId, recent.id))!.status).toBe('approved');
    expect((await getRegistration(deps.db, actor.tenantId, pending.id))!.status).toBe('pending');
    const events = await deps.db.query<{ topic: string }>("SELECT topic FROM outbox WHERE aggregate_id = $1 AND topic = 'deal_registration.expired'", [old.id]);
    expect(events.rows).toHaveLength(1);
    const audit = await deps.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE entity_id = $1 AND action = 'deal_registration.expired'", [old.id]);
    expect(audit.rows).toEqual([{ actor: 'system' }]);
  });

  it('registers the scheduler once, however many processes start', async () => {
    const deps = testDeps(database.db);
    const a = await startJobs(backend, deps, createLogger('silent'), new Registry(), { expiryIntervalMs: 60_000, tierIntervalMs: 3_600_000 });
    const b = await startJobs(backend, deps, createLogger('silent'), new Registry(), { expiryIntervalMs: 60_000, tierIntervalMs: 3_600_000 });
    const schedulers = await a.maintenance.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['expire-registrations', 'recalculate-tiers', 'rotate-secrets']);
    await Promise.all([a.worker.close(), b.worker.close()]);
  });
});
