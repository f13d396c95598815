import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fullApiDocument } from '../../../src/api/openapiDocument';
import { operationIdOf } from '../../../src/api/openapi';

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
}

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules without an error or a warning', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(fullApiDocument()));
    const { stdout } = await promisify(execFile)('node_modules/.bin/redocly', ['lint', file, '--format=json'], { env: { ...process.env, NO_COLOR: '1' } }).catch(
      (failed: { stdout: string }) => failed,
    );
    const { problems } = JSON.parse(stdout) as { problems: Problem[] };
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([]);
  }, 60_000);

  it('names each operation after its route, for client generators', () => {
    const doc = fullApiDocument();
    expect(doc.servers).toEqual([{ url: '/' }]);
    expect(doc.paths['/api/v1/partners/{id}/health']?.get).toMatchObject({ operationId: 'getPartnersByIdHealth' });
    expect(doc.paths['/api/v1/deal-registrations/{id}/approve']?.post).toMatchObject({ operationId: 'postDealRegistrationsByIdApprove' });
    expect(operationIdOf({ method: 'get', path: '/api/v1/partners', operationId: 'listPartners' })).toBe('listPartners');
  });
});
