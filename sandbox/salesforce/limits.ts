import type { NextFunction, Request, Response } from 'express';
import { sessionOf } from './auth';
import type { EmulatorContext } from './context';
import { SalesforceError } from './errors';
import type { Org } from './state';

const HOUR = 3_600_000;
const WINDOW = 24 * HOUR;

/** Calls in the rolling 24-hour window; older hour buckets are dropped as a side effect. */
export function apiCallsInWindow(org: Org, now: number): number {
  let total = 0;
  for (const [bucket, count] of Object.entries(org.apiUsage)) {
    if (Number(bucket) <= now - WINDOW) delete org.apiUsage[bucket];
    else total += count;
  }
  return total;
}

/**
 * Counts each data API call against the org's daily allocation, reports usage in
 * `Sforce-Limit-Info`, and refuses calls past the allocation with 403 REQUEST_LIMIT_EXCEEDED.
 */
export function enforceApiLimit(ctx: EmulatorContext) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const { org } = sessionOf(res);
    const now = ctx.now();
    const used = apiCallsInWindow(org, now);
    if (used >= org.dailyApiLimit) {
      res.setHeader('Sforce-Limit-Info', `api-usage=${used}/${org.dailyApiLimit}`);
      throw new SalesforceError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    }
    const bucket = String(Math.floor(now / HOUR) * HOUR);
    org.apiUsage[bucket] = (org.apiUsage[bucket] ?? 0) + 1;
    res.setHeader('Sforce-Limit-Info', `api-usage=${used + 1}/${org.dailyApiLimit}`);
    next();
  };
}

/** `GET /limits`: the org's allocations and what remains of them. */
export function limitsResource(ctx: EmulatorContext) {
  return (_req: Request, res: Response): void => {
    const { org } = sessionOf(res);
    const used = apiCallsInWindow(org, ctx.now());
    const records = Object.values(org.records).reduce((n, table) => n + Object.keys(table).length, 0);
    // Enterprise storage: 10 GB plus 20 MB (data) and 2 GB (files) per licence; a record takes 2 KB.
    const dataMax = 10_240 + 20 * org.licences;
    const fileMax = 10_240 + 2_048 * org.licences;
    const full = (max: number) => ({ Max: max, Remaining: max });
    res.json({
      DailyApiRequests: { Max: org.dailyApiLimit, Remaining: Math.max(0, org.dailyApiLimit - used) },
      DailyBulkApiBatches: full(15_000),
      DailyBulkV2QueryJobs: full(10_000),
      DataStorageMB: { Max: dataMax, Remaining: dataMax - Math.ceil((records * 2) / 1024) },
      FileStorageMB: full(fileMax),
      SingleEmail: full(5_000),
    });
  };
}
