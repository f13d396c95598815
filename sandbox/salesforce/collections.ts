import { Router, type Request } from 'express';
import { z } from 'zod';
import { sessionOf } from './auth';
import type { ApiSession, EmulatorContext } from './context';
import { notFound, RecordError, SalesforceError, saveError, type SaveError } from './errors';
import { normalizeId } from './ids';
import { deleteRecord, insertRecord, updateRecord, upsertRecord, type RecordInput } from './records/dml';
import { toApiRecord } from './records/serialize';
import type { Transaction } from './records/transaction';
import { findField, findObject, objectForId } from './schema/catalog';
import type { ObjectDefinition } from './schema/types';
import { externalIdField, objectFromPath, selectedFields } from './sobjects';
import { apiMajor } from './versions';

/** sObject Collections take at most 200 records per write and 2,000 ids per read. */
const MAX_WRITE = 200;
const MAX_READ = 2000;

const WriteBody = z.object({
  allOrNone: z.boolean().default(false),
  records: z.array(z.record(z.string(), z.unknown())),
});
const RetrieveBody = z.object({ ids: z.array(z.string()).min(1), fields: z.array(z.string()).min(1) });

interface SaveResult {
  id?: string | null;
  success: boolean;
  errors: SaveError[];
  created?: boolean;
}

/** One record's write inside a collection; `id` is known up front for updates and deletes. */
interface ItemWrite {
  id?: string;
  run(tx: Transaction): { id: string; created?: boolean };
}

const ROLLED_BACK = saveError('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header');

/** `/composite/sobjects`: up to 200 records of mixed types per request, with per-record SaveResults. */
export function collectionsRouter(ctx: EmulatorContext): Router {
  const router = Router();

  router.post('/composite/sobjects', (req, res) => {
    const session = requireCollections(res.locals.session, 42);
    const { allOrNone, records } = writeBody(req);
    res.json(
      runWrites(ctx, session, allOrNone, records.map((record) => {
        const object = typedObject(session, record);
        return { run: (tx) => ({ id: insertRecord(tx, object, record) }) };
      })),
    );
  });

  router.patch('/composite/sobjects', (req, res) => {
    const session = requireCollections(res.locals.session, 42);
    const { allOrNone, records } = writeBody(req);
    res.json(
      runWrites(ctx, session, allOrNone, records.map((record) => {
        const object = typedObject(session, record);
        const id = typeof record.id === 'string' ? record.id : typeof record.Id === 'string' ? record.Id : undefined;
        const { id: _lower, ...fields } = record;
        return {
          ...(id ? { id } : {}),
          run: (tx) => {
            if (!id) throw new RecordError(saveError('MISSING_ARGUMENT', 'Id not specified in an update call'));
            return { id: updateRecord(tx, object, id, fields) };
          },
        };
      })),
    );
  });

  router.patch('/composite/sobjects/:type/:field', (req, res) => {
    const session = requireCollections(res.locals.session, 46);
    const object = objectFromPath(session.org, req.params.type);
    const keyField = findField(object, req.params.field);
    if (!keyField || !(keyField.externalId || keyField.name === 'Id')) {
      throw new SalesforceError(400, 'INVALID_FIELD', `Field name provided, ${req.params.field} is not an External ID or indexed field for ${object.name}`);
    }
    const { allOrNone, records } = writeBody(req);
    res.json(
      runWrites(ctx, session, allOrNone, records.map((record) => {
        const entry = Object.entries(record).find(([key]) => key.toLowerCase() === keyField.name.toLowerCase());
        return {
          run: (tx) => {
            if (entry?.[1] == null || entry[1] === '') throw new RecordError(saveError('MISSING_ARGUMENT', `${keyField.name} not specified`));
            return upsertRecord(tx, object, keyField, String(entry[1]), record);
          },
        };
      })),
    );
  });

  router.delete('/composite/sobjects', (req, res) => {
    const session = requireCollections(res.locals.session, 42);
    const ids = String(req.query.ids ?? '').split(',').filter(Boolean);
    if (ids.length > MAX_WRITE) throw exceeded(MAX_WRITE);
    const allOrNone = req.query.allOrNone === 'true';
    res.json(
      runWrites(ctx, session, allOrNone, ids.map((id) => ({
        id,
        run: (tx) => {
          const object = objectForId(session.org, normalizeId(id) ?? '');
          if (!object) throw new RecordError(saveError('MALFORMED_ID', `malformed id ${id}`));
          return { id: deleteRecord(tx, object, id) };
        },
      }))),
    );
  });

  const retrieve = (session: ApiSession, object: ObjectDefinition, ids: string[], fields: string) => {
    if (ids.length > MAX_READ) throw exceeded(MAX_READ);
    const chosen = selectedFields(object, fields);
    if (!chosen) throw new SalesforceError(400, 'MALFORMED_QUERY', 'The fields parameter is required');
    return ids.map((raw) => {
      const id = normalizeId(raw);
      if (!id) throw new SalesforceError(400, 'MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${raw}`);
      const record = session.org.records[object.name]?.[id];
      return record && !record.IsDeleted ? toApiRecord(object, record, session.version, chosen) : null;
    });
  };

  router.get('/composite/sobjects/:type', (req, res) => {
    const session = requireCollections(res.locals.session, 42);
    const object = objectFromPath(session.org, req.params.type);
    res.json(retrieve(session, object, String(req.query.ids ?? '').split(',').filter(Boolean), String(req.query.fields ?? '')));
  });

  // jsforce and others send long id lists in a POST body instead of the query string.
  router.post('/composite/sobjects/:type', (req, res) => {
    const session = requireCollections(res.locals.session, 42);
    const object = objectFromPath(session.org, req.params.type);
    const { ids, fields } = RetrieveBody.parse(req.body);
    res.json(retrieve(session, object, ids, fields.join(',')));
  });

  return router;
}

function requireCollections(session: ApiSession, sinceVersion: number): ApiSession {
  if (apiMajor(session.version) < sinceVersion) throw notFound();
  return session;
}

function writeBody(req: Request): z.infer<typeof WriteBody> {
  const body = WriteBody.parse(req.body);
  if (body.records.length > MAX_WRITE) throw exceeded(MAX_WRITE);
  return body;
}

function exceeded(max: number): SalesforceError {
  return new SalesforceError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${max} records into this call`);
}

/** The object named by a record's `attributes.type`, which collections require on every record. */
function typedObject(session: ApiSession, record: RecordInput): ObjectDefinition {
  const type = (record.attributes as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'string') throw new SalesforceError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  const object = findObject(session.org, type);
  if (!object) throw new SalesforceError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`);
  return object;
}

/**
 * Applies each record in order in one transaction. A record that fails reports its own
 * errors; with allOrNone, any failure undoes the lot and the others report the rollback.
 */
function runWrites(ctx: EmulatorContext, session: ApiSession, allOrNone: boolean, items: ItemWrite[]): SaveResult[] {
  const tx = ctx.begin(session.org, session.userId, session.changeOrigin);
  let failed = false;
  const results: SaveResult[] = items.map((item) => {
    try {
      const { id, created } = item.run(tx);
      return { id, success: true, errors: [], ...(created !== undefined ? { created } : {}) };
    } catch (err) {
      if (!(err instanceof RecordError)) {
        // Request-level errors (unknown field, unreadable value) fail the whole call.
        tx.rollback();
        throw err;
      }
      failed = true;
      return { ...(item.id ? { id: item.id } : {}), success: false, errors: [err.error] };
    }
  });
  if (failed && allOrNone) {
    tx.rollback();
    return results.map((r, i) => (r.success ? { ...(items[i]!.id ? { id: items[i]!.id } : {}), success: false, errors: [ROLLED_BACK] } : r));
  }
  ctx.commit(tx);
  return results;
}
