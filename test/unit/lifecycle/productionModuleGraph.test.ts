import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moduleGraph } from '../../support/moduleGraph';

const ROOT = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const devDependencies = Object.keys(manifest.devDependencies);

/** What a production install (`npm ci --omit=dev`, the container image) runs: the server and the migrations. */
const PRODUCTION_ENTRIES = ['src/main.ts', 'src/migrateCommand.ts'];

describe.each(PRODUCTION_ENTRIES)('%s, run in production, loads', (entry) => {
  const graph = moduleGraph(ROOT, entry);

  it('no file of the sandbox (its emulators and demo) and not the card preview with its bundler', () => {
    expect(graph.files.filter((f) => f.startsWith('sandbox/') || f.startsWith('src/preview/'))).toEqual([]);
  });

  it('no development dependency, and only packages a production install has', () => {
    expect(graph.packages.filter((p) => devDependencies.includes(p))).toEqual([]);
    expect(graph.packages.filter((p) => !(p in manifest.dependencies))).toEqual([]);
  });
});

describe('the module graph', () => {
  it('follows the production start to what it runs', () => {
    const graph = moduleGraph(ROOT, 'src/main.ts');
    expect(graph.files).toEqual(expect.arrayContaining(['src/server.ts', 'src/api/app.ts', 'src/sync/service.ts', 'webhooks/hubspot.ts']));
    expect(graph.packages).toEqual(expect.arrayContaining(['bullmq', 'express', 'pg', 'zod']));
  });

  it('finds the emulators, both previews, esbuild and the LWC compiler (dynamic imports) from the sandbox start', () => {
    const graph = moduleGraph(ROOT, 'sandbox/main.ts');
    expect(graph.files).toEqual(expect.arrayContaining(['sandbox/hubspot/index.ts', 'sandbox/salesforce/index.ts', 'src/preview/router.ts', 'src/preview/bundle.ts', 'src/preview/salesforce/router.ts', 'src/preview/salesforce/bundle.ts']));
    expect(graph.packages).toEqual(expect.arrayContaining(['esbuild', '@lwc/compiler']));
  });
});
