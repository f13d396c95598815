import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';

/** The JSON body HubSpot answers API errors with. */
export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category?: string;
  subCategory?: string;
  errorType?: string;
  policyName?: string;
  context?: Record<string, unknown>;
  errors?: Array<{ message: string; in?: string; code?: string; context?: Record<string, unknown> }>;
  links?: Record<string, string>;
}

/** An error that leaves the emulator exactly as HubSpot would phrase it. */
export class HubSpotError extends Error {
  readonly body: HubSpotErrorBody;
  constructor(
    readonly status: number,
    body: Omit<HubSpotErrorBody, 'status' | 'correlationId'>,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.body = { status: 'error', ...body, correlationId: randomUUID() };
  }
}

export const validationError = (message: string, extra: Partial<HubSpotErrorBody> = {}) =>
  new HubSpotError(400, { message, category: 'VALIDATION_ERROR', ...extra });

export const notFound = (message = 'resource not found') =>
  new HubSpotError(404, { message, category: 'OBJECT_NOT_FOUND' });

export const conflict = (message: string, category = 'CONFLICT') => new HubSpotError(409, { message, category });

export const unknownObjectType = (objectType: string) =>
  validationError(`Unable to infer object type from: ${objectType}`);

/**
 * A custom-object call on a portal without an Enterprise subscription. HubSpot's exact body is
 * not documented (UNCONFIRMED); 403 with a message naming the tier is the documented-safest
 * shape: the caller lacks a feature, the request itself is well formed.
 */
export const customObjectsUnavailable = (portalId: number, tier: string) =>
  new HubSpotError(403, {
    message: `Custom objects require an Enterprise subscription; portal ${portalId} is on ${tier}.`,
    category: 'FORBIDDEN',
  });

export const serverError = () =>
  new HubSpotError(500, { message: 'internal error', category: 'INTERNAL_ERROR' });

/** One entry of HubSpot's "Property values were not valid" list. */
export interface PropertyValueIssue {
  name: string;
  error: string;
  message: string;
}

/** HubSpot embeds the per-property issues as a JSON string in the message. */
export function invalidPropertyValues(issues: PropertyValueIssue[]): HubSpotError {
  const listed = issues.map((i) => ({
    isValid: false,
    message: i.message,
    error: i.error,
    name: i.name,
    localizedErrorMessage: i.message,
  }));
  return validationError(`Property values were not valid: ${JSON.stringify(listed)}`);
}

/** Parse a request body with zod; failures become HubSpot's VALIDATION_ERROR with the offending paths. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({
    message: issue.message,
    in: issue.path.join('.'),
    code: issue.code,
  }));
  const summary = errors.map((e) => (e.in ? `${e.in}: ${e.message}` : e.message)).join('; ');
  throw validationError(`Invalid input JSON: ${summary}`, { errors });
}

export function sendError(res: Response, err: HubSpotError): void {
  res.status(err.status).set(err.headers).json(err.body);
}

/** Last middleware: everything leaves in HubSpot's error shape, never as a stack trace. */
export function hubspotErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  if (err instanceof HubSpotError) return sendError(res, err);
  if (err instanceof z.ZodError) {
    return sendError(res, validationError(`Invalid input: ${err.issues.map((i) => i.message).join('; ')}`));
  }
  if (isBodyParserError(err)) {
    return sendError(res, validationError(`Invalid input JSON: ${err.message}`));
  }
  sendError(res, serverError());
}

function isBodyParserError(err: unknown): err is { type: string; message: string } {
  return typeof err === 'object' && err !== null && 'type' in err && typeof (err as { type: unknown }).type === 'string';
}
