import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ResponseContractError } from './responseContract';
import { AppError, type AppErrorCode, type ErrorDetail } from '../usecases/errors';

const STATUS: Record<AppErrorCode, number> = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

/** What a log names a request by: its route template, never the URL (a webhook's URL holds its secret). */
export const loggedRoute = (req: Request, res: Response): string =>
  (res.locals.routeTemplate as string | undefined) ?? (req.route as { path?: string } | undefined)?.path ?? 'unmatched';

export const httpStatusOf = (err: AppError): number => STATUS[err.kind];
export const errorBody = (err: AppError) => ({ error: { code: err.code, message: err.message, details: err.details } });

/** One detail per problem, each at the field it is about: an unknown field is named by its own path, one detail per field. */
export function issuesToDetails(error: z.ZodError, location: string): (ErrorDetail & { location: string })[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ location, path: [...path, key], message: `unknown field "${key}"` }));
    return [{ location, path, message: issue.message }];
  });
}

/** The one place failures become HTTP: typed errors keep their status, anything unexpected is a bare 500. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof AppError) {
      res.status(httpStatusOf(err)).json(errorBody(err));
      return;
    }
    if (err instanceof ResponseContractError) {
      // Only checked in tests: said on the console too, since a test may look at the status alone.
      console.error(err.message);
      res.status(500).json({ error: { code: 'response_contract_breach', message: err.message, details: err.breaches } });
      return;
    }
    const bodyError = err as { type?: string; status?: number };
    if (bodyError.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'malformed_json', message: 'The request body is not valid JSON', details: [] } });
      return;
    }
    if (bodyError.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'payload_too_large', message: 'The request body is too large', details: [] } });
      return;
    }
    if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
      res.status(bodyError.status).json({ error: { code: 'bad_request', message: 'The request could not be read', details: [] } });
      return;
    }
    logger.error({ err, reqId: res.locals.requestId, route: loggedRoute(req, res) }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on our side', details: [] } });
  };
}
