import { z } from 'zod';

/**
 * Slack's Web API rate limits: each method sits in a tier allowing so many calls
 * per minute, per app per workspace; chat.postMessage instead allows about one
 * message per second per channel with a small burst, and several hundred per
 * minute across the workspace. Windows are configurable so tests can shorten them.
 * Source: docs.slack.dev/apis/web-api/rate-limits; method tiers as listed in each
 * method's reference page (mirrored in java-slack-sdk MethodsRateLimits).
 */
export type Tier = 'tier1' | 'tier2' | 'tier3' | 'tier4' | 'special' | 'postMessage' | 'nonMarketplaceHistory';

export const RateLimitSettings = z.object({
  enabled: z.boolean().default(true),
  windowMs: z.number().int().positive().default(60_000),
  perWindow: z
    .object({
      tier1: z.number().int().positive().default(1),
      tier2: z.number().int().positive().default(20),
      tier3: z.number().int().positive().default(50),
      tier4: z.number().int().positive().default(100),
      // Slack calls auth.test and chat.getPermalink "special" without publishing a number: generous here.
      special: z.number().int().positive().default(600),
      // chat.postMessage across a whole workspace: "several hundred per minute".
      postMessage: z.number().int().positive().default(300),
      // conversations.history / .replies for commercial apps not approved for the Marketplace: 1 a minute. [sl-rl, zc]
      nonMarketplaceHistory: z.number().int().positive().default(1),
    })
    .prefault({}),
  perChannel: z
    .object({
      /** One message per this many ms per channel… */
      intervalMs: z.number().int().positive().default(1000),
      /** …after a burst of this many. */
      burst: z.number().int().positive().default(3),
    })
    .prefault({}),
});
export type RateLimitSettings = z.infer<typeof RateLimitSettings>;
export type RateLimitInput = z.input<typeof RateLimitSettings>;

export class RateLimiter {
  private current: RateLimitSettings = RateLimitSettings.parse({});
  private windows = new Map<string, number[]>();
  private buckets = new Map<string, { tokens: number; at: number }>();
  /** Messages refused for a channel's pace since the last reset: what an unpaced client piles up. */
  channelRefusals = 0;

  get settings(): RateLimitSettings {
    return this.current;
  }

  configure(input: RateLimitInput): RateLimitSettings {
    this.current = RateLimitSettings.parse(input);
    this.reset();
    return this.current;
  }

  reset(): void {
    this.windows.clear();
    this.buckets.clear();
    this.channelRefusals = 0;
  }

  /**
   * Counts one call against `key` (app, workspace and method) in a sliding window.
   * Returns the seconds to wait (Retry-After) when over the limit, else 0.
   */
  takeFromWindow(key: string, tier: Tier, now = Date.now()): number {
    if (!this.current.enabled) return 0;
    const { windowMs, perWindow } = this.current;
    const calls = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
    this.windows.set(key, calls);
    if (calls.length >= perWindow[tier]) return Math.max(1, Math.ceil((calls[0]! + windowMs - now) / 1000));
    calls.push(now);
    return 0;
  }

  /** One message into a channel, from a token bucket refilled at one per interval. */
  takeFromChannel(key: string, now = Date.now()): number {
    if (!this.current.enabled) return 0;
    const { intervalMs, burst } = this.current.perChannel;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / intervalMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      this.channelRefusals++;
      return Math.max(1, Math.ceil(((1 - bucket.tokens) * intervalMs) / 1000));
    }
    bucket.tokens -= 1;
    return 0;
  }
}
