import type { Queryable } from './db';

/** Keyset cursors: opaque to clients, (timestamp, id) inside, stable under inserts. */
export interface CursorPosition {
  at: Date;
  id: string;
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { at: new Date(at), id };
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Fetch one row more than asked to learn whether another page exists. */
function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

/** A position in a ranking computed in memory: higher ranks first, `id` breaking ties. */
export interface RankPosition {
  rank: number;
  id: string;
}

function decodeRankCursor(cursor: string): RankPosition | null {
  const [rank, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!rank || !id || !Number.isFinite(Number(rank)) || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { rank: Number(rank), id };
}

const rankOrder = (a: RankPosition, b: RankPosition) => b.rank - a.rank || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * One page of items ranked in memory (scores computed from rules, not stored), by the same keyset
 * idea as `selectPage`: stable when items are added. Null when the cursor is not one this API issued.
 */
export function rankedPage<T>(items: readonly T[], positionOf: (item: T) => RankPosition, limit: number, cursor?: string): Page<T> | null {
  const after = cursor === undefined ? null : decodeRankCursor(cursor);
  if (cursor !== undefined && !after) return null;
  const ranked = [...items].sort((a, b) => rankOrder(positionOf(a), positionOf(b)));
  const rest = after ? ranked.filter((item) => rankOrder(positionOf(item), after) > 0) : ranked;
  return toPage(rest.slice(0, limit + 1), limit, (item) => {
    const p = positionOf(item);
    return Buffer.from(`${p.rank}|${p.id}`, 'utf8').toString('base64url');
  });
}

export interface KeysetPageQuery {
  /** `SELECT <columns> FROM <table>` */
  columns: string;
  table: string;
  /** The timestamp column the page is ordered by (newest first), with `id` breaking ties. */
  orderedBy: string;
  tenantId: string;
  /** Optional conditions as `[sql with ? for the value, value]`; an undefined value leaves the condition out. */
  filters: [string, unknown][];
  limit: number;
  cursor?: string | undefined;
}

/** One page of a tenant's rows, newest first, by keyset. Null when the cursor is not one this API issued. */
export async function selectPage<Row, T>(
  q: Queryable,
  query: KeysetPageQuery,
  toItem: (row: Row) => T,
  positionOf: (item: T) => CursorPosition,
): Promise<Page<T> | null> {
  const params: unknown[] = [query.tenantId];
  const where = ['tenant_id = $1'];
  for (const [sql, value] of query.filters) {
    if (value === undefined) continue;
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  }
  if (query.cursor) {
    const position = decodeCursor(query.cursor);
    if (!position) return null;
    params.push(position.at, position.id);
    where.push(`(${query.orderedBy}, id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(query.limit + 1);
  const { rows } = await q.query<Row>(
    `SELECT ${query.columns} FROM ${query.table} WHERE ${where.join(' AND ')}
     ORDER BY ${query.orderedBy} DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(rows.map(toItem), query.limit, (item) => encodeCursor(positionOf(item)));
}
