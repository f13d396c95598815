import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recomputeCustomerKeys } from './customerKeys';
import type { Db, Queryable } from './db';

const MIGRATIONS_DIR = join(__dirname, 'migrations');
// Any constant shared by every Trellis process; serialises concurrent start-ups.
const MIGRATION_LOCK = 7_301_446_913;

/** Data steps SQL cannot express, run in the same transaction right after the SQL file of their version. */
const CODE_STEPS: Record<string, (tx: Queryable) => Promise<void>> = {
  '0024_customer_matching': recomputeCustomerKeys,
  '0027_customer_keys_respelled': recomputeCustomerKeys,
  '0029_customer_keys_swaps_across_one': recomputeCustomerKeys,
};

/** A start told not to migrate (TRELLIS_MIGRATE=never) found the store's schema behind this version's. */
export class SchemaBehindError extends Error {}

const migrationFiles = () =>
  readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();

/** Refuses a store whose schema lacks a migration of this version, rather than running on it half-migrated. */
export async function assertMigrated(db: Db): Promise<void> {
  const table = await db.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  const { rows } = table.rows[0]?.exists ? await db.query<{ version: string }>('SELECT version FROM schema_migrations') : { rows: [] };
  const applied = new Set(rows.map((r) => r.version));
  const pending = migrationFiles().map((f) => f.replace(/\.sql$/, '')).filter((v) => !applied.has(v));
  if (pending.length > 0) {
    throw new SchemaBehindError(`The store at DATABASE_URL lacks ${pending.length} migration(s) (${pending.join(', ')}) and TRELLIS_MIGRATE=never: run npm run migrate first.`);
  }
}

/** Applies the numbered SQL files not yet applied (with their code steps), each in its own transaction, in order. */
export async function migrate(db: Db): Promise<string[]> {
  const files = migrationFiles();
  const applied: string[] = [];
  // Even the bookkeeping table is created under the lock: two first starts racing on CREATE TABLE IF NOT EXISTS collide.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
      if (done.rowCount > 0) return false;
      for (const statement of splitStatements(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'))) {
        await tx.query(statement);
      }
      await CODE_STEPS[version]?.(tx);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      return true;
    });
    if (didApply) applied.push(version);
  }
  return applied;
}

/** Migrations hold plain DDL separated by semicolons at line ends (no functions with bodies). */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
