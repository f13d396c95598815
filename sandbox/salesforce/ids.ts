/**
 * Salesforce record ids: a 3-character key prefix naming the object, 12 characters
 * of instance and sequence, and a 3-character suffix that makes the 18-character
 * form case-insensitive (one letter per 5-character chunk, encoding which of its
 * characters are upper case).
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** Pod and reserved characters every emulated id carries after its prefix. */
const INSTANCE = '5g0';

export const KEY_PREFIX = {
  organization: '00D',
  user: '005',
  profile: '00e',
  account: '001',
  contact: '003',
  opportunity: '006',
  outboundMessage: '04k',
  outboundNotification: '04l',
  queryLocator: '01g',
  channelMember: '0v8',
} as const;

export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) flags |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[flags];
  }
  return suffix;
}

export function base62(n: number, width: number): string {
  let out = '';
  let rest = n;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
}

/** The 18-character id for `prefix` and sequence number `n`. */
export function makeId(prefix: string, n: number): string {
  const id15 = prefix + INSTANCE + base62(n, 9);
  return id15 + checksumSuffix(id15);
}

const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

/** The 18-character form of a 15- or 18-character id, or undefined when `value` is not shaped like an id. */
export function normalizeId(value: string): string | undefined {
  if (!ID_SHAPE.test(value)) return undefined;
  const id15 = value.slice(0, 15);
  const suffix = checksumSuffix(id15);
  if (value.length === 18 && value.slice(15).toUpperCase() !== suffix) return undefined;
  return id15 + suffix;
}

/** Custom objects get prefixes a00, a01, … in the order an org defines them, as real orgs do. */
export function customKeyPrefix(n: number): string {
  return 'a' + base62(n, 2);
}
