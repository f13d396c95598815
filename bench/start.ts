/**
 * Start-up time of the sandbox as a person sees it: the wall-clock time from running the start
 * command to the line with the demo API key ("Ready"), on a fresh data directory and on a second
 * start of the same directory after Ctrl-C. The baseline, measured in the same run, is the
 * floor under the first: creating and starting the embedded PostgreSQL server alone.
 *
 *   npm run bench:start            (3 rounds)
 *   npm run bench:start -- 5       (5 rounds)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedServer } from '../src/store/embeddedServer';

const ROUNDS = Number(process.argv[2] ?? 3);
const TARGET_FRESH_MS = 10_000;
const TARGET_SECOND_MS = 4_000;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Starts Trellis as `npm start` does, resolves with the milliseconds until "Ready", then stops it with SIGINT. */
function startOnce(dataDir: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    // The embedded store and queue, whatever this shell has configured.
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
      env: { ...env, TRELLIS_DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let readyMs: number | null = null;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyMs === null && /Ready in/.test(output)) {
        readyMs = performance.now() - began;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => (readyMs === null ? reject(new Error(`start exited with ${code} before Ready:\n${output.slice(-2000)}`)) : resolve(readyMs)));
  });
}

async function storeAlone(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-bench-start-pg-'));
  const began = performance.now();
  const server = await startEmbeddedServer(dir);
  const ms = performance.now() - began;
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const loadAtStart = load();
  const fresh: number[] = [];
  const second: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-bench-start-'));
    const port = 4900 + round * 10;
    baseline.push(await storeAlone());
    fresh.push(await startOnce(dir, port));
    second.push(await startOnce(dir, port));
    rmSync(dir, { recursive: true, force: true });
    console.log(`round ${round + 1}: fresh ${seconds(fresh.at(-1)!)}, second ${seconds(second.at(-1)!)}, store alone ${seconds(baseline.at(-1)!)}  (load ${load()})`);
  }
  const f = median(fresh);
  const s = median(second);
  const b = median(baseline);
  console.log(
    `\nSandbox start (npm start: embedded PostgreSQL, three emulators, demo tenant), ${ROUNDS} rounds, medians:\n` +
      `  fresh data directory   ${seconds(f)}  (min ${seconds(Math.min(...fresh))}, max ${seconds(Math.max(...fresh))})  target < ${seconds(TARGET_FRESH_MS)}: ${f < TARGET_FRESH_MS ? 'met' : 'MISSED'}\n` +
      `  second start           ${seconds(s)}  (min ${seconds(Math.min(...second))}, max ${seconds(Math.max(...second))})  target < ${seconds(TARGET_SECOND_MS)}: ${s < TARGET_SECOND_MS ? 'met' : 'MISSED'}\n` +
      `  baseline: embedded PostgreSQL created and started alone ${seconds(b)}; fresh start = ${(f / b).toFixed(1)}× it, second start = ${(s / b).toFixed(1)}× it\n` +
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadAtStart} at start, ${load()} at end`,
  );
  process.exitCode = f < TARGET_FRESH_MS && s < TARGET_SECOND_MS ? 0 : 1;
}

void main();
