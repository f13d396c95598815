import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** What a production process inherits from the test run: how to find node and tsx, and nothing of Trellis's settings. */
const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) });

/** A command of the production install (`npm run migrate`'s script) run to its end: its exit code and output. */
export function runProductionCommand(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...baseEnv(), ...env } });
  let output = '';
  child.stdout.on('data', (c: Buffer) => void (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => void (output += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/**
 * `npm run serve` in one role, as a container runs it: node itself runs the production entry
 * (tsx as a loader, not a wrapper process), so a signal reaches Trellis.
 */
export class ProductionProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<number | null>;
  /** Where it serves HTTP (a worker: health only), once started. */
  url = '';

  constructor(readonly role: 'web' | 'worker' | 'all', env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { ...baseEnv(), PORT: '0', HOST: '127.0.0.1', ...env, TRELLIS_ROLE: role } });
    const collect = (chunk: Buffer) => void (this.output += chunk.toString());
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  }

  async started(timeoutMs = 90_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const url = /(http:\/\/127\.0\.0\.1:\d+)\/healthz/.exec(this.output)?.[1];
      if (url) {
        this.url = url;
        return this;
      }
      if (this.child.exitCode !== null) throw new Error(`the ${this.role} process exited (${this.child.exitCode}) before it started:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the ${this.role} process did not start within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  kill(signal: NodeJS.Signals): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}
