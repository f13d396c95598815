import { createHash } from 'node:crypto';
import type { FieldValues } from './port';

/** A stable fingerprint of mapped values (key order does not matter): the "last written hash". */
export function hashValues(values: FieldValues): string {
  const sorted = Object.keys(values)
    .sort()
    .map((k) => [k, values[k] ?? null]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url');
}
