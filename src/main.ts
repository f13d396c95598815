import { bootSandbox } from '../sandbox/demo/boot';
import { ConfigError, loadConfig, type Config } from './config';
import { withSandboxSecrets } from './config/remembered';
import { createLogger } from './logger';
import { startTrellis } from './server';
import { EmbeddedStoreError } from './store/embeddedServer';

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
  const started = Date.now();
  if (config.sandbox) config = withSandboxSecrets(config);
  const logger = createLogger(config.logLevel);
  // The sandbox runs Trellis against local emulators of HubSpot, Salesforce and Slack, with a demo company installed.
  const sandbox = config.sandbox ? await bootSandbox({ config, logger }) : null;
  const trellis = sandbox?.trellis ?? (await startTrellis(config, logger));
  const demoKey = sandbox?.demo.apiKey ?? null;

  const lines = [
    '',
    `Trellis is running at ${trellis.url}`,
    `  Store           ${trellis.storage.store}`,
    `  Queue           ${trellis.storage.queue}`,
    `  API             ${trellis.url}/api/v1`,
    `  OpenAPI         ${trellis.url}/api/v1/openapi.json`,
    `  Health          ${trellis.url}/healthz  ${trellis.url}/readyz`,
    `  Metrics         ${trellis.url}/metrics`,
  ];
  for (const [label, url] of sandbox?.links ?? []) lines.push(`  ${label.padEnd(15)} ${url}`);
  if (demoKey) lines.push(`  Demo API key    ${demoKey}`, `  Try             curl -H "Authorization: Bearer ${demoKey}" ${trellis.url}/api/v1/partners`);
  if (config.sandbox && config.adminToken) lines.push(`  Admin token     ${config.adminToken}  (sandbox only: create tenants with POST /api/v1/tenants)`);
  if (sandbox) lines.push(`  Ready in        ${((Date.now() - started) / 1000).toFixed(1)} s${sandbox.demo.seeded.trellis ? ' (demo data seeded)' : ''}`);
  console.log(lines.join('\n') + '\n');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await (sandbox ?? trellis).close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  // A store that cannot start says why and what to do; anything else is a bug worth its stack.
  if (err instanceof EmbeddedStoreError) {
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
  throw err;
});
