import express, { type Request } from 'express';

const rawBodies = new WeakMap<Request, string>();

/** JSON parsing that keeps the exact bytes received, because signatures are computed over them. */
export const jsonKeepingRawBody = (limit: string) =>
  express.json({
    limit,
    verify: (req, _res, buf) => {
      rawBodies.set(req as Request, buf.toString('utf8'));
    },
  });

/** The body as received; empty for requests without one. */
export const rawBodyOf = (req: Request): string => rawBodies.get(req) ?? '';
