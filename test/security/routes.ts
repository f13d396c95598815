import { randomUUID } from 'node:crypto';
import { allCardRoutes } from '../../src/api/cards';
import { createMetrics } from '../../src/api/metrics';
import type { Deps } from '../../src/usecases/context';

/** One endpoint as Trellis serves it: its method, its Express path, and what authenticates a caller. */
export interface ServedRoute {
  method: string;
  path: string;
  auth: 'apiKey' | 'adminToken' | 'card';
  /** The roles the document says may call it (API routes of a tenant). */
  roles?: string[];
}

/** `GET /api/v1/partners/:id`: how the tables of the security suites name a route. */
export const routeName = (r: Pick<ServedRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;
export const hasPathParams = (r: ServedRoute) => /:\w+/.test(r.path);

/**
 * Every API route the running app serves, from its OpenAPI document (built from the same route
 * definitions that mount the routes): a route added later is attacked without anyone listing it.
 */
export async function servedApiRoutes(url: string): Promise<ServedRoute[]> {
  const doc = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { security: Record<string, unknown>[]; 'x-trellis-roles'?: string[] }>> };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method,
      path: path.replace(/\{(\w+)\}/g, ':$1'),
      auth: Object.keys(operation.security[0]!)[0] as 'apiKey' | 'adminToken',
      roles: operation['x-trellis-roles'],
    })),
  );
}

/** The card backend's routes (both CRMs), from the definitions the app mounts. */
export function cardRoutes(deps: Deps): ServedRoute[] {
  return allCardRoutes(deps, createMetrics(), { clientSecrets: [], publicUrl: 'http://unused' }).map((r) => ({ method: r.method, path: r.path, auth: 'card' as const }));
}

/** The route's path with each parameter filled from `values`, or with a fresh uuid. */
export const fillPath = (path: string, values: Record<string, string> = {}) => path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? randomUUID()));
