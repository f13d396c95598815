import type { Logger } from 'pino';
import type { Crm } from '../domain/crm';
import type { SyncMetrics } from './engine/metrics';
import type { AppMisconfigured } from './errors';

/** Tells the operator that a CRM refused Trellis's own app credentials: only a configuration fix helps. */
export interface CredentialAlarm {
  raise(crm: Crm, tenantId: string, refusal: AppMisconfigured): void;
}

/** An error log (the CRM's words, never a secret) and a counter to alert on. */
export function operatorAlarm(logger: Logger, metrics: SyncMetrics | undefined): CredentialAlarm {
  return {
    raise(crm, tenantId, refusal) {
      metrics?.appCredentialsRefused.inc({ crm });
      logger.error({ crm, tenantId, reason: refusal.message }, `${crm} refused Trellis's app credentials: check the configured client id and secret`);
    },
  };
}
