/**
 * `npm start`: Trellis against local emulators of HubSpot, Salesforce and Slack, with a demo company
 * installed, and every URL a person needs printed. The production start is src/main.ts.
 */
import { loadStartConfig } from '../src/config/start';
import { withSandboxSecrets } from '../src/config/remembered';
import { addressLines } from '../src/lifecycle/addresses';
import { runUntilSignalled } from '../src/lifecycle/runUntilSignalled';
import { createLogger } from '../src/logger';
import { bootSandbox } from './demo/boot';

runUntilSignalled(async () => {
  const started = Date.now();
  const config = withSandboxSecrets(loadStartConfig(['--sandbox']));
  const sandbox = await bootSandbox({ config, logger: createLogger(config.logLevel) });
  const { trellis, demo } = sandbox;
  const lines = [
    ...addressLines(trellis),
    // Only the sandbox's own metrics token is ever printed.
    `  Metrics         curl -H "Authorization: Bearer ${config.metricsToken}" ${trellis.url}/metrics`,
    ...sandbox.links.map(([label, url]) => `  ${label.padEnd(15)} ${url}`),
    `  Demo API key    ${demo.apiKey}`,
    `  Try             curl -H "Authorization: Bearer ${demo.apiKey}" ${trellis.url}/api/v1/partners`,
    `  Admin token     ${config.adminToken}  (sandbox only: create tenants with POST /api/v1/tenants)`,
    `  Ready in        ${((Date.now() - started) / 1000).toFixed(1)} s${demo.seeded.trellis ? ' (demo data seeded)' : ''}`,
  ];
  console.log(lines.join('\n') + '\n');
  return { close: () => sandbox.close(), stopWithinMs: config.shutdownGraceMs + 18_000 };
});
