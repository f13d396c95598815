import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { defineAssociationType } from './associationTypes';
import { authOf, requireScopes } from './auth';
import type { EmulatorContext } from './context';
import { conflict, notFound, parseBody, unknownObjectType, validationError } from './errors';
import { findObjectType, namesCustomObject, requireCustomObjects, resolveObjectType } from './objectTypes';
import { addBuiltInProperties } from './portals';
import { addProperty, presentProperty, PropertyInput } from './propertyCatalog';
import { propertiesOf } from './propertyValues';
import { recordsOf } from './records';
import type { CustomObjectSchema, Portal } from './state';

const SchemaFields = {
  labels: z.object({ singular: z.string().min(1), plural: z.string().min(1) }),
  description: z.string().optional(),
  primaryDisplayProperty: z.string().optional(),
  requiredProperties: z.array(z.string()).default([]),
  searchableProperties: z.array(z.string()).default([]),
  secondaryDisplayProperties: z.array(z.string()).default([]),
};

const SchemaInput = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'names start with a letter and hold letters, digits and underscores'),
  ...SchemaFields,
  properties: z.array(PropertyInput).min(1),
  /** `CONTACT`, `COMPANY`, `DEAL` or object type ids. */
  associatedObjects: z.array(z.string()).default([]),
});

const SchemaUpdate = z.object(SchemaFields).partial();

const AssociationInput = z.object({
  fromObjectTypeId: z.string(),
  toObjectTypeId: z.string(),
  name: z.string().optional(),
});

function presentSchema(portal: Portal, schema: CustomObjectSchema) {
  return {
    ...schema,
    properties: Object.values(portal.properties[schema.objectTypeId] ?? {})
      .filter((p) => !p.archived)
      .map(presentProperty),
    associations: portal.associationDefinitions
      .filter((d) => d.fromObjectTypeId === schema.objectTypeId)
      .map((d) => ({
        id: String(d.typeId),
        fromObjectTypeId: d.fromObjectTypeId,
        toObjectTypeId: d.toObjectTypeId,
        ...(d.label ? { name: d.label } : {}),
      })),
    metaType: 'PORTAL_SPECIFIC',
  };
}

/** Custom object schemas: `/crm/v3/schemas` and `/crm-object-schemas/v3/schemas`. */
export function schemaRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  /** Every schema call needs the scope (checked first, like every call's token) and a portal with custom objects (Enterprise). */
  function schemaAccess(res: Response, access: 'read' | 'write'): Portal {
    const { portal } = authOf(res);
    requireScopes(res, [`crm.schemas.custom.${access}`]);
    requireCustomObjects(portal);
    return portal;
  }

  /** A schema by objectTypeId or fully qualified name; a bare base name is not inferred (platform-rules.md §1.2). */
  function schemaFor(req: Request, res: Response, access: 'read' | 'write'): CustomObjectSchema {
    const portal = schemaAccess(res, access);
    const identifier = String(req.params.objectType);
    const type = findObjectType(portal, identifier);
    const schema = type ? portal.schemas[type.objectTypeId] : undefined;
    if (!type && !namesCustomObject(identifier)) throw unknownObjectType(identifier);
    if (!schema) throw notFound(`Object type ${identifier} does not exist`);
    return schema;
  }

  const resolveTarget = (portal: Portal, name: string): string => resolveObjectType(portal, name).objectTypeId;

  router.get('/', (_req, res) => {
    const portal = schemaAccess(res, 'read');
    res.json({ results: Object.values(portal.schemas).filter((s) => !s.archived).map((s) => presentSchema(portal, s)) });
  });

  router.post('/', (req, res) => {
    const portal = schemaAccess(res, 'write');
    const input = parseBody(SchemaInput, req.body);
    if (Object.values(portal.schemas).some((s) => !s.archived && s.name.toLowerCase() === input.name.toLowerCase())) {
      throw conflict(`Object type with name '${input.name}' already exists.`, 'OBJECT_ALREADY_EXISTS');
    }
    const names = new Set(input.properties.map((p) => p.name));
    const unknown = [input.primaryDisplayProperty, ...input.requiredProperties, ...input.searchableProperties]
      .filter((n): n is string => n !== undefined)
      .filter((n) => !names.has(n));
    if (unknown.length > 0) throw validationError(`Properties not defined in this schema: ${unknown.join(', ')}`);
    const targets = input.associatedObjects.map((name) => resolveTarget(portal, name));

    const at = new Date(ctx.now()).toISOString();
    const id = String(ctx.state.nextCustomObjectId++);
    const name = input.name.toLowerCase();
    const schema: CustomObjectSchema = {
      id,
      objectTypeId: `2-${id}`,
      name,
      fullyQualifiedName: `p${portal.id}_${name}`,
      labels: input.labels,
      ...(input.primaryDisplayProperty ? { primaryDisplayProperty: input.primaryDisplayProperty } : {}),
      requiredProperties: input.requiredProperties,
      searchableProperties: input.searchableProperties,
      secondaryDisplayProperties: input.secondaryDisplayProperties,
      ...(input.description ? { description: input.description } : {}),
      createdAt: at,
      updatedAt: at,
      archived: false,
    };
    portal.schemas[schema.objectTypeId] = schema;
    addBuiltInProperties(portal, schema.objectTypeId, at, name);
    const type = findObjectType(portal, schema.objectTypeId)!;
    for (const property of input.properties) addProperty(portal, type, property, ctx.now());
    for (const target of targets) defineAssociationType(portal, schema.objectTypeId, target, null);
    ctx.changed();
    res.status(201).json(presentSchema(portal, schema));
  });

  router.get('/:objectType', (req, res) => {
    res.json(presentSchema(authOf(res).portal, schemaFor(req, res, 'read')));
  });

  router.patch('/:objectType', (req, res) => {
    const schema = schemaFor(req, res, 'write');
    const { portal } = authOf(res);
    const changes = parseBody(SchemaUpdate, req.body);
    const defined = propertiesOf(portal, findObjectType(portal, schema.objectTypeId)!);
    const unknown = [changes.primaryDisplayProperty, ...(changes.requiredProperties ?? [])]
      .filter((n): n is string => n !== undefined)
      .filter((n) => !defined[n]);
    if (unknown.length > 0) throw validationError(`Properties not defined on this object: ${unknown.join(', ')}`);
    Object.assign(schema, changes, { updatedAt: new Date(ctx.now()).toISOString() });
    ctx.changed();
    res.json(presentSchema(portal, schema));
  });

  router.delete('/:objectType', (req, res) => {
    const schema = schemaFor(req, res, 'write');
    const { portal } = authOf(res);
    const type = findObjectType(portal, schema.objectTypeId)!;
    if (Object.values(recordsOf(portal, type)).some((r) => !r.archived)) {
      throw validationError(`Object type ${schema.name} still has records; delete them first`);
    }
    schema.archived = true;
    ctx.changed();
    res.status(204).end();
  });

  router.post('/:objectType/associations', (req, res) => {
    const schema = schemaFor(req, res, 'write');
    const { portal } = authOf(res);
    const input = parseBody(AssociationInput, req.body);
    const from = resolveTarget(portal, input.fromObjectTypeId);
    const to = resolveTarget(portal, input.toObjectTypeId);
    if (from !== schema.objectTypeId && to !== schema.objectTypeId) {
      throw validationError(`The association must start or end at ${schema.objectTypeId}`);
    }
    const definition = defineAssociationType(portal, from, to, input.name ?? null);
    ctx.changed();
    res.status(201).json({
      id: String(definition.typeId),
      fromObjectTypeId: from,
      toObjectTypeId: to,
      ...(input.name ? { name: input.name } : {}),
      createdAt: new Date(ctx.now()).toISOString(),
      updatedAt: new Date(ctx.now()).toISOString(),
    });
  });

  return router;
}
