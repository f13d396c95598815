// One embedded PostgreSQL server (the store `npm start` uses) for the whole run: suites that run
// "on every store" create their databases on it beside the ones on the machine's PostgreSQL.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { require: tsxRequire } = require('tsx/cjs/api');

const ENV = 'TEST_EMBEDDED_POSTGRES_URL';

async function setup() {
  const { startEmbeddedServer } = tsxRequire('../../src/store/embeddedServer.ts', __filename);
  const dir = mkdtempSync(join(tmpdir(), 'trellis-test-pg-'));
  const server = await startEmbeddedServer(dir);
  process.env[ENV] = await server.database('postgres');
  globalThis.__trellisEmbeddedPostgres = { server, dir };
}

async function teardown() {
  const running = globalThis.__trellisEmbeddedPostgres;
  if (!running) return;
  await running.server.stop();
  rmSync(running.dir, { recursive: true, force: true });
}

module.exports = { setup, teardown, ENV };
