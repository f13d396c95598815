import { Counter, Gauge, type Registry } from 'prom-client';

/** Sync counters and gauges, registered on the app's one registry (`/metrics`). */
export function createSyncMetrics(registry: Registry) {
  const registers = [registry];
  return {
    records: new Counter({
      name: 'trellis_sync_records_total',
      help: 'Records synced, by CRM, direction and outcome',
      labelNames: ['crm', 'direction', 'outcome'] as const,
      registers,
    }),
    requests: new Counter({ name: 'trellis_sync_crm_requests_total', help: 'Batch calls made to CRMs, by CRM and call', labelNames: ['crm', 'call'] as const, registers }),
    errors: new Counter({ name: 'trellis_sync_errors_total', help: 'Failed CRM calls by CRM and kind (rate_limited counts 429s)', labelNames: ['crm', 'kind'] as const, registers }),
    appCredentialsRefused: new Counter({
      name: 'trellis_crm_app_credentials_refused_total',
      help: "Token refreshes a CRM refused for Trellis's own client id or secret (an operator must fix the configuration)",
      labelNames: ['crm'] as const,
      registers,
    }),
    conflicts: new Counter({ name: 'trellis_sync_conflicts_total', help: 'Fields edited on both sides at once', labelNames: ['crm'] as const, registers }),
    webhookEvents: new Counter({ name: 'trellis_sync_webhook_events_total', help: 'Webhook events received, by CRM and outcome', labelNames: ['crm', 'outcome'] as const, registers }),
    pending: new Gauge({ name: 'trellis_sync_pending_records', help: 'Records waiting to be synced, per tenant and CRM', labelNames: ['tenant', 'crm'] as const, registers }),
    lagSeconds: new Gauge({ name: 'trellis_sync_lag_seconds', help: 'Age of the oldest record waiting, per tenant and CRM', labelNames: ['tenant', 'crm'] as const, registers }),
  };
}

export type SyncMetrics = ReturnType<typeof createSyncMetrics>;
