import type IORedis from 'ioredis';
import type { Crm } from '../../domain/crm';
import { rateLimited } from '../errors';
import type { Pacer } from '../pacer';

export interface Window {
  max: number;
  windowMs: number;
}

/**
 * Published limits, kept a little under: HubSpot public apps get 110 requests per rolling
 * 10 s per portal (search apart: 5/s); Salesforce allots a daily budget per org, spread here by the hour.
 */
export function publishedLimits(crm: Crm, salesforceDailyBudget: number): { api: Window; search: Window } {
  return crm === 'hubspot'
    ? { api: { max: 105, windowMs: 10_000 }, search: { max: 4, windowMs: 1_000 } }
    : { api: { max: Math.max(1, Math.floor(salesforceDailyBudget / 24)), windowMs: 3_600_000 }, search: { max: 25, windowMs: 1_000 } };
}

/** Where the pacing state lives: Redis (shared by every worker process) or this process's memory. */
export interface Slots {
  /** Takes a slot in a rolling window; answers 0 when taken, else how long until one frees. */
  take(key: string, window: Window): Promise<number>;
  /**
   * Reserves the next turn, `spacingMs` after the last one reserved; answers how long to wait
   * for it, or null (nothing reserved) when that is longer than `maxWaitMs`.
   */
  reserve(key: string, spacingMs: number, maxWaitMs: number): Promise<number | null>;
}

// A rolling log per key: drop entries older than the window, admit if under the cap.
const TAKE = `
local now = tonumber(ARGV[1]); local window = tonumber(ARGV[2]); local max = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < max then
  redis.call('ZADD', KEYS[1], now, ARGV[4]); redis.call('PEXPIRE', KEYS[1], window); return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now + 1`;

// The last turn handed out per key: the next is one spacing later, or now if that has passed.
const RESERVE = `
local now = tonumber(ARGV[1]); local spacing = tonumber(ARGV[2]); local maxWait = tonumber(ARGV[3])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, last + spacing)
if at - now > maxWait then return -1 end
redis.call('SET', KEYS[1], at, 'PX', at - now + spacing + 1)
return at - now`;

/** Slots in Redis, so every worker process shares one budget per portal or org. */
export function redisSlots(redis: IORedis, prefix: string): Slots {
  let sequence = 0;
  return {
    async take(key, w) {
      const member = `${process.pid}-${Date.now()}-${sequence++}`;
      return Number(await redis.eval(TAKE, 1, `${prefix}:${key}`, Date.now(), w.windowMs, w.max, member));
    },
    async reserve(key, spacingMs, maxWaitMs) {
      const wait = Number(await redis.eval(RESERVE, 1, `${prefix}:${key}:turn`, Date.now(), spacingMs, maxWaitMs));
      return wait < 0 ? null : wait;
    },
  };
}

/** Slots in this process's memory, for the single-process embedded setup that has no Redis. */
export function memorySlots(): Slots {
  const logs = new Map<string, number[]>();
  const turns = new Map<string, number>();
  return {
    async take(key, w) {
      const now = Date.now();
      const log = (logs.get(key) ?? []).filter((t) => t > now - w.windowMs);
      logs.set(key, log);
      if (log.length < w.max) {
        log.push(now);
        return 0;
      }
      return log[0]! + w.windowMs - now + 1;
    },
    async reserve(key, spacingMs, maxWaitMs) {
      const now = Date.now();
      const at = Math.max(now, (turns.get(key) ?? 0) + spacingMs);
      if (at - now > maxWaitMs) return null;
      turns.set(key, at);
      return at - now;
    },
  };
}

/** Short waits are slept through; longer ones hand the job back to the queue as a rate limit. */
const MAX_INLINE_WAIT_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Within a burst limit, requests are spread evenly: each takes the next turn (one per
 * window ÷ max) and sleeps until it, rather than firing in a burst that empties the window
 * and then stalls every change for seconds; while a request waits for its turn, more
 * changes join the next batch. The rolling window stays as the hard cap.
 */
export function windowPacer(slots: Slots, scope: string, limits: { api: Window; search: Window }): Pacer {
  const pacedOut = (wait: number) => rateLimited(`Trellis is pacing ${scope} under the published limit`, wait, 0);
  const takeSlot = async (key: string, window: Window) => {
    for (;;) {
      const wait = await slots.take(key, window);
      if (wait <= 0) return;
      if (wait > MAX_INLINE_WAIT_MS) throw pacedOut(wait);
      await sleep(wait);
    }
  };
  return async (budget) => {
    const limit = limits[budget];
    // Burst limits (seconds) are spread; a daily allocation only caps.
    if (limit.windowMs <= 10_000) {
      const turn = await slots.reserve(`${scope}:${budget}`, Math.floor(limit.windowMs / limit.max), MAX_INLINE_WAIT_MS);
      if (turn === null) throw pacedOut(MAX_INLINE_WAIT_MS);
      if (turn > 0) await sleep(turn);
    }
    await takeSlot(`${scope}:${budget}`, limit);
  };
}
