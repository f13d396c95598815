import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { DEFAULT_RATE_LIMITS } from '../../../src/config/rateLimits';
import { createRateLimits, type RateLimitStore } from '../../../src/api/rateLimits';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { REDIS_URL } from '../../support/environment';

const settings = { ...DEFAULT_RATE_LIMITS, apiKeyPerMinute: 3 };

/** Two processes, each with its own limiter and its own connection, count against one limit. */
describe.each(['redis', 'postgres'] as const)('rate limits shared across processes in %s', (kind) => {
  const clients: IORedis[] = [];
  let database: TestDatabase | undefined;

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await database?.drop();
  });

  async function store(): Promise<RateLimitStore> {
    if (kind === 'redis') {
      const client = new IORedis(REDIS_URL);
      clients.push(client);
      return { kind, client };
    }
    database ??= await createTestDatabase('postgres');
    return { kind, db: database.db };
  }

  it('refuses the fourth request of a key, whichever process counts it, and not another key', async () => {
    const first = createRateLimits(await store(), settings).apiKey;
    const second = createRateLimits(await store(), settings).apiKey;
    const key = randomUUID();
    expect(await first.take(key)).toBeNull();
    expect(await second.take(key)).toBeNull();
    expect(await first.take(key)).toBeNull();
    const wait = await second.take(key);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await first.take(randomUUID())).toBeNull();
  });
});
