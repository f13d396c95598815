import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fullApiDocument } from './api/openapiDocument';

/** Writes the OpenAPI document to the path given (for linting and client generation); no store or CRM needed. */
const [target = 'openapi.json'] = process.argv.slice(2);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(fullApiDocument(process.env.PUBLIC_URL), null, 2)}\n`);
console.log(`OpenAPI document written to ${target}`);
