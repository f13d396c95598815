import type { RunningTrellis } from '../server';

/** Where a started Trellis is reached, for the start-up output: a worker serves health only. */
export function addressLines(trellis: RunningTrellis): string[] {
  const storage = [`  Store           ${trellis.storage.store}`, `  Queue           ${trellis.storage.queue}`];
  if (trellis.role === 'worker') {
    return ['', `Trellis worker is running (jobs, schedulers, outbox relay)`, ...storage, `  Health          ${trellis.url}/healthz  ${trellis.url}/readyz`];
  }
  return [
    '',
    `Trellis is running at ${trellis.url}${trellis.role === 'web' ? ' (web: jobs run in worker processes)' : ''}`,
    ...storage,
    `  API             ${trellis.url}/api/v1`,
    `  OpenAPI         ${trellis.url}/api/v1/openapi.json`,
    `  Health          ${trellis.url}/healthz  ${trellis.url}/readyz`,
  ];
}
