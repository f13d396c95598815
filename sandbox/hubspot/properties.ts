import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { authOf, objectScope, requireScopes, schemaScope } from './auth';
import type { EmulatorContext } from './context';
import { conflict, HubSpotError, notFound, parseBody, validationError } from './errors';
import { resolveObjectType, type ObjectType } from './objectTypes';
import {
  addProperty,
  GroupInput,
  groupsOf,
  presentProperty,
  PropertyInput,
  PropertyUpdate,
} from './propertyCatalog';
import { propertiesOf } from './propertyValues';
import { boolParam } from './queryParams';

const NamedInputs = z.object({ inputs: z.array(z.object({ name: z.string() })) });

/** Reading definitions takes the schema or the object read scope; changing them the schema write scope. */
function typeFor(req: Request, res: Response, access: 'read' | 'write'): ObjectType {
  const type = resolveObjectType(authOf(res).portal, String(req.params.objectType));
  requireScopes(
    res,
    access === 'read' ? [schemaScope(type, 'read'), objectScope(type, 'read')] : [schemaScope(type, 'write')],
  );
  return type;
}

/** `/crm/v3/properties/{objectType}`: property definitions and property groups. */
export function propertyRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const at = () => new Date(ctx.now()).toISOString();

  router.get('/:objectType/groups', (req, res) => {
    const type = typeFor(req, res, 'read');
    res.json({ results: Object.values(groupsOf(authOf(res).portal, type)).filter((g) => !g.archived) });
  });

  router.post('/:objectType/groups', (req, res) => {
    const type = typeFor(req, res, 'write');
    const input = parseBody(GroupInput, req.body);
    const groups = groupsOf(authOf(res).portal, type);
    if (groups[input.name] && !groups[input.name]!.archived) {
      throw conflict(`Property group named '${input.name}' already exists.`, 'OBJECT_ALREADY_EXISTS');
    }
    const group = { ...input, archived: false };
    groups[input.name] = group;
    ctx.changed();
    res.status(201).json(group);
  });

  const requireGroup = (req: Request, res: Response, type: ObjectType) => {
    const group = groupsOf(authOf(res).portal, type)[String(req.params.groupName)];
    if (!group || group.archived) throw notFound(`Property group ${String(req.params.groupName)} does not exist`);
    return group;
  };

  router.get('/:objectType/groups/:groupName', (req, res) => {
    res.json(requireGroup(req, res, typeFor(req, res, 'read')));
  });

  router.patch('/:objectType/groups/:groupName', (req, res) => {
    const group = requireGroup(req, res, typeFor(req, res, 'write'));
    Object.assign(group, parseBody(GroupInput.omit({ name: true }).partial(), req.body));
    ctx.changed();
    res.json(group);
  });

  router.delete('/:objectType/groups/:groupName', (req, res) => {
    requireGroup(req, res, typeFor(req, res, 'write')).archived = true;
    ctx.changed();
    res.status(204).end();
  });

  router.post('/:objectType/batch/create', (req, res) => {
    const type = typeFor(req, res, 'write');
    const { inputs } = parseBody(z.object({ inputs: z.array(PropertyInput) }), req.body);
    const startedAt = at();
    const results = [];
    const errors = [];
    for (const input of inputs) {
      try {
        results.push(presentProperty(addProperty(authOf(res).portal, type, input, ctx.now())));
      } catch (err) {
        if (!(err instanceof HubSpotError)) throw err;
        errors.push({ status: 'error', category: err.body.category, message: err.body.message, context: { name: [input.name] } });
      }
    }
    ctx.changed();
    const body = { status: 'COMPLETE', results, startedAt, completedAt: at() };
    if (errors.length === 0) res.status(201).json(body);
    else res.status(207).json({ ...body, numErrors: errors.length, errors });
  });

  router.post('/:objectType/batch/read', (req, res) => {
    const type = typeFor(req, res, 'read');
    const { inputs } = parseBody(NamedInputs.extend({ archived: z.boolean().default(false) }), req.body);
    const definitions = propertiesOf(authOf(res).portal, type);
    const results = inputs.flatMap(({ name }) => {
      const d = definitions[name];
      return d && !d.archived ? [presentProperty(d)] : [];
    });
    res.json({ status: 'COMPLETE', results, startedAt: at(), completedAt: at() });
  });

  router.post('/:objectType/batch/archive', (req, res) => {
    const type = typeFor(req, res, 'write');
    const { inputs } = parseBody(NamedInputs, req.body);
    for (const { name } of inputs) archive(type, res, name, false);
    ctx.changed();
    res.status(204).end();
  });

  router.get('/:objectType', (req, res) => {
    const type = typeFor(req, res, 'read');
    const archived = boolParam(req.query.archived);
    const results = Object.values(propertiesOf(authOf(res).portal, type))
      .filter((d) => d.archived === archived)
      .map(presentProperty);
    res.json({ results });
  });

  router.post('/:objectType', (req, res) => {
    const type = typeFor(req, res, 'write');
    const input = parseBody(PropertyInput, req.body);
    const definition = addProperty(authOf(res).portal, type, input, ctx.now());
    ctx.changed();
    res.status(201).json(presentProperty(definition));
  });

  const requireProperty = (req: Request, res: Response, type: ObjectType) => {
    const definition = propertiesOf(authOf(res).portal, type)[String(req.params.propertyName)];
    if (!definition || definition.archived) {
      throw notFound(`Property ${String(req.params.propertyName)} does not exist`);
    }
    return definition;
  };

  router.get('/:objectType/:propertyName', (req, res) => {
    res.json(presentProperty(requireProperty(req, res, typeFor(req, res, 'read'))));
  });

  router.patch('/:objectType/:propertyName', (req, res) => {
    const type = typeFor(req, res, 'write');
    const definition = requireProperty(req, res, type);
    const changes = parseBody(PropertyUpdate, req.body);
    if (changes.groupName && !groupsOf(authOf(res).portal, type)[changes.groupName]) {
      throw validationError(`Property group ${changes.groupName} does not exist`);
    }
    const { options, ...rest } = changes;
    Object.assign(definition, rest, { updatedAt: at() });
    if (options) {
      definition.options = options.map((o, i) => ({ displayOrder: i, hidden: false, ...o }));
    }
    ctx.changed();
    res.json(presentProperty(definition));
  });

  router.delete('/:objectType/:propertyName', (req, res) => {
    const type = typeFor(req, res, 'write');
    archive(type, res, String(req.params.propertyName), true);
    ctx.changed();
    res.status(204).end();
  });

  /** HubSpot-defined properties cannot be archived. */
  function archive(type: ObjectType, res: Response, name: string, mustExist: boolean): void {
    const definition = propertiesOf(authOf(res).portal, type)[name];
    if (!definition || definition.archived) {
      if (mustExist) throw notFound(`Property ${name} does not exist`);
      return;
    }
    if (definition.hubspotDefined) throw validationError(`${name} is a HubSpot-defined property and cannot be archived`);
    definition.archived = true;
    definition.updatedAt = at();
  }

  return router;
}
