import { createServer } from 'node:net';
import { bootSandbox, type RunningSandbox } from '../../sandbox/demo/boot';
import { loadConfig } from '../../src/config';
import { withSandboxSecrets } from '../../src/config/remembered';
import { createLogger } from '../../src/logger';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The sandbox `npm start` runs, on a free port, its data in `dataDir`, its store in the given database. */
export async function bootTestSandbox(databaseUrl: string, dataDir: string): Promise<RunningSandbox> {
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, TRELLIS_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  return bootSandbox({ config: withSandboxSecrets(config), logger: createLogger('silent'), emulatorPort: () => 0 });
}
