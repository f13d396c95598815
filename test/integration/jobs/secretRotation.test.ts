import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { fixedClock } from '../../../src/domain/clock';
import { openQueueBackend, type QueueBackend } from '../../../src/jobs/backend';
import { startJobs } from '../../../src/jobs/runtime';
import { createLogger } from '../../../src/logger';
import { getCrmConnection, saveCrmConnection } from '../../../src/store/connections';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../../../src/security/secrets';
import { rotationPending } from '../../../src/usecases/rotateSecrets';
import { createTenant } from '../../../src/usecases/tenants';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { queueLocation } from '../../support/queues';

describe('secret rotation as a maintenance job', () => {
  let database: TestDatabase;
  let backend: QueueBackend;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    backend = await openQueueBackend(queueLocation('redis'), { namespace: `t${randomBytes(4).toString('hex')}` });
  });
  afterAll(async () => {
    await backend.close();
    await database.drop();
  });

  it('rotates at a restart with a new active key, not a day later', async () => {
    const k1 = generateKeyringSpec('k1');
    const k2 = generateKeyringSpec('k2');
    const db = database.db;
    const { tenant } = await createTenant({ db }, 'Vendor');
    await saveCrmConnection(db, createKeyring(parseKeyring(k1)), tenant.id, 'hubspot', { externalAccountId: '123', scopes: [], accessToken: 'hs-access', refreshToken: 'hs-refresh' });

    const clock = fixedClock('2026-03-02T09:00:00Z');
    const start = (keyring: string) =>
      startJobs(backend, { db, clock, keyring: createKeyring(parseKeyring(keyring)) }, createLogger('silent'), new Registry(), { expiryIntervalMs: 3_600_000, tierIntervalMs: 3_600_000 });
    // An earlier process on k1 registered the daily scheduler and ran its first pass.
    const earlier = await start(k1);
    await new Promise<void>((resolve) => earlier.worker.on('completed', (job) => job.name === 'rotate-secrets' && resolve()));
    await earlier.worker.close();

    const deps = { db, clock, keyring: createKeyring(parseKeyring(`${k2},${k1}`)) };
    const { worker } = await start(`${k2},${k1}`);
    const deadline = Date.now() + 20_000;
    while ((await rotationPending(deps)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await worker.close();

    expect(await rotationPending(deps)).toBe(false);
    const underK2Alone = (await getCrmConnection(db, createKeyring(parseKeyring(k2)), tenant.id, 'hubspot'))!;
    expect([underK2Alone.accessToken, underK2Alone.refreshToken]).toEqual(['hs-access', 'hs-refresh']);
  });
});
