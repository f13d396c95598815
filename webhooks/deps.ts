import type { RateLimiter } from '../src/api/rateLimits';
import type { InboundDeps } from '../src/sync/inbound';

/** What a CRM webhook receiver needs: the sync's intake of changes, and a limit on each tenant's deliveries. */
export interface WebhookDeps extends InboundDeps {
  /** Deliveries per tenant, counted once the sender is authenticated. */
  rateLimit?: RateLimiter | undefined;
}
