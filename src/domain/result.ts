/** Expected domain failures are values, not exceptions: callers must look at them. */
export type Result<T, E = DomainFailure> = { ok: true; value: T } | { ok: false; error: E };

export type DomainFailureCode =
  | 'illegal_transition'
  | 'blocked_by_protected_registration'
  | 'override_not_allowed'
  | 'conflict_already_resolved'
  | 'resolution_not_applicable'
  | 'close_date_in_past'
  | 'deal_already_closed'
  | 'duplicate_registration';

export interface DomainFailure {
  code: DomainFailureCode;
  message: string;
  details?: Record<string, unknown>;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (code: DomainFailureCode, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});
