import { createKeyring, generateKeyringSpec, parseKeyring } from '../../../src/store/secrets';

describe('token encryption keyring', () => {
  const oldSpec = generateKeyringSpec('k1');
  const newSpec = generateKeyringSpec('k2');

  it('round-trips and never stores the clear text', () => {
    const keyring = createKeyring(parseKeyring(oldSpec));
    const sealed = keyring.encrypt('pat-na1-secret-token');
    expect(sealed).not.toContain('pat-na1-secret-token');
    expect(sealed.startsWith('v1.k1.')).toBe(true);
    expect(keyring.decrypt(sealed)).toBe('pat-na1-secret-token');
    expect(keyring.encrypt('same')).not.toBe(keyring.encrypt('same'));
  });

  it('reads old ciphertexts after rotation and encrypts with the new key', () => {
    const sealedWithOld = createKeyring(parseKeyring(oldSpec)).encrypt('token');
    const rotated = createKeyring(parseKeyring(`${newSpec},${oldSpec}`));
    expect(rotated.decrypt(sealedWithOld)).toBe('token');
    expect(rotated.needsRotation(sealedWithOld)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('token'))).toBe(false);
  });

  it('refuses tampered ciphertext and unknown keys', () => {
    const keyring = createKeyring(parseKeyring(oldSpec));
    const sealed = keyring.encrypt('token');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => keyring.decrypt(parts.join('.'))).toThrow();
    expect(() => createKeyring(parseKeyring(newSpec)).decrypt(sealed)).toThrow(/not readable/);
  });

  it('explains a malformed key specification', () => {
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyring('nocolon')).toThrow(/<id>:<base64 key>/);
  });
});
