import { Router, type Response } from 'express';
import { z } from 'zod';
import { apiWrite, authOf } from './auth';
import type { EmulatorContext } from './context';
import { HubSpotError, parseBody, validationError } from './errors';
import { applyAssociations, planAssociations } from './inlineAssociations';
import { CreateInput, ObjectId, PropertyValues } from './inputs';
import { typeFor } from './objects';
import { presentRecord, presentWritten, type PublicObject } from './presenter';
import { normalizeWrite, uniqueProperties } from './propertyValues';
import { boolParam } from './queryParams';
import { archiveRecord, createRecord, findRecord, recordsOf, updateRecord } from './records';

/** "Batch operations are limited to 100 records at a time." */
export const BATCH_LIMIT = 100;

const ReadInput = z.object({
  inputs: z.array(z.object({ id: ObjectId })),
  properties: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});
const CreateBatch = z.object({ inputs: z.array(CreateInput) });
const UpdateBatch = z.object({
  inputs: z.array(z.object({ id: ObjectId, idProperty: z.string().optional(), properties: PropertyValues })),
});
const UpsertBatch = z.object({
  inputs: z.array(z.object({ id: ObjectId, idProperty: z.string().default('hs_object_id'), properties: PropertyValues })),
});
const ArchiveBatch = z.object({ inputs: z.array(z.object({ id: ObjectId })) });

/** Parse a batch body, refusing more inputs than HubSpot takes in one call. */
function parseBatch<T extends z.ZodType<{ inputs: unknown[] }>>(schema: T, body: unknown): z.infer<T> {
  const parsed = parseBody(schema, body);
  if (parsed.inputs.length > BATCH_LIMIT) {
    throw validationError(
      `Batch input size of ${parsed.inputs.length} exceeds the limit of ${BATCH_LIMIT} inputs per request`,
      { context: { inputs: [String(parsed.inputs.length)], limit: [String(BATCH_LIMIT)] } },
    );
  }
  return parsed;
}

/** One entry of a batch's `errors`, in HubSpot's StandardError shape. */
interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
}

const itemError = (err: HubSpotError, id?: string): BatchError => ({
  status: 'error',
  category: err.body.category ?? 'VALIDATION_ERROR',
  message: err.body.message,
  context: id ? { id: [id] } : {},
});

/** 200/201 with `results` when everything worked; 207 with `errors` and `numErrors` otherwise. */
function sendBatch(res: Response, okStatus: number, results: object[], errors: BatchError[], startedAt: string): void {
  const body = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
  if (errors.length === 0) res.status(okStatus).json(body);
  else res.status(207).json({ ...body, numErrors: errors.length, errors });
}

/** Run one input; HubSpot errors about that input become batch errors instead of failing the request. */
function attempt<T>(errors: BatchError[], id: string | undefined, work: () => T): T | undefined {
  try {
    return work();
  } catch (err) {
    if (!(err instanceof HubSpotError)) throw err;
    errors.push(itemError(err, id));
    return undefined;
  }
}

/**
 * `/crm/v3/objects/{objectType}/batch/*`. Invalid property names or values fail the whole
 * request (400) before anything is written; missing records and unique-value conflicts
 * are reported per input in a 207.
 */
export function batchRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  router.post('/:objectType/batch/read', (req, res) => {
    const startedAt = new Date().toISOString();
    const type = typeFor(req, res, 'read');
    const input = parseBatch(ReadInput, req.body);
    const { portal } = authOf(res);
    const options = { idProperty: input.idProperty, archived: boolParam(req.query.archived) };
    const results: PublicObject[] = [];
    const missing: string[] = [];
    for (const { id } of input.inputs) {
      const record = findRecord(portal, type, id, options);
      if (record) results.push(presentRecord(record, type, input.properties));
      else missing.push(id);
    }
    const errors: BatchError[] = missing.length
      ? [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message: `Could not get some ${type.upperName} objects, they may be deleted or not exist. Check that ids are valid.`,
            context: { ids: missing },
          },
        ]
      : [];
    sendBatch(res, 200, results, errors, startedAt);
  });

  router.post('/:objectType/batch/create', (req, res) => {
    const startedAt = new Date().toISOString();
    const type = typeFor(req, res, 'write');
    const input = parseBatch(CreateBatch, req.body);
    const write = apiWrite(ctx, res);
    const planned = input.inputs.map((item) => {
      normalizeWrite(write.portal, type, item.properties);
      return planAssociations(write.portal, type, item.associations);
    });
    const errors: BatchError[] = [];
    const results = input.inputs.flatMap((item, i) => {
      const record = attempt(errors, undefined, () => createRecord(write, type, item.properties));
      if (!record) return [];
      applyAssociations(write, type, record.id, planned[i] ?? []);
      return [presentWritten(record)];
    });
    ctx.changed();
    sendBatch(res, 201, results, errors, startedAt);
  });

  router.post('/:objectType/batch/update', (req, res) => {
    const startedAt = new Date().toISOString();
    const type = typeFor(req, res, 'write');
    const input = parseBatch(UpdateBatch, req.body);
    const write = apiWrite(ctx, res);
    for (const item of input.inputs) normalizeWrite(write.portal, type, item.properties);
    const errors: BatchError[] = [];
    const missing: string[] = [];
    const results = input.inputs.flatMap((item) => {
      const record = findRecord(write.portal, type, item.id, { idProperty: item.idProperty });
      if (!record) {
        missing.push(item.id);
        return [];
      }
      const updated = attempt(errors, item.id, () => updateRecord(write, type, record, item.properties));
      return updated ? [presentWritten(updated)] : [];
    });
    if (missing.length > 0) {
      errors.push({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        message: `Could not update some ${type.upperName} objects, they may be deleted or not exist. Check that ids are valid.`,
        context: { ids: missing },
      });
    }
    ctx.changed();
    sendBatch(res, 200, results, errors, startedAt);
  });

  router.post('/:objectType/batch/upsert', (req, res) => {
    const startedAt = new Date().toISOString();
    const type = typeFor(req, res, 'write');
    const input = parseBatch(UpsertBatch, req.body);
    const write = apiWrite(ctx, res);
    const unique = uniqueProperties(write.portal, type);
    for (const item of input.inputs) {
      if (!unique.includes(item.idProperty)) {
        throw validationError(`${item.idProperty} is not a unique property; upsert needs a property with unique values`);
      }
      normalizeWrite(write.portal, type, item.properties);
    }
    const errors: BatchError[] = [];
    const results = input.inputs.flatMap((item) => {
      const existing = findRecord(write.portal, type, item.id, { idProperty: item.idProperty });
      const upserted = attempt(errors, item.id, () => {
        if (existing) return { record: updateRecord(write, type, existing, item.properties), created: false };
        if (item.idProperty === 'hs_object_id') throw validationError(`No ${type.upperName} with id ${item.id} exists`);
        const properties = { ...item.properties, [item.idProperty]: item.id };
        return { record: createRecord(write, type, properties), created: true };
      });
      return upserted ? [{ ...presentWritten(upserted.record), new: upserted.created }] : [];
    });
    ctx.changed();
    sendBatch(res, 200, results, errors, startedAt);
  });

  router.post('/:objectType/batch/archive', (req, res) => {
    const type = typeFor(req, res, 'write');
    const input = parseBatch(ArchiveBatch, req.body);
    const write = apiWrite(ctx, res);
    for (const { id } of input.inputs) {
      const record = recordsOf(write.portal, type)[id];
      if (record) archiveRecord(write, type, record);
    }
    ctx.changed();
    res.status(204).end();
  });

  return router;
}
