import { Router, type Request, type Response } from 'express';
import { sessionOf } from './auth';
import type { EmulatorContext } from './context';
import { SalesforceError } from './errors';
import { KEY_PREFIX, makeId } from './ids';
import { evaluateQuery } from './soql/evaluate';
import { SoqlError } from './soql/errors';
import { parseSoql } from './soql/parser';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
/** Open cursors kept per emulator; the oldest are dropped first, like expired query locators. */
const MAX_CURSORS = 200;

interface Cursor {
  orgId: string;
  records: Record<string, unknown>[];
  totalSize: number;
  batchSize: number;
}

/** `/query` and `/queryAll` with SOQL, and `nextRecordsUrl` paging through `/query/{locator}`. */
export function queryRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const cursors = new Map<string, Cursor>();

  const run = (includeDeleted: boolean) => (req: Request, res: Response) => {
    const { org, version } = sessionOf(res);
    const soql = typeof req.query.q === 'string' ? req.query.q : '';
    if (soql.trim() === '') throw new SalesforceError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    let outcome;
    try {
      outcome = evaluateQuery(org, parseSoql(soql), { now: ctx.now(), includeDeleted, version });
    } catch (err) {
      if (err instanceof SoqlError) throw new SalesforceError(400, err.errorCode, err.format(soql));
      throw err;
    }
    const cursor: Cursor = { orgId: org.id, ...outcome, batchSize: batchSize(req) };
    res.json(page(cursors, cursor, 0, version, () => makeId(KEY_PREFIX.queryLocator, ctx.nextSequence())));
  };

  const more = (req: Request, res: Response) => {
    const { org, version } = sessionOf(res);
    const match = /^(\w+)-(\d+)$/.exec(String(req.params.locator));
    const cursor = match ? cursors.get(match[1]!) : undefined;
    if (!match || !cursor || cursor.orgId !== org.id) throw new SalesforceError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    res.json(page(cursors, cursor, Number(match[2]), version, () => match[1]!));
  };

  router.get('/query', run(false));
  router.get('/queryAll', run(true));
  router.get('/query/:locator', more);
  router.get('/queryAll/:locator', more);
  return router;
}

/** One batch of a result; a cursor is kept (under `locator()`) only while records remain. */
function page(cursors: Map<string, Cursor>, cursor: Cursor, offset: number, version: string, locator: () => string) {
  const end = offset + cursor.batchSize;
  const records = cursor.records.slice(offset, end);
  if (end >= cursor.records.length) {
    for (const [key, value] of cursors) if (value === cursor) cursors.delete(key);
    return { totalSize: cursor.totalSize, done: true, records };
  }
  const key = locator();
  cursors.set(key, cursor);
  if (cursors.size > MAX_CURSORS) cursors.delete(cursors.keys().next().value!);
  return { totalSize: cursor.totalSize, done: false, nextRecordsUrl: `/services/data/v${version}/query/${key}-${end}`, records };
}

/** `Sforce-Query-Options: batchSize=n` asks for smaller pages (200–2,000). */
function batchSize(req: Request): number {
  const requested = /batchSize=(\d+)/i.exec(req.get('sforce-query-options') ?? '')?.[1];
  return requested ? Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(requested))) : DEFAULT_BATCH;
}
