import { fullApiDocument } from '../../../src/api/openapiDocument';
import { apiRoutes, type AppOptions } from '../../../src/api/app';

interface Schema {
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
}
interface Operation {
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: { content: { 'application/json': { schema: Schema; example?: unknown } } };
}

/** Every property a client may set, anywhere in a request schema, that has no description. */
function undescribed(schema: Schema, at: string): string[] {
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? []), ...(schema.items ? [schema.items] : [])].flatMap((s) => undescribed(s, at));
  const values = typeof schema.additionalProperties === 'object' ? undescribed(schema.additionalProperties, `${at}.*`) : [];
  const properties = Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [
    ...(property.description ? [] : [`${at}.${name}`]),
    ...undescribed(property, `${at}.${name}`),
  ]);
  return [...nested, ...values, ...properties];
}

const operations = () =>
  Object.entries(fullApiDocument().paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );

/** Per operation, the parameters and request properties without a description, and a body without an example. */
function gaps(): Map<string, string[]> {
  return new Map(
    operations().map(({ name, operation }) => {
      const body = operation.requestBody?.content['application/json'];
      return [
        name,
        [
          ...(operation.parameters ?? []).filter((p) => !p.description).map((p) => `${p.in} ${p.name}`),
          ...(body ? undescribed(body.schema, 'body') : []),
          ...(body && body.example === undefined ? ['no example body'] : []),
        ],
      ];
    }),
  );
}

describe('the OpenAPI document, as a developer reads it', () => {
  it('describes every parameter and request property a client sets, and shows an example of every request body', () => {
    const missing = [...gaps()].filter(([, list]) => list.length > 0).map(([name, list]) => `${name}: ${list.join(', ')}`);
    expect(missing).toEqual([]);
  });

  it('shows examples the routes accept', () => {
    const unused = {} as never;
    const options: AppOptions = { db: unused, clock: unused, keyring: unused, logger: unused, adminToken: undefined, sync: { control: unused, webhooks: unused }, install: unused };
    const document = fullApiDocument() as { paths: Record<string, Record<string, Operation>> };
    const examples = apiRoutes(options, unused).flatMap((route) => {
      const example = route.body && document.paths[route.path.replace(/:(\w+)/g, '{$1}')]![route.method]!.requestBody!.content['application/json'].example;
      return example === undefined ? [] : [{ route, example }];
    });
    expect(examples.length).toBeGreaterThan(20);
    const refused = examples.flatMap(({ route, example }) => {
      const parsed = route.body!.safeParse(example);
      return parsed.success ? [] : [`${route.method.toUpperCase()} ${route.path}: ${parsed.error.message}`];
    });
    expect(refused).toEqual([]);
  });
});
