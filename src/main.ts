import { ConfigError, type Config } from './config';
import { withSandboxSecrets } from './config/remembered';
import { loadStartConfig } from './config/start';
import { createLogger } from './logger';
import { startTrellis } from './server';
import { EmbeddedStoreError } from './store/embeddedServer';

/** What a person can act on, said in a sentence; anything else is a bug worth its stack. */
function startFailure(err: unknown): string | null {
  if (err instanceof ConfigError || err instanceof EmbeddedStoreError) return err.message;
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE') {
    return `Port ${e.port} is already in use (another Trellis, or its emulators on the next three ports?). Stop it, or start this one with PORT=<another port>.`;
  }
  return null;
}

let running: { close(): Promise<void> } | null = null;
let stopping = false;

/**
 * Ctrl-C or SIGTERM at any moment: once started, everything is closed in order (the embedded
 * store last); during start-up the process simply exits, and the embedded store's server is
 * told to shut down as the process exits. A second signal does not wait.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (stopping || !running) process.exit(130);
  stopping = true;
  const forced = setTimeout(() => process.exit(1), 20_000);
  forced.unref();
  running
    .close()
    .catch((err: unknown) => console.error(`Trellis did not stop cleanly after ${signal}: ${(err as Error).message}`))
    .finally(() => process.exit(0));
}

async function main(): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let config: Config = loadStartConfig(process.argv.slice(2));
  const started = Date.now();
  if (config.sandbox) config = withSandboxSecrets(config);
  const logger = createLogger(config.logLevel);
  // The sandbox runs Trellis against local emulators of HubSpot, Salesforce and Slack, with a demo company installed;
  // a production start never loads the emulators or the preview's bundler (a development dependency).
  const sandbox = config.sandbox ? await (await import('../sandbox/demo/boot.js')).bootSandbox({ config, logger }) : null;
  const trellis = sandbox?.trellis ?? (await startTrellis(config, logger));
  running = sandbox ?? trellis;
  const demoKey = sandbox?.demo.apiKey ?? null;

  const lines = [
    '',
    `Trellis is running at ${trellis.url}`,
    `  Store           ${trellis.storage.store}`,
    `  Queue           ${trellis.storage.queue}`,
    `  API             ${trellis.url}/api/v1`,
    `  OpenAPI         ${trellis.url}/api/v1/openapi.json`,
    `  Health          ${trellis.url}/healthz  ${trellis.url}/readyz`,
  ];
  // Metrics and readiness detail need the metrics token; only the sandbox's own token is ever printed.
  if (config.sandbox && config.metricsToken) lines.push(`  Metrics         curl -H "Authorization: Bearer ${config.metricsToken}" ${trellis.url}/metrics`);
  else lines.push(`  Metrics         ${trellis.url}/metrics  (send "Authorization: Bearer $TRELLIS_METRICS_TOKEN")`);
  for (const [label, url] of sandbox?.links ?? []) lines.push(`  ${label.padEnd(15)} ${url}`);
  if (demoKey) lines.push(`  Demo API key    ${demoKey}`, `  Try             curl -H "Authorization: Bearer ${demoKey}" ${trellis.url}/api/v1/partners`);
  if (config.sandbox && config.adminToken) lines.push(`  Admin token     ${config.adminToken}  (sandbox only: create tenants with POST /api/v1/tenants)`);
  if (sandbox) lines.push(`  Ready in        ${((Date.now() - started) / 1000).toFixed(1)} s${sandbox.demo.seeded.trellis ? ' (demo data seeded)' : ''}`);
  console.log(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  const message = startFailure(err);
  if (!message) throw err;
  console.error(`\n${message}\n`);
  process.exit(1);
});
