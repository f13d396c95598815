import { claimIdempotencyKey, completeIdempotencyKey, IDEMPOTENCY_CLAIM_LEASE_SECONDS } from '../../../src/store/idempotency';
import { createTenant } from '../../../src/usecases/tenants';
import { createTestDatabase, type TestDatabase } from '../../support/databases';

describe('Idempotency-Key claims on Postgres', () => {
  let database: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    tenantId = (await createTenant({ db: database.db }, 'Northwind')).tenant.id;
  });
  afterAll(() => database.drop());

  const age = (key: string, seconds: number) =>
    database.db.query(`UPDATE idempotency_keys SET created_at = now() - make_interval(secs => $3) WHERE tenant_id = $1 AND key = $2`, [tenantId, key, seconds]);

  it('a claim whose process died before answering is taken over by a retry once its lease is over, never before', async () => {
    expect(await claimIdempotencyKey(database.db, tenantId, 'lost-1', 'hash-a')).toEqual({ state: 'claimed' });
    // The holder is still within its lease: a retry hears the request is being processed.
    await age('lost-1', IDEMPOTENCY_CLAIM_LEASE_SECONDS - 5);
    expect(await claimIdempotencyKey(database.db, tenantId, 'lost-1', 'hash-a')).toEqual({ state: 'in_progress' });
    // Past the lease, the same request takes the key over, once.
    await age('lost-1', IDEMPOTENCY_CLAIM_LEASE_SECONDS + 5);
    const retries = await Promise.all([1, 2, 3].map(() => claimIdempotencyKey(database.db, tenantId, 'lost-1', 'hash-a')));
    expect(retries.filter((c) => c.state === 'claimed')).toHaveLength(1);
    expect(retries.filter((c) => c.state === 'in_progress')).toHaveLength(2);
  });

  it('an old claim is not taken over by another request body, and an answered key only replays', async () => {
    await claimIdempotencyKey(database.db, tenantId, 'lost-2', 'hash-a');
    await age('lost-2', IDEMPOTENCY_CLAIM_LEASE_SECONDS * 10);
    expect(await claimIdempotencyKey(database.db, tenantId, 'lost-2', 'hash-b')).toEqual({ state: 'mismatch' });

    await claimIdempotencyKey(database.db, tenantId, 'done-1', 'hash-a');
    await completeIdempotencyKey(database.db, tenantId, 'done-1', 201, { id: 'r-1' });
    await age('done-1', IDEMPOTENCY_CLAIM_LEASE_SECONDS * 10);
    expect(await claimIdempotencyKey(database.db, tenantId, 'done-1', 'hash-a')).toEqual({ state: 'replay', statusCode: 201, response: { id: 'r-1' } });
  });
});
