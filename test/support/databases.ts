import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/store/db';
import { openDb } from '../../src/store/openDb';
import { openPostgresDb } from '../../src/store/postgresDb';
import { POSTGRES_URL } from './environment';

/** The machine's PostgreSQL, and the embedded server `npm start` uses (started once per run by the global setup). */
export type StoreKind = 'postgres' | 'embedded';
export const STORE_KINDS: StoreKind[] = ['postgres', 'embedded'];

export interface TestDatabase {
  db: Db;
  /** The database's connection string. */
  url: string;
  drop(): Promise<void>;
}

/** The server of a store kind, as a connection string to its maintenance database. */
export function serverUrl(kind: StoreKind): string {
  if (kind === 'postgres') return POSTGRES_URL;
  const url = process.env.TEST_EMBEDDED_POSTGRES_URL;
  if (!url) throw new Error('the embedded PostgreSQL server is started by the jest global setup (test/support/globalSetup.cjs)');
  return url;
}

async function onServer(kind: StoreKind, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl(kind) });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database of its own for one test file on the server of `kind`:
 * files never see each other's rows or background sweeps. `migrated: false` leaves it empty,
 * for a test that migrates it the way a deployment does.
 */
export async function createTestDatabase(kind: StoreKind, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `trellis_test_${randomBytes(6).toString('hex')}`;
  await onServer(kind, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl(kind));
  url.pathname = `/${name}`;
  const db = options.migrated === false ? openPostgresDb(url.toString()) : await openDb(url.toString());
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await onServer(kind, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
