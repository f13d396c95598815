import { mkdirSync } from 'node:fs';
import type { Config } from '../config';
import type { Db } from './db';
import { migrate } from './migrate';
import { openPgliteDb } from './pgliteDb';
import { openPostgresDb } from './postgresDb';

/** Opens the configured store and brings its schema up to date. */
export async function openDb(database: Config['database']): Promise<Db> {
  let db: Db;
  if (database.kind === 'postgres') {
    db = openPostgresDb(database.url);
  } else {
    if (!database.dataDir.startsWith('memory://')) mkdirSync(database.dataDir, { recursive: true });
    db = await openPgliteDb(database.dataDir);
  }
  await migrate(db);
  return db;
}
