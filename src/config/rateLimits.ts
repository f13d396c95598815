/** Requests allowed per minute: per client IP on anonymous pages, per API key, per tenant on webhooks. */
export interface RateLimitSettings {
  anonymousPerMinute: number;
  apiKeyPerMinute: number;
  webhookTenantPerMinute: number;
}

/**
 * Far above any person or integration: 2 page loads a second from one address, 20 API calls a
 * second per key, 100 deliveries a second per tenant (each Outbound Message carries up to 100
 * records). The test suites and the demo stay well below.
 */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = { anonymousPerMinute: 120, apiKeyPerMinute: 1200, webhookTenantPerMinute: 6000 };
