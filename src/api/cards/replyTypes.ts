import { z } from 'zod';
import { CARD_REPLY_SCHEMAS } from './replies';

/** Where the HubSpot cards read their reply types from; the cards are bundled apart from Trellis and cannot import its modules. */
export const CARD_REPLY_TYPES_FILE = 'extensions/hubspot/src/cardReplies.ts';

const HEADER = `/**
 * The card backend's replies as TypeScript types, generated from the zod schemas in
 * src/api/cards/replies.ts by \`npm run generate:card-types\`. Do not edit: change the schemas and
 * generate again (a test fails while this file and the schemas differ).
 */
`;

/**
 * The card reply schemas as TypeScript: JSON Schema by zod, one named type each (shared parts by
 * reference, so Evidence is one type), then TypeScript by openapi-typescript.
 */
export async function cardReplyTypes(): Promise<string> {
  // openapi-typescript's dependencies are ES modules only.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(CARD_REPLY_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` });
  const components = Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]));
  const ast = await openapiTS({ openapi: '3.1.0', info: { title: 'Trellis card replies', version: '1' }, paths: {}, components: { schemas: components } } as never);
  return HEADER + astToString(ast);
}
