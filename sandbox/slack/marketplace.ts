import type { Installation } from './model';
import type { SlackState } from './state';

/**
 * Since 2025-05-29, a newly created app that is distributed commercially and not approved for the
 * Slack Marketplace may call `conversations.history` and `.replies` once a minute, for at most 15
 * messages each; Marketplace apps and internal (customer-built) apps keep the method's tier. [sl-rl]
 * The numbers come from a secondary source [zc]; Slack's changelog [sl-cl] was not retrieved.
 * The minute is a rate limit like the others (off when they are); the 15-message cap always holds.
 */
export const HISTORY_MESSAGES_OUTSIDE_MARKETPLACE = 15;

export function isOutsideMarketplace(state: SlackState, bot: Installation): boolean {
  return (state.data.apps[bot.appId]?.distribution ?? 'commercial') === 'commercial';
}

/** The `limit` a history method honours for this bot: what was asked, within Slack's bounds. */
export function historyLimit(state: SlackState, bot: Installation, requested: number, max: number): number {
  const cap = isOutsideMarketplace(state, bot) ? HISTORY_MESSAGES_OUTSIDE_MARKETPLACE : max;
  return Math.min(Math.max(requested, 1), cap);
}
