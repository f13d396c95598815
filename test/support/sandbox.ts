import { createServer } from 'node:net';
import { bootSandbox, type RunningSandbox } from '../../sandbox/demo/boot';
import { loadConfig } from '../../src/config';
import { withSandboxSecrets } from '../../src/config/remembered';
import { createLogger } from '../../src/logger';

/** A port nothing listens on now, for a server that must know its URL before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The sandbox `npm start` runs, warmed up, on a free port, its data in `dataDir`, its store in the given database; `env` adds settings. */
export async function bootTestSandbox(databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<RunningSandbox> {
  const port = await freePort();
  const config = loadConfig({ TRELLIS_SANDBOX: 'true', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, TRELLIS_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env });
  const sandbox = await bootSandbox({ config: withSandboxSecrets(config), logger: createLogger('silent'), emulatorPort: () => 0 });
  // Tests read the dashboard and health at once: the work `npm start` leaves for after "Ready" is done first.
  await sandbox.warmedUp;
  return sandbox;
}
