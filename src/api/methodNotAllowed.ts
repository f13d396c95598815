import type { RequestHandler } from 'express';
import type { AnyRoute } from './route';

const patternOf = (path: string) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`);

/**
 * Answers a request for a path the routes serve, with a method none of them takes: 405 and the
 * `Allow` header listing the methods that path takes (OPTIONS: 204 with the same header), rather
 * than a 404 that says the path does not exist. Mounted after the routes, so it sees only misses.
 */
export function methodNotAllowed(routes: readonly Pick<AnyRoute, 'method' | 'path'>[]): RequestHandler {
  const paths = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const route of routes) {
    const entry = paths.get(route.path) ?? { pattern: patternOf(route.path), methods: new Set<string>() };
    entry.methods.add(route.method.toUpperCase());
    if (route.method === 'get') entry.methods.add('HEAD');
    paths.set(route.path, entry);
  }
  return (req, res, next) => {
    const allowed = new Set([...paths.values()].filter((p) => p.pattern.test(req.path)).flatMap((p) => [...p.methods]));
    if (allowed.size === 0) return next();
    const allow = [...allowed, 'OPTIONS'].join(', ');
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    res.status(405).json({ error: { code: 'method_not_allowed', message: `${req.method} is not allowed on ${req.path}; it takes ${allow}`, details: [] } });
  };
}
