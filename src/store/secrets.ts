import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for tokens: AES-256-GCM under a keyring. The first key encrypts;
 * every key decrypts, so a new key can be put first and old ciphertexts still read
 * until they are re-encrypted. Ciphertext: `v1.<keyId>.<iv>.<tag>.<data>` (base64url).
 */
export interface Keyring {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Whether a ciphertext was made with a key other than the active one. */
  needsRotation(ciphertext: string): boolean;
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

export function createKeyring(keys: KeyringKey[]): Keyring {
  const active = keys[0];
  if (!active) throw new Error('the keyring needs at least one key');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active.key, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', active.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(ciphertext) {
      const [version, keyId, iv, tag, data] = ciphertext.split('.');
      const key = keyId ? byId.get(keyId) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || data === undefined) throw new Error('ciphertext is not readable with this keyring');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
    needsRotation(ciphertext) {
      return ciphertext.split('.')[1] !== active.id;
    },
  };
}
