import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app, so several apps in one process (tests) keep separate counts. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'trellis_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'trellis_http_request_duration_seconds',
    help: 'HTTP request duration by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const conflictsDetected = new Counter({
    name: 'trellis_channel_conflicts_detected_total',
    help: 'Channel conflicts found on submitted deal registrations, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });

  function middleware(req: Request, res: Response, next: NextFunction): void {
    const end = duration.startTimer();
    res.on('finish', () => {
      // The route template, not the URL, so ids do not explode the label space.
      const route = (res.locals.routeTemplate as string | undefined) ?? 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      end({ method: req.method, route });
    });
    next();
  }

  return { registry, middleware, conflictsDetected };
}

export type Metrics = ReturnType<typeof createMetrics>;
