import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { startTrellis } from './server';
import { generateKeyringSpec, parseKeyring } from './store/secrets';
import { listTenantIds } from './store/tenants';
import { createTenant } from './usecases/tenants';

/** A value kept in the data directory so the sandbox prints the same credentials after a restart. */
function remembered(dataDir: string, file: string, make: () => string): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return value;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { dataDir } = config;
  if (config.sandbox) {
    config = {
      ...config,
      adminToken: config.adminToken ?? remembered(dataDir, 'admin-token', () => randomBytes(24).toString('base64url')),
      encryptionKeys: config.encryptionKeys ?? parseKeyring(remembered(dataDir, 'encryption-keys', () => generateKeyringSpec())),
    };
  }
  const logger = createLogger(config.logLevel);
  const trellis = await startTrellis(config, logger);

  let demoKey: string | null = null;
  if (config.sandbox) {
    if ((await listTenantIds(trellis.db)).length === 0) {
      const { apiKey } = await createTenant(trellis, 'Demo Company');
      writeFileSync(join(dataDir, 'demo-api-key'), `${apiKey}\n`, { mode: 0o600 });
    }
    const keyFile = join(dataDir, 'demo-api-key');
    demoKey = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : null;
  }

  const lines = [
    '',
    `Trellis is running at ${trellis.url}  (store: ${config.database.kind}, queue: ${config.queue.kind})`,
    `  API             ${trellis.url}/api/v1`,
    `  OpenAPI         ${trellis.url}/api/v1/openapi.json`,
    `  Health          ${trellis.url}/healthz  ${trellis.url}/readyz`,
    `  Metrics         ${trellis.url}/metrics`,
  ];
  if (demoKey) lines.push(`  Demo API key    ${demoKey}`, `  Try             curl -H "Authorization: Bearer ${demoKey}" ${trellis.url}/api/v1/partners`);
  if (config.sandbox && config.adminToken) lines.push(`  Admin token     ${config.adminToken}  (sandbox only: create tenants with POST /api/v1/tenants)`);
  console.log(lines.join('\n') + '\n');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await trellis.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

void main();
