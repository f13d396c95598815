/**
 * A sync worker process for the chaos run: joins a test world through the environment and
 * works its queues until it is killed (the run kills it with SIGKILL on purpose).
 */
import { systemClock } from '../../../../src/domain/clock';
import { openQueueBackend } from '../../../../src/jobs/backend';
import { createLogger } from '../../../../src/logger';
import { openDb } from '../../../../src/store/openDb';
import { createKeyring, parseKeyring } from '../../../../src/security/secrets';
import { startSync } from '../../../../src/sync/service';
import { HUBSPOT_APP, SALESFORCE_APP } from '../world';

async function main() {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const db = await openDb(env('SYNC_DATABASE_URL'));
  const backend = await openQueueBackend({ kind: 'redis', url: env('SYNC_REDIS_URL') }, { namespace: env('SYNC_NAMESPACE') });
  await startSync({
    backend,
    deps: { db, clock: systemClock, keyring: createKeyring(parseKeyring(env('SYNC_KEYRING'))) },
    logger: createLogger('silent'),
    settings: {
      crmApps: {
        hubspot: { apiUrl: env('SYNC_HUBSPOT_URL'), ...HUBSPOT_APP },
        salesforce: { loginUrl: env('SYNC_SALESFORCE_URL'), ...SALESFORCE_APP, dailyBudget: 1_000_000 },
      },
      sweepIntervalMs: 250,
      reconcileIntervalMs: 3_600_000,
      redisUrl: env('SYNC_REDIS_URL'),
      work: true,
    },
  });
  process.stdout.write('ready\n');
}

void main();
