import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { apiWrite, authOf, objectScope, requireScopes } from './auth';
import type { EmulatorContext } from './context';
import { parseBody } from './errors';
import { applyAssociations, planAssociations } from './inlineAssociations';
import { CreateInput, ObjectId, UpdateInput } from './inputs';
import { resolveObjectType, type ObjectType } from './objectTypes';
import { presentAssociations, presentRecord, presentWritten } from './presenter';
import { boolParam, limitParam, listParam, stringParam } from './queryParams';
import { archiveRecord, createRecord, mergeRecords, recordsOf, requireRecord, updateRecord } from './records';

const MergeInput = z.object({ primaryObjectId: ObjectId, objectIdToMerge: ObjectId });

/** Resolve the `:objectType` of a request against the caller's portal and check its scope. */
export function typeFor(req: Request, res: Response, access: 'read' | 'write'): ObjectType {
  const type = resolveObjectType(authOf(res).portal, String(req.params.objectType));
  requireScopes(res, [objectScope(type, access)]);
  return type;
}

/** Single-record CRUD, listing and merge: `/crm/v3/objects/{objectType}`. */
export function objectRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  router.get('/:objectType', (req, res) => {
    const type = typeFor(req, res, 'read');
    const { portal } = authOf(res);
    const limit = limitParam(req.query.limit, 10, 100);
    const after = stringParam(req.query.after);
    const archived = boolParam(req.query.archived);
    const properties = listParam(req.query.properties);
    const associationTypes = listParam(req.query.associations);
    const matching = Object.values(recordsOf(portal, type)).filter(
      (r) => r.archived === archived && (after === undefined || Number(r.id) > Number(after)),
    );
    const page = matching.slice(0, limit);
    const results = page.map((r) => {
      const object = presentRecord(r, type, properties);
      if (associationTypes.length === 0) return object;
      return { ...object, associations: presentAssociations(portal, type, r.id, associationTypes) };
    });
    const last = page[page.length - 1];
    res.json({
      results,
      ...(matching.length > limit && last
        ? { paging: { next: { after: last.id, link: `?after=${last.id}` } } }
        : {}),
    });
  });

  router.post('/:objectType', (req, res) => {
    const type = typeFor(req, res, 'write');
    const input = parseBody(CreateInput, req.body);
    const write = apiWrite(ctx, res);
    const planned = planAssociations(write.portal, type, input.associations);
    const record = createRecord(write, type, input.properties);
    applyAssociations(write, type, record.id, planned);
    ctx.changed();
    res.status(201).json(presentWritten(record));
  });

  router.post('/:objectType/merge', (req, res) => {
    const type = typeFor(req, res, 'write');
    const input = parseBody(MergeInput, req.body);
    const write = apiWrite(ctx, res);
    const primary = requireRecord(write.portal, type, input.primaryObjectId);
    const secondary = requireRecord(write.portal, type, input.objectIdToMerge);
    const merged = mergeRecords(write, type, primary, secondary);
    ctx.changed();
    res.json(presentWritten(merged));
  });

  router.get('/:objectType/:objectId', (req, res) => {
    const type = typeFor(req, res, 'read');
    const { portal } = authOf(res);
    const record = requireRecord(portal, type, req.params.objectId, {
      idProperty: stringParam(req.query.idProperty),
      archived: boolParam(req.query.archived),
    });
    const object = presentRecord(record, type, listParam(req.query.properties));
    const associationTypes = listParam(req.query.associations);
    res.json(
      associationTypes.length > 0
        ? { ...object, associations: presentAssociations(portal, type, record.id, associationTypes) }
        : object,
    );
  });

  router.patch('/:objectType/:objectId', (req, res) => {
    const type = typeFor(req, res, 'write');
    const input = parseBody(UpdateInput, req.body);
    const write = apiWrite(ctx, res);
    const record = requireRecord(write.portal, type, req.params.objectId, {
      idProperty: stringParam(req.query.idProperty),
    });
    updateRecord(write, type, record, input.properties);
    ctx.changed();
    res.json(presentWritten(record));
  });

  router.delete('/:objectType/:objectId', (req, res) => {
    const type = typeFor(req, res, 'write');
    const write = apiWrite(ctx, res);
    const record = recordsOf(write.portal, type)[req.params.objectId];
    // HubSpot answers 204 whether or not the record existed.
    if (record) archiveRecord(write, type, record);
    ctx.changed();
    res.status(204).end();
  });

  return router;
}
