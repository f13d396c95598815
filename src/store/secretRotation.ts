import type { Queryable } from './db';
import type { SecretColumn } from './secretColumns';

/** One stored ciphertext and the row key it is bound to, in the order of `secret.rowKey`. */
export interface StoredCiphertext {
  key: string[];
  ciphertext: string;
}

/*
 * Table and column names come from SECRET_COLUMNS, never from input, so they are written into the
 * statements; the row key's columns are aliased k0, k1… so one statement shape serves every table.
 */
const keyColumns = (secret: SecretColumn) => secret.rowKey.map((k) => k.name).join(', ');

/**
 * The next batch of a column's ciphertexts that do not start with `currentPrefix`, after the row
 * key `after` (keyset order, so a row that cannot be rewritten is passed once, not read forever).
 */
export async function listCiphertextsToRotate(
  q: Queryable,
  secret: SecretColumn,
  currentPrefix: string,
  after: string[] | null,
  limit: number,
): Promise<StoredCiphertext[]> {
  const selectKey = secret.rowKey.map((k, i) => `${k.name}::text AS k${i}`).join(', ');
  const afterKey = secret.rowKey.map((k, i) => `$${i + 3}::${k.type}`).join(', ');
  const { rows } = await q.query<Record<string, string>>(
    `SELECT ${selectKey}, ${secret.column} AS ciphertext FROM ${secret.table}
     WHERE ${secret.column} IS NOT NULL AND NOT starts_with(${secret.column}, $1)
       ${after ? `AND (${keyColumns(secret)}) > (${afterKey})` : ''}
     ORDER BY ${keyColumns(secret)} LIMIT $2`,
    [currentPrefix, limit, ...(after ?? [])],
  );
  return rows.map((r) => ({ key: secret.rowKey.map((_, i) => r[`k${i}`]!), ciphertext: r.ciphertext! }));
}

/**
 * Writes each replacement only where the row still holds the ciphertext it was made from
 * (compare-and-set): a token refreshed meanwhile is newer than the rewrite and stays.
 * Returns how many rows were rewritten.
 */
export async function replaceCiphertexts(q: Queryable, secret: SecretColumn, replacements: { from: StoredCiphertext; to: string }[]): Promise<number> {
  if (replacements.length === 0) return 0;
  const n = secret.rowKey.length;
  const arrays = secret.rowKey.map((k, i) => `$${i + 1}::${k.type}[]`);
  const aliases = secret.rowKey.map((_, i) => `k${i}`);
  const matchKey = secret.rowKey.map((k, i) => `t.${k.name} = v.k${i}`).join(' AND ');
  const { rowCount } = await q.query(
    `UPDATE ${secret.table} AS t SET ${secret.column} = v.replacement
     FROM unnest(${arrays.join(', ')}, $${n + 1}::text[], $${n + 2}::text[]) AS v(${aliases.join(', ')}, original, replacement)
     WHERE ${matchKey} AND t.${secret.column} = v.original`,
    [
      ...secret.rowKey.map((_, i) => replacements.map((r) => r.from.key[i])),
      replacements.map((r) => r.from.ciphertext),
      replacements.map((r) => r.to),
    ],
  );
  return rowCount;
}

/** How many of a column's ciphertexts each key id and format version holds. */
export async function tallyCiphertexts(q: Queryable, secret: SecretColumn): Promise<{ version: string; keyId: string; count: number }[]> {
  const { rows } = await q.query<{ version: string; key_id: string; count: number }>(
    `SELECT split_part(${secret.column}, '.', 1) AS version, split_part(${secret.column}, '.', 2) AS key_id, count(*)::int AS count
     FROM ${secret.table} WHERE ${secret.column} IS NOT NULL GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ version: r.version, keyId: r.key_id, count: r.count }));
}
