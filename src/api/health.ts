import { Router } from 'express';
import type { Db } from '../store/db';
import type { Metrics } from './metrics';

export interface Probe {
  name: string;
  check(): Promise<void>;
}

/** Liveness, readiness (store and queue reachable) and Prometheus metrics. */
export function healthRoutes(db: Db, probes: Probe[], metrics: Metrics): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
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
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
