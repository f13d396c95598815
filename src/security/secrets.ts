import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Where a ciphertext is stored: its table, column and row. It is the GCM associated data of a
 * `v2` ciphertext, so one copied into another row, column or tenant does not decrypt. Built only
 * by `secretAad` (src/store/secretColumns.ts), so a write and its reads cannot disagree.
 */
export type SecretAad = string & { readonly __secretAad: unique symbol };

/**
 * Encryption at rest for tokens: AES-256-GCM under a keyring. The first key encrypts;
 * every key decrypts, so a new key can be put first and old ciphertexts still read
 * until they are re-encrypted. Ciphertext: `v2.<keyId>.<iv>.<tag>.<data>` (base64url), bound
 * to its row by the associated data; `v1` (the same without associated data) is still read.
 */
export interface Keyring {
  /** The key `encrypt` uses. */
  readonly activeKeyId: string;
  /** Every key id it holds, active first. */
  readonly keyIds: readonly string[];
  encrypt(plaintext: string, aad: SecretAad): string;
  /** Throws `UnreadableSecretError` for an unknown key, a tampered ciphertext or one from another row. */
  decrypt(ciphertext: string, aad: SecretAad): string;
}

export class UnreadableSecretError extends Error {
  override readonly name = 'UnreadableSecretError';
}

export interface KeyringKey {
  id: string;
  key: Buffer;
}

/** Parses `id:base64key,id2:base64key2`; each key must be 32 bytes. */
export function parseKeyring(spec: string): KeyringKey[] {
  return spec.split(',').map((entry) => {
    const [id, encoded] = entry.trim().split(':');
    if (!id || !encoded || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error('each key must be written as <id>:<base64 key>');
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes (base64 of 32 random bytes)`);
    return { id, key };
  });
}

export function generateKeyringSpec(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

const CURRENT_VERSION = 'v2';

/** The prefix of every ciphertext `encrypt` writes under `keyId`; any other ciphertext awaits rotation (another key, or the unbound `v1`). */
export const currentPrefix = (keyId: string) => `${CURRENT_VERSION}.${keyId}.`;

export function createKeyring(keys: KeyringKey[]): Keyring {
  const active = keys[0];
  if (!active) throw new Error('the keyring needs at least one key');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    activeKeyId: active.id,
    keyIds: keys.map((k) => k.id),
    encrypt(plaintext, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active.key, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [CURRENT_VERSION, active.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(ciphertext, aad) {
      const [version, keyId, iv, tag, data] = ciphertext.split('.');
      if ((version !== 'v1' && version !== 'v2') || !keyId || !iv || !tag || data === undefined) {
        throw new UnreadableSecretError('not a Trellis ciphertext');
      }
      const key = byId.get(keyId);
      if (!key) throw new UnreadableSecretError(`ciphertext is under key ${keyId}, which is not in the keyring`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      // v1 predates binding ciphertexts to their rows; the rotation job rewrites it as v2.
      if (version === 'v2') decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new UnreadableSecretError(`ciphertext does not authenticate for ${aad}: altered, or copied from another row`);
      }
    },
  };
}
