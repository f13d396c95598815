/**
 * Every queue and job Trellis runs, in one place. Payloads carry ids only — never
 * personal data or tokens, because job data is stored in clear text.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  alerts: 'alerts',
  crmDeals: 'crm-deals',
} as const;

export const JOBS = {
  expireRegistrations: {
    queue: QUEUES.maintenance,
    name: 'expire-registrations',
    schedulerId: 'expire-registrations',
  },
  /** Every stored secret rewritten under the active encryption key: daily, and at a start that finds some that are not. */
  rotateSecrets: { queue: QUEUES.maintenance, name: 'rotate-secrets', schedulerId: 'rotate-secrets' },
  /** Every tenant's tier rules applied to its partners. */
  recalculateTiers: { queue: QUEUES.maintenance, name: 'recalculate-tiers', schedulerId: 'recalculate-tiers' },
  /** One domain event applied to the alerts; job id `event-<outbox id>`. */
  alertEvent: { queue: QUEUES.alerts, name: 'alert-event' },
  /** Post or redraw one alert's Slack message; deduplicated per alert, so one alert never posts in parallel. */
  alertSync: { queue: QUEUES.alerts, name: 'alert-sync' },
  evaluatePartnerHealth: { queue: QUEUES.alerts, name: 'evaluate-partner-health', schedulerId: 'evaluate-partner-health' },
  flagOverdueApprovals: { queue: QUEUES.alerts, name: 'flag-overdue-approvals', schedulerId: 'flag-overdue-approvals' },
  /** Reads deals changed in each connected CRM since its watermark; kept apart from the partner sync queues. */
  sweepCrmDeals: { queue: QUEUES.crmDeals, name: 'sweep-crm-deals', schedulerId: 'sweep-crm-deals' },
} as const;
