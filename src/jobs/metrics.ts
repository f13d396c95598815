import { Counter, type Registry } from 'prom-client';

/** Job counters, registered on the app's one registry (`/metrics`). */
export function createJobMetrics(registry: Registry) {
  return {
    processed: new Counter({
      name: 'trellis_jobs_processed_total',
      help: 'Background jobs finished, by queue and outcome',
      labelNames: ['queue', 'outcome'] as const,
      registers: [registry],
    }),
  };
}
