import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** A cheap guard on what cannot run here (Docker); the multi-process integration test runs the same deployment for real. */
describe('the container image and the compose file', () => {
  it('build on Node.js 24 LTS with production dependencies only, run the production start as an unprivileged user, and check health', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM node:24-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "src\/main\.ts"\]$/m);
    expect(dockerfile).not.toMatch(/COPY (sandbox|test)/);
  });

  it('run PostgreSQL, Redis, the migrations once, two web and two worker processes', () => {
    const compose = read('compose.yaml');
    const section = /^services:\n([\s\S]*?)^\S/m.exec(compose)![1]!;
    const services = [...section.matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1]);
    expect(services).toEqual(['postgres', 'redis', 'migrate', 'web-1', 'web-2', 'worker-1', 'worker-2']);
    expect(compose.match(/TRELLIS_ROLE: web\b/g)).toHaveLength(2);
    expect(compose.match(/TRELLIS_ROLE: worker\b/g)).toHaveLength(2);
    expect(compose).toMatch(/TRELLIS_MIGRATE: never/);
    expect(compose).toMatch(/src\/migrateCommand\.ts/);
  });

  it('declare Node.js 24 LTS supported, and 20 still', () => {
    const { engines } = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(engines.node).toBe('^20 || ^24');
  });
});
