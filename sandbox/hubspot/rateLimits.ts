import type { NextFunction, Request, Response } from 'express';
import { authOf } from './auth';
import { HubSpotError } from './errors';

export interface RateLimitSettings {
  /** Requests per rolling 10 s per installed portal (public OAuth apps: 110). */
  tenSecondlyLimit: number;
  /** Requests per day per installed portal. */
  dailyLimit: number;
  /** CRM search requests per second per portal (HubSpot: 5), counted apart from the rest. */
  searchPerSecond: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  tenSecondlyLimit: 110,
  // The Free/Starter account's daily allowance, the lowest HubSpot publishes.
  dailyLimit: 250_000,
  searchPerSecond: 5,
};

const TEN_SECONDS = 10_000;

/** HubSpot's 429 for the burst and daily policies. */
export function rateLimitError(policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY', headers: Record<string, string> = {}) {
  const message =
    policyName === 'DAILY'
      ? 'You have reached your daily limit.'
      : 'You have reached your ten_secondly_rolling limit.';
  return new HubSpotError(429, { message, errorType: 'RATE_LIMIT', policyName }, headers);
}

const isSearch = (req: Request) => req.method === 'POST' && /\/search\/?$/.test(req.path);

/**
 * Counts API calls per app installation (app × portal) in a rolling ten-second window and
 * per day, and search calls per portal per second. Normal responses carry the
 * X-HubSpot-RateLimit-* headers; search responses carry none, as in HubSpot.
 */
export class RateLimiter {
  private settings: RateLimitSettings;
  private recent = new Map<string, number[]>();
  private daily = new Map<string, { day: string; count: number }>();
  private searches = new Map<number, number[]>();

  constructor(
    initial: Partial<RateLimitSettings>,
    private readonly now: () => number,
  ) {
    this.settings = { ...DEFAULT_RATE_LIMITS, ...initial };
  }

  get current(): RateLimitSettings {
    return this.settings;
  }

  configure(changes: Partial<RateLimitSettings>): RateLimitSettings {
    this.settings = { ...this.settings, ...changes };
    return this.settings;
  }

  reset(): void {
    this.recent.clear();
    this.daily.clear();
    this.searches.clear();
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const { app, portal } = authOf(res);
      if (isSearch(req)) return this.admitSearch(portal.id, next);
      const key = `${app.id}:${portal.id}`;
      const now = this.now();
      const window = (this.recent.get(key) ?? []).filter((t) => t > now - TEN_SECONDS);
      this.recent.set(key, window);
      const { tenSecondlyLimit, dailyLimit } = this.settings;
      const headers = (remaining: number) => ({
        'X-HubSpot-RateLimit-Max': String(tenSecondlyLimit),
        'X-HubSpot-RateLimit-Remaining': String(Math.max(0, remaining)),
        'X-HubSpot-RateLimit-Interval-Milliseconds': String(TEN_SECONDS),
      });
      const today = new Date(now).toISOString().slice(0, 10);
      const day = this.daily.get(key);
      const usedToday = day?.day === today ? day.count : 0;
      if (usedToday >= dailyLimit) throw rateLimitError('DAILY', headers(tenSecondlyLimit - window.length));
      if (window.length >= tenSecondlyLimit) throw rateLimitError('TEN_SECONDLY_ROLLING', headers(0));
      window.push(now);
      this.daily.set(key, { day: today, count: usedToday + 1 });
      res.set(headers(tenSecondlyLimit - window.length));
      next();
    };
  }

  private admitSearch(portalId: number, next: NextFunction): void {
    const now = this.now();
    const window = (this.searches.get(portalId) ?? []).filter((t) => t > now - 1000);
    this.searches.set(portalId, window);
    if (window.length >= this.settings.searchPerSecond) {
      // The SDK recognises this exact message and retries after a second.
      throw new HubSpotError(429, {
        message: 'You have reached your secondly limit.',
        errorType: 'RATE_LIMIT',
        policyName: 'SECONDLY',
      });
    }
    window.push(now);
    next();
  }
}
