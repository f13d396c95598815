/**
 * The production start (`npm run serve`): Trellis for real HubSpot, Salesforce and Slack accounts,
 * in the role TRELLIS_ROLE names. It never loads the sandbox (`sandbox/main.ts`, `npm start`), the
 * card preview or any development dependency; test/unit/lifecycle/productionModuleGraph.test.ts holds it to that.
 */
import { ConfigError } from './config';
import { loadStartConfig } from './config/start';
import { addressLines } from './lifecycle/addresses';
import { runUntilSignalled } from './lifecycle/runUntilSignalled';
import { createLogger } from './logger';
import { startTrellis } from './server';

runUntilSignalled(async () => {
  if (process.argv.includes('--sandbox')) throw new ConfigError('The sandbox is a start of its own: npm start (node --import tsx sandbox/main.ts).');
  const config = loadStartConfig([]);
  const trellis = await startTrellis(config, createLogger(config.logLevel));
  console.log([...addressLines(trellis), `  Metrics         ${trellis.url}/metrics  (send "Authorization: Bearer $TRELLIS_METRICS_TOKEN")`].join('\n') + '\n');
  return { close: () => trellis.close(), stopWithinMs: config.shutdownGraceMs + 10_000 };
});
