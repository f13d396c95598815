import type { Db, Queryable } from '../db';

/**
 * Runs analytics queries in one read-only transaction with room to hash and sort in memory:
 * they aggregate whole tables of deals and touchpoints, which spill to disk at the default work_mem.
 */
export function analyticsSession<T>(db: Db, work: (q: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    await tx.query("SET LOCAL work_mem = '64MB'");
    return work(tx);
  });
}
