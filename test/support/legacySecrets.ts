import { createCipheriv, randomBytes } from 'node:crypto';
import type { KeyringKey } from '../../src/security/secrets';

/** A ciphertext as Trellis wrote them before secrets were bound to their rows: `v1`, no associated data. */
export function sealV1({ id, key }: KeyringKey, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}
