import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/store/db';
import { openDb } from '../../src/store/openDb';
import { POSTGRES_URL } from './environment';

export type StoreKind = 'postgres' | 'pglite';
export const STORE_KINDS: StoreKind[] = ['postgres', 'pglite'];

export interface TestDatabase {
  db: Db;
  /** The connection string for Postgres databases (null for PGlite). */
  url: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file: a new database on the Postgres
 * server, or an in-memory PGlite. Files never see each other's rows or background sweeps.
 */
export async function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDb({ kind: 'pglite', dataDir: 'memory://' });
    return { db, url: null, drop: () => db.close() };
  }
  const name = `trellis_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const db = await openDb({ kind: 'postgres', url: url.toString() });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
