import { Router, type Response } from 'express';
import { z } from 'zod';
import { sessionOf } from './auth';
import type { EmulatorContext } from './context';
import { describeGlobal, describeObject, describeSummary } from './describe';
import { notFound, RecordError, SalesforceError } from './errors';
import { normalizeId } from './ids';
import { deleteRecord, findByExternalId, insertRecord, liveRecord, updateRecord, upsertRecord } from './records/dml';
import { recordUrl, toApiRecord } from './records/serialize';
import { findField, findObject } from './schema/catalog';
import type { FieldDefinition, ObjectDefinition } from './schema/types';
import type { Org, StoredRecord } from './state';
import { apiMajor } from './versions';

const RecordBody = z.record(z.string(), z.unknown());

/** `/sobjects`: describe, and create/read/update/delete/upsert of one record. */
export function sobjectsRouter(ctx: EmulatorContext): Router {
  const router = Router();

  router.get('/sobjects', (_req, res) => {
    const { org, version } = sessionOf(res);
    res.json(describeGlobal(org, version));
  });

  router.get('/sobjects/:type', (req, res) => {
    const { org, version } = sessionOf(res);
    res.json({ objectDescribe: describeSummary(objectFromPath(org, req.params.type), version), recentItems: [] });
  });

  router.get('/sobjects/:type/describe', (req, res) => {
    const { org, version } = sessionOf(res);
    res.json(describeObject(org, objectFromPath(org, req.params.type), version));
  });

  router.post('/sobjects/:type', (req, res) => {
    const session = sessionOf(res);
    const object = objectFromPath(session.org, req.params.type);
    const body = RecordBody.parse(req.body);
    const tx = ctx.begin(session.org, session.userId, session.changeOrigin);
    const id = insertRecord(tx, object, body);
    ctx.commit(tx);
    res.status(201).json({ id, success: true, errors: [] });
  });

  router.get('/sobjects/:type/:id', (req, res) => {
    const { org, version } = sessionOf(res);
    const object = objectFromPath(org, req.params.type);
    const record = recordFromPath(org, object, req.params.id);
    res.json(toApiRecord(object, record, version, selectedFields(object, req.query.fields)));
  });

  router.patch('/sobjects/:type/:id', (req, res) => {
    const session = sessionOf(res);
    const object = objectFromPath(session.org, req.params.type);
    const record = recordFromPath(session.org, object, req.params.id);
    const body = RecordBody.parse(req.body);
    const tx = ctx.begin(session.org, session.userId, session.changeOrigin);
    updateRecord(tx, object, record.Id as string, body);
    ctx.commit(tx);
    res.status(204).end();
  });

  router.delete('/sobjects/:type/:id', (req, res) => {
    const session = sessionOf(res);
    const object = objectFromPath(session.org, req.params.type);
    const record = recordFromPath(session.org, object, req.params.id);
    const tx = ctx.begin(session.org, session.userId, session.changeOrigin);
    deleteRecord(tx, object, record.Id as string);
    ctx.commit(tx);
    res.status(204).end();
  });

  router.get('/sobjects/:type/:field/:value', (req, res) => {
    const { org, version } = sessionOf(res);
    const object = objectFromPath(org, req.params.type);
    const keyField = externalIdField(object, req.params.field);
    const matches = findByExternalId(org, object, keyField, req.params.value);
    if (matches.length > 1) return void multipleChoices(res, object, matches, version);
    const record = matches[0] ? org.records[object.name]![matches[0]]! : undefined;
    if (!record) throw notFound();
    res.json(toApiRecord(object, record, version, selectedFields(object, req.query.fields)));
  });

  router.patch('/sobjects/:type/:field/:value', (req, res) => {
    const session = sessionOf(res);
    const object = objectFromPath(session.org, req.params.type);
    const keyField = externalIdField(object, req.params.field);
    const body = RecordBody.parse(req.body);
    const matches = findByExternalId(session.org, object, keyField, req.params.value);
    if (matches.length > 1) return void multipleChoices(res, object, matches, session.version);
    const tx = ctx.begin(session.org, session.userId, session.changeOrigin);
    const { id, created } = upsertRecord(tx, object, keyField, req.params.value, body);
    ctx.commit(tx);
    // v46.0 added `created` to the body and answers an update with 200 instead of 204.
    const reportsCreated = apiMajor(session.version) >= 46;
    if (created) return void res.status(201).json({ id, success: true, errors: [], ...(reportsCreated ? { created: true } : {}) });
    if (reportsCreated) return void res.status(200).json({ id, success: true, errors: [], created: false });
    res.status(204).end();
  });

  return router;
}

export function objectFromPath(org: Org, name: string): ObjectDefinition {
  const object = findObject(org, name);
  if (!object) throw notFound();
  return object;
}

/** A record named in a URL: 404 when it is missing or deleted, as the single-record resources answer. */
function recordFromPath(org: Org, object: ObjectDefinition, rawId: string): StoredRecord {
  // Anything not shaped like an id is read as an external id field name.
  if (!normalizeId(rawId)) throw notFound(`Provided external ID field does not exist or is not accessible: ${rawId}`);
  try {
    return liveRecord(org, object, rawId);
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    const { statusCode, message } = err.error;
    if (statusCode === 'MALFORMED_ID') throw new SalesforceError(400, statusCode, message);
    if (statusCode === 'ENTITY_IS_DELETED') throw new SalesforceError(404, statusCode, message);
    throw notFound();
  }
}

export function externalIdField(object: ObjectDefinition, name: string): FieldDefinition {
  const field = findField(object, name);
  if (!field || !(field.externalId || field.name === 'Id')) throw notFound(`Provided external ID field does not exist or is not accessible: ${name}`);
  return field;
}

/** The `fields` query parameter of a retrieve; Id always comes back. */
export function selectedFields(object: ObjectDefinition, raw: unknown): FieldDefinition[] | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const fields = raw.split(',').map((name) => {
    const field = findField(object, name.trim());
    if (!field) throw new SalesforceError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    return field;
  });
  const id = findField(object, 'Id')!;
  return fields.includes(id) ? fields : [...fields, id];
}

function multipleChoices(res: Response, object: ObjectDefinition, ids: string[], version: string): void {
  res.status(300).json(ids.map((id) => recordUrl(version, object.name, id)));
}
