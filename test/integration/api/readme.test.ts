import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fullApiDocument } from '../../../src/api/openapiDocument';
import { startTestApp, type TestApp } from '../../support/api';

const README = readFileSync('README.md', 'utf8');
const section = (heading: string) => README.slice(README.indexOf(heading), README.indexOf('\n## ', README.indexOf(heading) + 1));

/** `METHOD[/METHOD…] /api/…` in the README, each method with each path it names (`[/:id]` is the path with and without it). */
function endpointsNamed(text: string): string[] {
  const named = [...text.matchAll(/`((?:GET|POST|PUT|PATCH|DELETE)(?:\/(?:GET|POST|PUT|PATCH|DELETE))*) (\/api\/[^`\s?]+)/g)];
  return named.flatMap(([, methods, path]) => {
    const paths = path!.includes('[/:id]') ? [path!.replace('[/:id]', ''), path!.replace('[/:id]', '/:id')] : [path!];
    return methods!.split('/').flatMap((method) => paths.map((p) => `${method} ${p.replace(/,$/, '')}`));
  });
}

describe('the README', () => {
  it('names only endpoints the OpenAPI document has', () => {
    const document = fullApiDocument();
    const operations = new Set(Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const named = endpointsNamed(README).map((e) => e.replace(/:(\w+)/g, '{$1}'));
    expect(named.length).toBeGreaterThan(40);
    // The document itself is served beside the routes it describes.
    expect(named.filter((e) => !operations.has(e) && e !== 'GET /api/v1/openapi.json')).toEqual([]);
  });

  describe('"Try the API"', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp('postgres');
    });
    afterAll(() => app.close());

    it('runs as pasted, twice, against a running Trellis', async () => {
      const [, script] = /```sh\n([\s\S]*?)```/.exec(section('## Try the API'))!;
      // The sandbox's folder: its demo tenant's key where `npm start` writes it.
      const folder = mkdtempSync(join(tmpdir(), 'trellis-readme-'));
      mkdirSync(join(folder, '.trellis'));
      writeFileSync(join(folder, '.trellis', 'demo-api-key'), (await app.newTenant('Demo')).token);
      const run = async () => {
        const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script!.replaceAll('http://localhost:3000', app.url)], { cwd: folder });
        return stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      };
      const [partner, check] = await run();
      expect(partner).toMatchObject({ name: 'Fabrikam Integrators', domain: 'fabrikam.com', tier: 'gold' });
      expect(check).toEqual({ conflicts: [] });
      // Pasted again, the partner exists: the 409 names it, and the rest runs on with its id.
      const [again] = await run();
      expect(again).toEqual(partner);
    });
  });
});
