import { z } from 'zod';
import { ROLES, can, principalFor } from '../domain/access';
import { permissionOf, type AnyRoute } from './route';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
};

/** Parameters of an object schema, one per property. */
function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, s]) => {
    // A parameter's description is the parameter's, not its schema's (where a client generator would not show it).
    const { description, ...rest } = s as { description?: string };
    return { name, in: location, ...(description && { description }), required: location === 'path' || (object.required ?? []).includes(name), schema: rest };
  });
}

/**
 * A request body: its schema, and the example its schema carries (`.meta({ examples })`) shown as
 * the body's example. Read from the schema's metadata: zod leaves examples out of the JSON Schema
 * of an object whose fields transform what they read (a country code made upper case).
 */
function requestBody(schema: z.ZodType) {
  const { examples: _inSchema, ...rest } = jsonSchema(schema, 'input');
  const example = (z.globalRegistry.get(schema)?.examples as unknown[] | undefined)?.[0];
  return { required: true, content: { 'application/json': { schema: rest, ...(example !== undefined && { example }) } } };
}

export const API_VERSION = '1.0.0';

const words = (segment: string) => segment.split(/[-_]/).filter(Boolean);
const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/**
 * A route's name for client generators: its own when it has one, else method and path in
 * camelCase (`GET /api/v1/partners/:id/health` → `getPartnersByIdHealth`), which stays the same
 * as long as the route does.
 */
export function operationIdOf(route: Pick<AnyRoute, 'method' | 'path' | 'operationId'>): string {
  if (route.operationId) return route.operationId;
  const segments = route.path.replace(/^\/api\/v1(?=\/|$)/, '').split('/').filter(Boolean);
  const parts = segments.flatMap((segment) => (segment.startsWith(':') ? ['by', ...words(segment.slice(1))] : words(segment)));
  return route.method + parts.map(capitalized).join('');
}

/** The roles whose API keys and users may call a route (a partner manager only for the partners they manage). */
const rolesAllowed = (route: AnyRoute) => ROLES.filter((role) => can(principalFor(role), permissionOf(route)));

/** The OpenAPI 3.1 document, derived from the same route definitions and zod schemas that validate requests. */
export function buildOpenApi(routes: readonly AnyRoute[], version: string, publicUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    const operationId = operationIdOf(route);
    if (operationIds.has(operationId)) throw new Error(`two routes named ${operationId}: give one an operationId`);
    operationIds.add(operationId);
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const headers = route.idempotent
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            description: 'Any unique string (a UUID, say): a retry with the same key and body gets the first answer again instead of acting twice',
            required: false,
            schema: { type: 'string', maxLength: 255 },
          },
        ]
      : [];
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth !== 'admin' && { 'x-trellis-roles': rolesAllowed(route) }),
      security: [{ [route.auth === 'admin' ? 'adminToken' : 'apiKey']: [] }],
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...headers],
      ...(route.body && { requestBody: requestBody(route.body) }),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [
          status,
          { description: r.description, content: { 'application/json': { schema: jsonSchema(r.schema, 'output') } } },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trellis API',
      version,
      description: 'Partner relationship management inside HubSpot and Salesforce.',
      // Not published under an open licence (package.json: UNLICENSED); SPDX names such a licence `LicenseRef-…`.
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    // Paths start at the host's root; without a configured public URL, the host that served the document.
    servers: [{ url: publicUrl ? publicUrl.replace(/\/+$/, '') : '/' }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A tenant API key' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'The operator admin token (TRELLIS_ADMIN_TOKEN)' },
      },
    },
    paths,
  };
}
