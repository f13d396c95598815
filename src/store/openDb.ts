import type { Db } from './db';
import { migrate } from './migrate';
import { openPostgresDb } from './postgresDb';

/** Opens the PostgreSQL store at `url` and brings its schema up to date. */
export async function openDb(url: string): Promise<Db> {
  const db = openPostgresDb(url);
  await migrate(db);
  return db;
}
