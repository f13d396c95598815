import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** `npm start` (or another npm script) in a process group of its own, as a terminal runs it: a signal to the group is a Ctrl-C. */
export class StartedTrellis {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<number | null>;
  private readonly began = Date.now();

  constructor(dataDir: string, port: number, npmArgs = ['start', '--silent']) {
    // The embedded store and queue, whatever the test environment configures.
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...env } = process.env;
    this.child = spawn('npm', npmArgs, { cwd: ROOT, env: { ...env, TRELLIS_DATA_DIR: dataDir, PORT: String(port) }, detached: true });
    const collect = (chunk: Buffer) => void (this.output += chunk.toString());
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Milliseconds from the command to "Ready", once the URLs and the demo API key are printed. */
  async ready(timeoutMs = 90_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!/Ready in/.test(this.output)) {
      if (this.child.exitCode !== null) throw new Error(`npm start exited (${this.child.exitCode}) before Ready:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`npm start was not ready within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return Date.now() - this.began;
  }

  get apiKey(): string {
    const key = /Demo API key\s+(trl_\S+)/.exec(this.output)?.[1];
    if (!key) throw new Error(`no API key printed:\n${this.output}`);
    return key;
  }

  /**
   * Sends `signal` to the whole process group, as a terminal's Ctrl-C does, and resolves with the
   * milliseconds until every process of the group has exited (npm itself dies of the signal at once;
   * Trellis takes its time to close).
   */
  async stop(signal: NodeJS.Signals, timeoutMs = 30_000): Promise<number> {
    const began = Date.now();
    const group = -this.child.pid!;
    process.kill(group, signal);
    for (;;) {
      try {
        process.kill(group, 0);
      } catch {
        return Date.now() - began;
      }
      if (Date.now() - began > timeoutMs) throw new Error(`still running ${timeoutMs} ms after ${signal}:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The processes of the embedded server of `dataDir` still running (the pid in its postmaster.pid, if alive). */
export function embeddedServerRunning(dataDir: string): boolean {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What the emulators keep in their files: HubSpot and Salesforce record counts, Slack messages per channel. */
export function emulatorFiles(dataDir: string) {
  const read = (name: string) => JSON.parse(readFileSync(join(dataDir, 'sandbox', `${name}.json`), 'utf8'));
  const hubspot = read('hubspot') as { portals: Record<string, { records: Record<string, Record<string, unknown>> }> };
  const salesforce = read('salesforce') as { orgs: Record<string, { records: Record<string, Record<string, unknown> | unknown[]> }> };
  const slack = read('slack') as { messages: Record<string, Array<{ text?: string; deleted?: boolean }>> };
  const count = (records: Record<string, unknown>) => Object.fromEntries(Object.entries(records).map(([type, r]) => [type, Object.keys(r as object).length]));
  return {
    hubspot: Object.values(hubspot.portals).map((p) => count(p.records)),
    salesforce: Object.values(salesforce.orgs).map((o) => count(o.records)),
    slack: slack.messages,
  };
}
