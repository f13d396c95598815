import { SECRET_COLUMNS, secretAad } from '../../../src/store/secretColumns';
import { createKeyring, currentPrefix, generateKeyringSpec, parseKeyring, UnreadableSecretError } from '../../../src/security/secrets';
import { sealV1 } from '../../support/legacySecrets';

describe('token encryption keyring', () => {
  const oldSpec = generateKeyringSpec('k1');
  const newSpec = generateKeyringSpec('k2');
  const tenantA = '6f1c1a6e-0d3b-4c43-9a57-1f0f6f0d6a01';
  const tenantB = '0b7e2a51-93f4-4d1e-8a0c-3e7c2b9d4f02';
  const rowA = secretAad(SECRET_COLUMNS.crmAccessToken, [tenantA, 'hubspot']);

  it('round-trips and never stores the clear text', () => {
    const keyring = createKeyring(parseKeyring(oldSpec));
    const sealed = keyring.encrypt('pat-na1-secret-token', rowA);
    expect(sealed).not.toContain('pat-na1-secret-token');
    expect(sealed.startsWith('v2.k1.')).toBe(true);
    expect(keyring.decrypt(sealed, rowA)).toBe('pat-na1-secret-token');
    expect(keyring.encrypt('same', rowA)).not.toBe(keyring.encrypt('same', rowA));
  });

  it('names the table, the column and the row in the associated data', () => {
    expect(rowA).toBe(`crm_connections.access_token_enc:${tenantA}/hubspot`);
    expect(secretAad(SECRET_COLUMNS.pkceVerifier, ['nonce-1'])).toBe('oauth_states.code_verifier_enc:nonce-1');
  });

  it('refuses a ciphertext moved to another tenant, CRM or column', () => {
    const keyring = createKeyring(parseKeyring(oldSpec));
    const sealed = keyring.encrypt('token', rowA);
    for (const elsewhere of [
      secretAad(SECRET_COLUMNS.crmAccessToken, [tenantB, 'hubspot']),
      secretAad(SECRET_COLUMNS.crmAccessToken, [tenantA, 'salesforce']),
      secretAad(SECRET_COLUMNS.crmRefreshToken, [tenantA, 'hubspot']),
    ]) {
      expect(() => keyring.decrypt(sealed, elsewhere)).toThrow(UnreadableSecretError);
      expect(() => keyring.decrypt(sealed, elsewhere)).toThrow(/copied from another row/);
    }
  });

  it('still reads v1 ciphertexts, written before rows were bound, and marks them for rotation', () => {
    const [k1] = parseKeyring(oldSpec);
    const keyring = createKeyring([k1!]);
    const legacy = sealV1(k1!, 'legacy-token');
    expect(keyring.decrypt(legacy, rowA)).toBe('legacy-token');
    expect(legacy.startsWith(currentPrefix('k1'))).toBe(false);
    expect(keyring.encrypt('legacy-token', rowA).startsWith(currentPrefix('k1'))).toBe(true);
  });

  it('reads old ciphertexts after rotation and encrypts with the new key', () => {
    const sealedWithOld = createKeyring(parseKeyring(oldSpec)).encrypt('token', rowA);
    const rotated = createKeyring(parseKeyring(`${newSpec},${oldSpec}`));
    expect(rotated.activeKeyId).toBe('k2');
    expect(rotated.decrypt(sealedWithOld, rowA)).toBe('token');
    expect(sealedWithOld.startsWith(currentPrefix(rotated.activeKeyId))).toBe(false);
    expect(rotated.encrypt('token', rowA).startsWith(currentPrefix(rotated.activeKeyId))).toBe(true);
  });

  it('refuses tampered ciphertext and keys it does not hold, saying which', () => {
    const keyring = createKeyring(parseKeyring(oldSpec));
    const sealed = keyring.encrypt('token', rowA);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => keyring.decrypt(parts.join('.'), rowA)).toThrow(UnreadableSecretError);
    expect(() => createKeyring(parseKeyring(newSpec)).decrypt(sealed, rowA)).toThrow(/under key k1, which is not in the keyring/);
    expect(() => keyring.decrypt('plain-token', rowA)).toThrow(/not a Trellis ciphertext/);
  });

  it('explains a malformed key specification', () => {
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyring('nocolon')).toThrow(/<id>:<base64 key>/);
  });
});
