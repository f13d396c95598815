import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { associate, associationsFrom, dissociate, type AssociationEnds } from './associationStore';
import { defaultDefinition, defineAssociationType, definitionsBetween, findDefinition } from './associationTypes';
import { apiWrite, authOf, objectScope, requireScopes } from './auth';
import type { EmulatorContext, WriteContext } from './context';
import { HubSpotError, notFound, parseBody, validationError } from './errors';
import { AssociationSpec, ObjectId } from './inputs';
import { resolveObjectType, type ObjectType } from './objectTypes';
import { limitParam, stringParam } from './queryParams';
import { findRecord } from './records';
import type { AssociationEdge, Portal } from './state';

const Ref = z.object({ id: ObjectId });
const CreateBatch = z.object({ inputs: z.array(z.object({ from: Ref, to: Ref, types: z.array(AssociationSpec).min(1) })) });
const DefaultBatch = z.object({ inputs: z.array(z.object({ from: Ref, to: Ref })) });
const ReadBatch = z.object({ inputs: z.array(z.object({ id: ObjectId, after: z.string().optional() })) });
const ArchiveBatch = z.object({ inputs: z.array(z.object({ from: Ref, to: z.array(Ref) })) });
const LabelArchiveBatch = CreateBatch;
const LabelInput = z.object({ label: z.string().min(1), name: z.string().min(1), inverseLabel: z.string().optional() });

interface Pair {
  from: ObjectType;
  to: ObjectType;
}

/** Resolve `{fromObjectType}/{toObjectType}` and check the caller may read (or write) both ends. */
function pairFor(req: Request, res: Response, fromParam: string, toParam: string, access: 'read' | 'write'): Pair {
  const { portal } = authOf(res);
  const from = resolveObjectType(portal, String(req.params[fromParam]));
  const to = resolveObjectType(portal, String(req.params[toParam]));
  requireScopes(res, [objectScope(from, access)], [objectScope(to, 'read')]);
  return { from, to };
}

function requireEnds(portal: Portal, pair: Pair, fromId: string, toId: string): AssociationEnds {
  for (const [type, id] of [
    [pair.from, fromId],
    [pair.to, toId],
  ] as const) {
    if (!findRecord(portal, type, id)) throw notFound(`No ${type.upperName} with id ${id} exists`);
  }
  return { from: pair.from, fromId, to: pair.to, toId };
}

function definitionsFor(portal: Portal, pair: Pair, specs: Array<z.infer<typeof AssociationSpec>>) {
  return specs.map((spec) => {
    const definition = findDefinition(
      portal,
      pair.from.objectTypeId,
      pair.to.objectTypeId,
      spec.associationCategory,
      spec.associationTypeId,
    );
    if (!definition) {
      throw validationError(
        `${spec.associationCategory} ${spec.associationTypeId} is not a valid association type from ${pair.from.name} to ${pair.to.name}`,
      );
    }
    return definition;
  });
}

function requireDefault(portal: Portal, pair: Pair) {
  const definition = defaultDefinition(portal, pair.from.objectTypeId, pair.to.objectTypeId);
  if (!definition) throw validationError(`${pair.from.name} and ${pair.to.name} cannot be associated`);
  return definition;
}

function labelsBetween(portal: Portal, edge: AssociationEdge | undefined, pair: Pair) {
  const definitions = definitionsBetween(portal, pair.from.objectTypeId, pair.to.objectTypeId);
  return (edge?.types ?? []).map((t) => ({
    category: t.category,
    typeId: t.typeId,
    label: definitions.find((d) => d.typeId === t.typeId && d.category === t.category)?.label ?? null,
  }));
}

function edgeBetween(portal: Portal, ends: AssociationEnds): AssociationEdge | undefined {
  return associationsFrom(portal, ends.from.objectTypeId, ends.fromId, ends.to.objectTypeId).find(
    (e) => e.toId === ends.toId,
  );
}

function labelsPair(portal: Portal, pair: Pair, ends: AssociationEnds) {
  return {
    fromObjectTypeId: pair.from.objectTypeId,
    fromObjectId: Number(ends.fromId),
    toObjectTypeId: pair.to.objectTypeId,
    toObjectId: Number(ends.toId),
    labels: labelsBetween(portal, edgeBetween(portal, ends), pair)
      .map((l) => l.label)
      .filter((l): l is string => l !== null),
  };
}

type BatchError = { status: 'error'; category: string; message: string; context: Record<string, string[]> };

function sendBatch(res: Response, okStatus: number, results: object[], errors: BatchError[]): void {
  const at = new Date().toISOString();
  const body = { status: 'COMPLETE', results, startedAt: at, completedAt: at };
  if (errors.length === 0) res.status(okStatus).json(body);
  else res.status(207).json({ ...body, numErrors: errors.length, errors });
}

/** Run one batch input; its HubSpot error is reported in the batch rather than failing it. */
function perInput<T>(errors: BatchError[], context: Record<string, string[]>, work: () => T): T | undefined {
  try {
    return work();
  } catch (err) {
    if (!(err instanceof HubSpotError)) throw err;
    errors.push({ status: 'error', category: err.body.category ?? 'VALIDATION_ERROR', message: err.body.message, context });
    return undefined;
  }
}

/** Associations v4: `/crm/v4/associations/{from}/{to}/…` and `/crm/v4/objects/{type}/{id}/associations/…`. */
export function associationRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  const defaultResult = (pair: Pair, ends: AssociationEnds, write: WriteContext) => {
    const definition = requireDefault(write.portal, pair);
    associate(write, ends, [definition]);
    return {
      from: { id: ends.fromId },
      to: { id: ends.toId },
      associationSpec: { associationCategory: definition.category, associationTypeId: definition.typeId },
    };
  };

  router.post('/associations/:from/:to/batch/create', (req, res) => {
    const pair = pairFor(req, res, 'from', 'to', 'write');
    const { inputs } = parseBody(CreateBatch, req.body);
    const write = apiWrite(ctx, res);
    const errors: BatchError[] = [];
    const results = inputs.flatMap((input) => {
      const done = perInput(errors, { fromObjectId: [input.from.id], toObjectId: [input.to.id] }, () => {
        const ends = requireEnds(write.portal, pair, input.from.id, input.to.id);
        associate(write, ends, definitionsFor(write.portal, pair, input.types));
        return labelsPair(write.portal, pair, ends);
      });
      return done ? [done] : [];
    });
    ctx.changed();
    sendBatch(res, 201, results, errors);
  });

  router.post('/associations/:from/:to/batch/associate/default', (req, res) => {
    const pair = pairFor(req, res, 'from', 'to', 'write');
    const { inputs } = parseBody(DefaultBatch, req.body);
    const write = apiWrite(ctx, res);
    const errors: BatchError[] = [];
    const results = inputs.flatMap((input) => {
      const done = perInput(errors, { fromObjectId: [input.from.id], toObjectId: [input.to.id] }, () =>
        defaultResult(pair, requireEnds(write.portal, pair, input.from.id, input.to.id), write),
      );
      return done ? [done] : [];
    });
    ctx.changed();
    sendBatch(res, 200, results, errors);
  });

  router.post('/associations/:from/:to/batch/read', (req, res) => {
    const pair = pairFor(req, res, 'from', 'to', 'read');
    const { inputs } = parseBody(ReadBatch, req.body);
    const { portal } = authOf(res);
    const errors: BatchError[] = [];
    const results = inputs.flatMap(({ id }) => {
      const edges = associationsFrom(portal, pair.from.objectTypeId, id, pair.to.objectTypeId);
      if (edges.length === 0) {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: `No ${pair.to.name} is associated with ${pair.from.upperName.toLowerCase()} ${id}.`,
          context: { fromObjectId: [id] },
        });
        return [];
      }
      return [
        {
          from: { id },
          to: edges.map((e) => ({ toObjectId: Number(e.toId), associationTypes: labelsBetween(portal, e, pair) })),
        },
      ];
    });
    sendBatch(res, 200, results, errors);
  });

  router.post('/associations/:from/:to/batch/archive', (req, res) => {
    const pair = pairFor(req, res, 'from', 'to', 'write');
    const { inputs } = parseBody(ArchiveBatch, req.body);
    const write = apiWrite(ctx, res);
    for (const input of inputs) {
      for (const to of input.to) dissociate(write, { from: pair.from, fromId: input.from.id, to: pair.to, toId: to.id });
    }
    ctx.changed();
    res.status(204).end();
  });

  router.post('/associations/:from/:to/batch/labels/archive', (req, res) => {
    const pair = pairFor(req, res, 'from', 'to', 'write');
    const { inputs } = parseBody(LabelArchiveBatch, req.body);
    const write = apiWrite(ctx, res);
    for (const input of inputs) {
      const typeIds = definitionsFor(write.portal, pair, input.types).map((d) => d.typeId);
      dissociate(write, { from: pair.from, fromId: input.from.id, to: pair.to, toId: input.to.id }, typeIds);
    }
    ctx.changed();
    res.status(204).end();
  });

  router.get('/associations/:from/:to/labels', (req, res) => {
    const pair = pairFor(req, res, 'from', 'to', 'read');
    const results = definitionsBetween(authOf(res).portal, pair.from.objectTypeId, pair.to.objectTypeId).map((d) => ({
      category: d.category,
      typeId: d.typeId,
      label: d.label,
    }));
    res.json({ results });
  });

  router.post('/associations/:from/:to/labels', (req, res) => {
    const pair = pairFor(req, res, 'from', 'to', 'write');
    const input = parseBody(LabelInput, req.body);
    const { portal } = authOf(res);
    const forward = defineAssociationType(
      portal,
      pair.from.objectTypeId,
      pair.to.objectTypeId,
      input.label,
      input.inverseLabel ?? input.label,
    );
    ctx.changed();
    const results = [forward.typeId, forward.inverseTypeId]
      .filter((id, i, all) => all.indexOf(id) === i)
      .map((typeId) => ({ category: 'USER_DEFINED', typeId, label: typeId === forward.typeId ? input.label : (input.inverseLabel ?? input.label) }));
    res.status(200).json({ results });
  });

  router.put('/objects/:objectType/:objectId/associations/default/:toObjectType/:toObjectId', (req, res) => {
    const pair = pairFor(req, res, 'objectType', 'toObjectType', 'write');
    const write = apiWrite(ctx, res);
    const ends = requireEnds(write.portal, pair, String(req.params.objectId), String(req.params.toObjectId));
    const result = defaultResult(pair, ends, write);
    ctx.changed();
    sendBatch(res, 200, [result], []);
  });

  router.put('/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId', (req, res) => {
    const pair = pairFor(req, res, 'objectType', 'toObjectType', 'write');
    const specs = parseBody(z.array(AssociationSpec).min(1), req.body);
    const write = apiWrite(ctx, res);
    const ends = requireEnds(write.portal, pair, String(req.params.objectId), String(req.params.toObjectId));
    associate(write, ends, definitionsFor(write.portal, pair, specs));
    ctx.changed();
    res.status(201).json(labelsPair(write.portal, pair, ends));
  });

  router.get('/objects/:objectType/:objectId/associations/:toObjectType', (req, res) => {
    const pair = pairFor(req, res, 'objectType', 'toObjectType', 'read');
    const { portal } = authOf(res);
    const limit = limitParam(req.query.limit, 500, 500);
    const after = Number(stringParam(req.query.after) ?? 0);
    const edges = associationsFrom(portal, pair.from.objectTypeId, String(req.params.objectId), pair.to.objectTypeId);
    const page = edges.slice(after, after + limit);
    res.json({
      results: page.map((e) => ({ toObjectId: Number(e.toId), associationTypes: labelsBetween(portal, e, pair) })),
      ...(after + limit < edges.length ? { paging: { next: { after: String(after + limit) } } } : {}),
    });
  });

  router.delete('/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId', (req, res) => {
    const pair = pairFor(req, res, 'objectType', 'toObjectType', 'write');
    const write = apiWrite(ctx, res);
    dissociate(write, {
      from: pair.from,
      fromId: String(req.params.objectId),
      to: pair.to,
      toId: String(req.params.toObjectId),
    });
    ctx.changed();
    res.status(204).end();
  });

  return router;
}
