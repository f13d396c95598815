import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import type { Db } from '../store/db';
import type { Metrics } from './metrics';

export interface Probe {
  name: string;
  check(): Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the request carries `Authorization: Bearer <token>`; with no token configured, nobody does. */
function hasToken(token: string | undefined, req: Request): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  // Digests keep the comparison constant-time whatever the lengths and encodings.
  return Boolean(token && given && timingSafeEqual(digest(given), digest(token)));
}

/**
 * Liveness, readiness (store and queue reachable) and Prometheus metrics. Readiness is public as a
 * status only; its per-check detail (error text names hosts) and the metrics need the metrics token.
 */
export function healthRoutes(db: Db, probes: Probe[], metrics: Metrics, metricsToken: string | undefined): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const all: Probe[] = [{ name: 'store', check: async () => void (await db.query('SELECT 1')) }, ...probes];
    const results = await Promise.all(
      all.map(async (p) => {
        try {
          await withTimeout(p.check(), 2000);
          return [p.name, 'ok'] as const;
        } catch (err) {
          return [p.name, err instanceof Error ? err.message : 'unreachable'] as const;
        }
      }),
    );
    const ready = results.every(([, s]) => s === 'ok');
    const status = ready ? 'ready' : 'not_ready';
    res.status(ready ? 200 : 503).json(hasToken(metricsToken, req) ? { status, checks: Object.fromEntries(results) } : { status });
  });
  router.get('/metrics', async (req, res) => {
    if (!hasToken(metricsToken, req)) {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer')
        .json({ error: { code: 'unauthorized', message: 'Send the metrics token as "Authorization: Bearer <TRELLIS_METRICS_TOKEN>"', details: [] } });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
