import { PGlite, types, type Extension, type Transaction } from '@electric-sql/pglite';
import type { Db, QueryResult } from './db';

// The contrib entry points ship CommonJS builds but only ESM type declarations, so they are required untyped.
const { btree_gin } = require('@electric-sql/pglite/contrib/btree_gin') as { btree_gin: Extension };
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };

/** Embedded Postgres for a machine with nothing installed. `dataDir` of `memory://` keeps nothing on disk. */
export async function openPgliteDb(dataDir: string): Promise<Db> {
  const db = await PGlite.create({
    dataDir,
    extensions: { pg_trgm, btree_gin },
    parsers: { [types.DATE]: (v: string) => v },
  });
  const toResult = <T>(r: { rows: unknown[]; affectedRows?: number }): QueryResult<T> => ({
    rows: r.rows as T[],
    rowCount: r.affectedRows ?? r.rows.length,
  });
  const query = async <T>(target: PGlite | Transaction, sql: string, params?: readonly unknown[]) =>
    toResult<T>(await target.query(sql, params as unknown[] | undefined));
  return {
    kind: 'pglite',
    query: (sql, params) => query(db, sql, params),
    transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => query(tx, sql, params) })),
    close: () => db.close(),
  };
}
