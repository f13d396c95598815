import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { fullApiDocument } from '../../../src/api/openapiDocument';

/** A client an integrator would write against types generated from the document: list partners, register a deal. */
const CLIENT = `
import type { paths } from './api';

type Json<Op> = Op extends { content: { 'application/json': infer T } } ? T : never;
type PartnerPage = Json<paths['/api/v1/partners']['get']['responses'][200]>;
type NewRegistration = Json<paths['/api/v1/deal-registrations']['post']['requestBody']>;
type Registration = Json<paths['/api/v1/deal-registrations']['post']['responses'][201]>;

async function call<T>(base: string, key: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(base + path, { method, headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error('Trellis answered ' + res.status);
  return (await res.json()) as T;
}

export async function registerWithFirstPartner(base: string, key: string): Promise<string | null> {
  const page = await call<PartnerPage>(base, key, 'GET', '/api/v1/partners?limit=1');
  const partner = page.data[0];
  if (!partner) return null;
  const tier: 'registered' | 'silver' | 'gold' | 'platinum' = partner.tier;
  const registration: NewRegistration = {
    partnerId: partner.id,
    customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' },
    products: ['Analytics Suite'],
    amount: tier === 'platinum' ? 250000 : 125000,
    currency: 'USD',
    expectedCloseDate: '2026-06-30',
  };
  const created = await call<Registration>(base, key, 'POST', '/api/v1/deal-registrations', registration);
  const conflicts: number = created.conflicts.length;
  return created.status === 'pending' && conflicts === 0 ? created.id : created.status;
}
`;

/** Generates the types with openapi-typescript and compiles the client against them; the compiler's complaints, if any. */
async function compileClientAgainst(document: object): Promise<string[]> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const dir = mkdtempSync(join(tmpdir(), 'trellis-client-'));
  writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(document as never)));
  writeFileSync(join(dir, 'client.ts'), CLIENT);
  const program = ts.createProgram([join(dir, 'client.ts')], {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a TypeScript client generated from the OpenAPI document', () => {
  it('compiles without an error', async () => {
    expect(await compileClientAgainst(fullApiDocument())).toEqual([]);
  }, 120_000);

  it('does not compile when the document no longer says what the client relies on', async () => {
    const broken = fullApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    delete broken.paths['/api/v1/deal-registrations']!.post!.responses['201'];
    expect(await compileClientAgainst(broken)).not.toEqual([]);
  }, 120_000);
});
