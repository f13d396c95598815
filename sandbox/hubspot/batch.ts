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
import { archiveRecord, assertUnique, createRecord, findRecord, recordsOf, updateRecord } from './records';
import type { CrmRecord } from './state';

/** "Batch operations are limited to 100 records at a time." */
export const BATCH_LIMIT = 100;

/** Names one input of a batch write; echoed on its result and on its error. */
const TraceId = z.string().min(1).optional();
type Traced = { objectWriteTraceId?: string | undefined };

const ReadInput = z.object({
  inputs: z.array(z.object({ id: ObjectId })),
  properties: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});
const CreateBatch = z.object({ inputs: z.array(CreateInput.extend({ objectWriteTraceId: TraceId })) });
const UpdateBatch = z.object({
  inputs: z.array(
    z.object({ id: ObjectId, idProperty: z.string().optional(), properties: PropertyValues, objectWriteTraceId: TraceId }),
  ),
});
const UpsertBatch = z.object({
  inputs: z.array(
    z.object({
      id: ObjectId,
      idProperty: z.string().default('hs_object_id'),
      properties: PropertyValues,
      objectWriteTraceId: TraceId,
    }),
  ),
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

const inputError = (err: HubSpotError, traceId: string): BatchError => ({
  status: 'error',
  category: err.body.category ?? 'VALIDATION_ERROR',
  message: err.body.message,
  context: { objectWriteTraceId: [traceId] },
});

/** A written record as a batch answers it, with the trace id its input carried. */
const presentTraced = (record: CrmRecord, input: Traced): PublicObject & Traced =>
  input.objectWriteTraceId ? { ...presentWritten(record), objectWriteTraceId: input.objectWriteTraceId } : presentWritten(record);

/**
 * Multi-status error handling is on only when every input carries an `objectWriteTraceId`
 * and no two share one [hs-errors: "enabled by giving each input a unique objectWriteTraceId"].
 */
function multiStatusRequested(inputs: Traced[]): boolean {
  const ids = inputs.map((i) => i.objectWriteTraceId);
  return ids.every(Boolean) && new Set(ids).size === ids.length;
}

/** 200/201 with `results` when everything worked; 207 with `errors` and `numErrors` otherwise. */
function sendBatch(res: Response, okStatus: number, results: object[], errors: BatchError[], startedAt: string): void {
  const body = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
  if (errors.length === 0) res.status(okStatus).json(body);
  else res.status(207).json({ ...body, numErrors: errors.length, errors });
}

/** Run a batch's writes and save what they changed, even when one refusal ends the request part-way. */
function changing<T>(ctx: EmulatorContext, work: () => T): T {
  try {
    return work();
  } finally {
    ctx.changed();
  }
}

/**
 * Write each input in two steps: `check` refuses a bad input before anything is written,
 * `apply` writes it. With multi-status on, a refused input becomes an entry of `errors`
 * naming its trace id and the others are written. Without it, every input is checked first
 * and the first problem fails the whole request (400 VALIDATION_ERROR naming the property)
 * with nothing written; a refusal met while writing (a unique value another input of the
 * batch just took) also fails the whole request, after the inputs before it were written
 * (what HubSpot leaves written then is UNCONFIRMED).
 */
function writeEach<I extends Traced, P, T>(
  inputs: I[],
  multiStatus: boolean,
  check: (input: I) => P,
  apply: (input: I, plan: P) => T,
): { results: T[]; errors: BatchError[] } {
  const errors: BatchError[] = [];
  if (!multiStatus) {
    const plans = inputs.map(check);
    return { results: inputs.map((input, i) => apply(input, plans[i]!)), errors };
  }
  const results = inputs.flatMap((input) => {
    try {
      return [apply(input, check(input))];
    } catch (err) {
      if (!(err instanceof HubSpotError)) throw err;
      errors.push(inputError(err, input.objectWriteTraceId!));
      return [];
    }
  });
  return { results, errors };
}

/**
 * `/crm/v3/objects/{objectType}/batch/*`. Batch create reports refused inputs one by one
 * (207) only with multi-status error handling on; otherwise, as batch update and upsert
 * always do, one refused input fails the whole request. Missing records of a read or an
 * update are reported per id in a 207.
 *
 * Whether update and upsert honour `objectWriteTraceId` is UNCONFIRMED: HubSpot documents
 * multi-status for "the object API batch create endpoints" only [hs-errors] (a third-party
 * connector does read 207s with `context.objectWriteTraceId` from upsert). The emulator takes
 * the stricter reading, so clients must cope with a whole-batch refusal there.
 */
/** The one error a batch read or update reports for the ids that do not answer (a 207 beside the rest). */
function missingObjects(verb: 'get' | 'update', typeName: string, ids: string[]): BatchError[] {
  if (ids.length === 0) return [];
  const message = `Could not ${verb} some ${typeName} objects, they may be deleted or not exist. Check that ids are valid.`;
  return [{ status: 'error', category: 'OBJECT_NOT_FOUND', message, context: { ids } }];
}

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
    sendBatch(res, 200, results, missingObjects('get', type.upperName, missing), startedAt);
  });

  router.post('/:objectType/batch/create', (req, res) => {
    const startedAt = new Date().toISOString();
    const type = typeFor(req, res, 'write');
    const input = parseBatch(CreateBatch, req.body);
    const write = apiWrite(ctx, res);
    const { results, errors } = changing(ctx, () =>
      writeEach(
        input.inputs,
        multiStatusRequested(input.inputs),
        (item) => {
          assertUnique(write.portal, type, normalizeWrite(write.portal, type, item.properties));
          return planAssociations(write.portal, type, item.associations);
        },
        (item, planned) => {
          const record = createRecord(write, type, item.properties);
          applyAssociations(write, type, record.id, planned);
          return presentTraced(record, item);
        },
      ),
    );
    sendBatch(res, 201, results, errors, startedAt);
  });

  router.post('/:objectType/batch/update', (req, res) => {
    const startedAt = new Date().toISOString();
    const type = typeFor(req, res, 'write');
    const input = parseBatch(UpdateBatch, req.body);
    const write = apiWrite(ctx, res);
    const { results } = changing(ctx, () =>
      writeEach(
        input.inputs,
        false,
        (item) => {
          const values = normalizeWrite(write.portal, type, item.properties);
          const record = findRecord(write.portal, type, item.id, { idProperty: item.idProperty });
          if (record) assertUnique(write.portal, type, values, record.id);
          return record;
        },
        (item, record) => (record ? presentTraced(updateRecord(write, type, record, item.properties), item) : item.id),
      ),
    );
    const missing = results.filter((r) => typeof r === 'string');
    sendBatch(res, 200, results.filter((r) => typeof r !== 'string'), missingObjects('update', type.upperName, missing), startedAt);
  });

  router.post('/:objectType/batch/upsert', (req, res) => {
    const startedAt = new Date().toISOString();
    const type = typeFor(req, res, 'write');
    const input = parseBatch(UpsertBatch, req.body);
    const write = apiWrite(ctx, res);
    const unique = uniqueProperties(write.portal, type);
    const { results } = changing(ctx, () =>
      writeEach(
        input.inputs,
        false,
        (item) => {
          if (!unique.includes(item.idProperty)) {
            throw validationError(`${item.idProperty} is not a unique property; upsert needs a property with unique values`);
          }
          const values = normalizeWrite(write.portal, type, item.properties);
          const existing = findRecord(write.portal, type, item.id, { idProperty: item.idProperty });
          if (!existing && item.idProperty === 'hs_object_id') throw validationError(`No ${type.upperName} with id ${item.id} exists`);
          assertUnique(write.portal, type, existing ? values : { ...values, [item.idProperty]: item.id }, existing?.id);
          return existing;
        },
        (item, existing) =>
          existing
            ? { ...presentTraced(updateRecord(write, type, existing, item.properties), item), new: false }
            : { ...presentTraced(createRecord(write, type, { ...item.properties, [item.idProperty]: item.id }), item), new: true },
      ),
    );
    sendBatch(res, 200, results, [], startedAt);
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
