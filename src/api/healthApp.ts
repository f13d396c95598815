import express, { type Express } from 'express';
import type { Db } from '../store/db';
import { healthRoutes, type Probe } from './health';
import type { Metrics } from './metrics';

/** A worker's HTTP: liveness, readiness and metrics only, for its orchestrator and scraper. */
export function createHealthApp(db: Db, probes: Probe[], metrics: Metrics, metricsToken: string | undefined): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(db, probes, metrics, metricsToken));
  return app;
}
