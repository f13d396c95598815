import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';

/** An error as the REST API reports it: `[{ message, errorCode, fields? }]` with an HTTP status. */
export class SalesforceError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  toBody(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

/** One failure inside a SaveResult, as sObject Collections and single-record errors carry it. */
export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export function saveError(statusCode: string, message: string, fields: string[] = []): SaveError {
  return { statusCode, message, fields };
}

/** A per-record failure, thrown while validating one record and reported in its SaveResult. */
export class RecordError extends Error {
  constructor(readonly error: SaveError) {
    super(error.message);
  }

  /** The single-record REST form: 400 with the same code, message and fields. */
  toSalesforceError(): SalesforceError {
    return new SalesforceError(400, this.error.statusCode, this.error.message, this.error.fields);
  }
}

export const notFound = (message = 'The requested resource does not exist') =>
  new SalesforceError(404, 'NOT_FOUND', message);

export const invalidSession = () => new SalesforceError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export function sendSalesforceError(res: Response, err: SalesforceError): void {
  res.status(err.status).json(err.toBody());
}

/**
 * Last middleware: whatever went wrong leaves as a Salesforce error body, never a stack trace.
 * Body-parser failures are the API's JSON_PARSER_ERROR.
 */
export function salesforceErrorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof RecordError) return sendSalesforceError(res, err.toSalesforceError());
  if (err instanceof SalesforceError) return sendSalesforceError(res, err);
  if (err instanceof ZodError) {
    // Bodies are validated at the boundary; a malformed one is the API's JSON_PARSER_ERROR.
    const issue = err.issues[0]!;
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return sendSalesforceError(res, new SalesforceError(400, 'JSON_PARSER_ERROR', `Cannot deserialize request body${where}: ${issue.message}`));
  }
  const parseFailure = err as { type?: string; message?: string; status?: number };
  if (parseFailure.type === 'entity.parse.failed') {
    return sendSalesforceError(res, new SalesforceError(400, 'JSON_PARSER_ERROR', `Unexpected character in request body: ${parseFailure.message ?? ''}`));
  }
  if (parseFailure.type === 'entity.too.large') {
    return sendSalesforceError(res, new SalesforceError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request entity too large'));
  }
  sendSalesforceError(res, new SalesforceError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support.'));
}
