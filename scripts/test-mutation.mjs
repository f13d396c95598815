// `npm run test:mutation`: StrykerJS needs Node 22 or later. On an older Node this runs it on
// Node 24 fetched by npx (cached after the first time), so the project itself stays on Node 20.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const core = createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json');
const stryker = path.join(path.dirname(core), 'bin', 'stryker.js');
const args = [stryker, 'run', ...process.argv.slice(2)];
const major = Number(process.versions.node.split('.')[0]);
const [command, commandArgs] =
  major >= 22 ? [process.execPath, args] : ['npx', ['--yes', '-p', 'node@24', '--', 'node', ...args]];

const run = spawnSync(command, commandArgs, { stdio: 'inherit' });
process.exit(run.status ?? 1);
