/**
 * `npm run migrate`: brings the schema of the store at DATABASE_URL up to date and exits, so a
 * deployment migrates once, before its web and worker processes start with TRELLIS_MIGRATE=never.
 * Safe to run again, and beside running processes: migrations are serialised under one lock.
 */
import { ConfigError, loadConfig } from './config';
import { migrate } from './store/migrate';
import { openPostgresDb } from './store/postgresDb';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.database.kind !== 'postgres') throw new ConfigError('Set DATABASE_URL to the store to migrate. The embedded store is migrated by Trellis itself when it starts.');
  const db = openPostgresDb(config.database.url, { max: 1 });
  try {
    const applied = await migrate(db);
    console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The store is up to date.');
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
});
