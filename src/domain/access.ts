/**
 * What each kind of caller may do, decided in this one place. Today an API key is either an
 * admin (everything) or read-only (reads only); vendor users and finer roles extend this policy.
 */
export const API_KEY_ROLES = ['admin', 'read_only'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** A request either only reads or changes something. */
export type Access = 'read' | 'write';

export function roleAllows(role: ApiKeyRole, access: Access): boolean {
  return role === 'admin' || access === 'read';
}
