import type { Db } from './db';
import { assertMigrated, migrate } from './migrate';
import { openPostgresDb } from './postgresDb';

/**
 * Opens the PostgreSQL store at `url` and brings its schema up to date, or, told not to migrate
 * (migrations run as their own command), refuses a schema that is behind.
 */
export async function openDb(url: string, options: { migrate?: boolean } = {}): Promise<Db> {
  const db = openPostgresDb(url);
  try {
    await (options.migrate === false ? assertMigrated(db) : migrate(db));
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
