import type { DomainFailure } from '../domain/result';

/**
 * The small, typed set of failures every edge (REST, cards, Slack) understands.
 * The API maps each to its HTTP status in one place.
 */
export type AppErrorCode =
  | 'validation_error'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type';

/** Finer codes a client may branch on, beyond the kind. */
export type SpecificErrorCode = DomainFailure['code'] | 'idempotency_key_reused' | 'idempotency_key_in_use' | 'duplicate_partner';

export interface ErrorDetail {
  path: (string | number)[];
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode | SpecificErrorCode,
    message: string,
    readonly kind: AppErrorCode,
    readonly details: ErrorDetail[] | Record<string, unknown> = [],
  ) {
    super(message);
  }
}

export const validationError = (message: string, details: ErrorDetail[]) =>
  new AppError('validation_error', message, 'validation_error', details);
export const notFound = (what: string) => new AppError('not_found', `${what} not found`, 'not_found');
export const unauthorized = (message: string) => new AppError('unauthorized', message, 'unauthorized');
export const forbidden = (message: string) => new AppError('forbidden', message, 'forbidden');
export const conflictError = (code: AppErrorCode | SpecificErrorCode, message: string, details: Record<string, unknown> = {}) =>
  new AppError(code, message, 'conflict', details);

/** A domain rule said no: the request was understood but the state does not allow it. */
export const fromDomainFailure = (failure: DomainFailure) => conflictError(failure.code, failure.message, failure.details ?? {});
