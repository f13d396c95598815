import { validationError } from './errors';

/** A list parameter given as `a,b`, repeated (`p=a&p=b`), or both. */
export function listParam(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return parts.flatMap((p) => String(p).split(',')).map((p) => p.trim()).filter(Boolean);
}

export function boolParam(value: unknown): boolean {
  return String(value).toLowerCase() === 'true';
}

export function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function limitParam(value: unknown, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw validationError(`limit must be a positive integer, got ${String(value)}`);
  return Math.min(n, max);
}
