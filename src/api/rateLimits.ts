import type { NextFunction, Request, Response } from 'express';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitSettings } from '../config/rateLimits';
import type { Queryable } from '../store/db';

/**
 * Where the counters live: beside the queue (Redis) or the store (PostgreSQL), so every process
 * counts against the same limit. Memory is for a single process (tests that build an app alone).
 */
export type RateLimitStore = { kind: 'redis'; client: Redis } | { kind: 'postgres'; db: Queryable } | { kind: 'memory' };

export interface RateLimiter {
  /** Counts one request for `key`; resolves to the seconds to wait when over the limit, else null. */
  take(key: string): Promise<number | null>;
}

export interface RateLimits {
  anonymous: RateLimiter;
  apiKey: RateLimiter;
  webhookTenant: RateLimiter;
}

export function createRateLimits(store: RateLimitStore, settings: RateLimitSettings): RateLimits {
  return {
    anonymous: limiter(store, 'anonymous', settings.anonymousPerMinute),
    apiKey: limiter(store, 'api_key', settings.apiKeyPerMinute),
    webhookTenant: limiter(store, 'webhook_tenant', settings.webhookTenantPerMinute),
  };
}

function limiter(store: RateLimitStore, name: string, perMinute: number): RateLimiter {
  const options = { keyPrefix: `trellis_rl_${name}`, points: perMinute, duration: 60 };
  const open = (): Promise<RateLimiterAbstract> => {
    if (store.kind === 'redis') return Promise.resolve(new RateLimiterRedis({ ...options, storeClient: store.client }));
    if (store.kind === 'memory') return Promise.resolve(new RateLimiterMemory(options));
    // The library creates its own table (`trellis_rate_limits`, one row per key) when first used; it speaks pg's query objects.
    const client = { query: (q: { text: string; values?: unknown[] }) => store.db.query(q.text, q.values) };
    return new Promise((resolve, reject) => {
      const created: RateLimiterPostgres = new RateLimiterPostgres(
        { ...options, storeClient: client, storeType: 'pool', tableName: 'trellis_rate_limits', clearExpiredByTimeout: false },
        (err?: Error) => (err ? reject(err) : resolve(created)),
      );
    });
  };
  let opened: Promise<RateLimiterAbstract> | undefined;
  return {
    async take(key) {
      try {
        await (await (opened ??= open())).consume(key);
        return null;
      } catch (res) {
        if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        throw res;
      }
    },
  };
}

/** A 429 in the API's error shape, with `Retry-After`. */
export function sendApiRateLimited(res: Response, retryAfter: number): void {
  res
    .status(429)
    .setHeader('Retry-After', String(retryAfter))
    .json({ error: { code: 'rate_limited', message: `Too many requests; retry after ${retryAfter} s`, details: { retryAfterSeconds: retryAfter } } });
}

/** Per client IP, for pages a stranger can open; a short page, as these are opened in a browser. */
export function limitByIp(limiter: RateLimiter) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const retryAfter = await limiter.take(req.ip ?? 'unknown');
    if (retryAfter === null) return next();
    res
      .status(429)
      .setHeader('Retry-After', String(retryAfter))
      .type('html')
      .send(`<!doctype html><meta charset="utf-8"><title>Too many requests</title><h1>Too many requests</h1><p>Please wait ${retryAfter} seconds and try again.</p>`);
  };
}
