import { getCrmConnection, saveCrmConnection, saveRefreshedTokens } from '../../../src/store/connections';
import { consumePendingInstall, insertPendingInstall } from '../../../src/store/oauthStates';
import { getSlackInstallation, saveSlackInstallation } from '../../../src/store/slackInstallations';
import { createKeyring, generateKeyringSpec, parseKeyring, UnreadableSecretError, type Keyring } from '../../../src/security/secrets';
import { describeRotation, rotateSecrets, rotationPending } from '../../../src/usecases/rotateSecrets';
import { createTenant } from '../../../src/usecases/tenants';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { sealV1 } from '../../support/legacySecrets';

const k1 = generateKeyringSpec('k1');
const k2 = generateKeyringSpec('k2');
const onlyK1 = createKeyring(parseKeyring(k1));
const rotated = createKeyring(parseKeyring(`${k2},${k1}`));

describe('rotating the keys that encrypt stored secrets', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database.drop();
  });

  /** A tenant with every kind of stored secret, written under `keyring`. */
  async function tenantWithSecrets(keyring: Keyring, name: string) {
    const db = database.db;
    const { tenant } = await createTenant({ db }, name);
    await saveCrmConnection(db, keyring, tenant.id, 'hubspot', { externalAccountId: `portal-${name}`, scopes: [], accessToken: `hs-access-${name}`, refreshToken: `hs-refresh-${name}` });
    await saveCrmConnection(db, keyring, tenant.id, 'salesforce', { externalAccountId: `org-${name}`, scopes: [], accessToken: `sf-access-${name}`, refreshToken: null });
    const slack = { teamId: `T-${name}`, teamName: name, appId: 'A1', botUserId: 'U1', scopes: [], defaultChannelId: null, installedBy: null };
    await saveSlackInstallation(db, keyring, tenant.id, { ...slack, botToken: `xoxb-${name}` });
    const nonce = `nonce-${name}`;
    await insertPendingInstall(db, keyring, { nonce, provider: 'hubspot', tenantId: tenant.id, codeVerifier: `verifier-${name}`, loginUrl: null, expiresAt: new Date(Date.now() + 600_000) });
    return { tenantId: tenant.id, nonce };
  }

  const storedCiphertexts = async () =>
    (
      await database.db.query<{ c: string }>(
        `SELECT access_token_enc AS c FROM crm_connections UNION ALL SELECT refresh_token_enc FROM crm_connections WHERE refresh_token_enc IS NOT NULL
         UNION ALL SELECT bot_token_enc FROM slack_installations UNION ALL SELECT code_verifier_enc FROM oauth_states WHERE code_verifier_enc IS NOT NULL`,
      )
    ).rows.map((r) => r.c);

  it('rewrites every secret under the new key, still readable, and says the old key can be retired', async () => {
    const acme = await tenantWithSecrets(onlyK1, 'acme');
    const globex = await tenantWithSecrets(onlyK1, 'globex');
    expect(await rotationPending({ db: database.db, keyring: rotated })).toBe(true);

    const report = await rotateSecrets({ db: database.db, keyring: rotated }, 3);

    const stored = await storedCiphertexts();
    expect(stored).toHaveLength(10);
    for (const c of stored) expect(c).toMatch(/^v2\.k2\./);
    expect(report.rewritten).toBe(10);
    expect(report.unreadable).toEqual([]);
    expect(report.keys).toEqual([
      { keyId: 'k2', active: true, inKeyring: true, ciphertexts: 10, unbound: 0 },
      { keyId: 'k1', active: false, inKeyring: true, ciphertexts: 0, unbound: 0 },
    ]);
    expect(describeRotation(report)).toContain('key k1: 0 ciphertexts left — it can be removed from TRELLIS_ENCRYPTION_KEYS');
    expect(await rotationPending({ db: database.db, keyring: rotated })).toBe(false);

    // Readable with the new key alone, by the same code that reads them in use.
    const onlyK2 = createKeyring(parseKeyring(k2));
    for (const [{ tenantId, nonce }, name] of [[acme, 'acme'], [globex, 'globex']] as const) {
      const hubspot = (await getCrmConnection(database.db, onlyK2, tenantId, 'hubspot'))!;
      expect([hubspot.accessToken, hubspot.refreshToken]).toEqual([`hs-access-${name}`, `hs-refresh-${name}`]);
      expect((await getCrmConnection(database.db, onlyK2, tenantId, 'salesforce'))!.accessToken).toBe(`sf-access-${name}`);
      expect((await getSlackInstallation(database.db, onlyK2, tenantId))!.botToken).toBe(`xoxb-${name}`);
      expect((await consumePendingInstall(database.db, onlyK2, nonce, 'hubspot'))!.codeVerifier).toBe(`verifier-${name}`);
    }
  });

  it('rewrites the unbound v1 format as v2 under the same key', async () => {
    const { tenantId } = await tenantWithSecrets(rotated, 'initech');
    const [k2Key] = parseKeyring(k2);
    await database.db.query('UPDATE slack_installations SET bot_token_enc = $2 WHERE tenant_id = $1', [tenantId, sealV1(k2Key!, 'xoxb-legacy')]);
    expect(await rotationPending({ db: database.db, keyring: rotated })).toBe(true);

    const report = await rotateSecrets({ db: database.db, keyring: rotated });

    expect(report.rewritten).toBe(1);
    const { rows } = await database.db.query<{ bot_token_enc: string }>('SELECT bot_token_enc FROM slack_installations WHERE tenant_id = $1', [tenantId]);
    expect(rows[0]!.bot_token_enc).toMatch(/^v2\.k2\./);
    expect((await getSlackInstallation(database.db, rotated, tenantId))!.botToken).toBe('xoxb-legacy');
  });

  it('never overwrites a token refreshed while the rotation was rewriting it', async () => {
    const { tenantId } = await tenantWithSecrets(onlyK1, 'hooli');
    const before = (await getCrmConnection(database.db, onlyK1, tenantId, 'hubspot'))!;
    let commitRefresh!: () => void;
    const refreshCommitted = new Promise<void>((resolve) => (commitRefresh = resolve));
    // A process still on the old keyring refreshes the token; its transaction holds the row until told to commit.
    const refresh = database.db.transaction(async (tx) => {
      await saveRefreshedTokens(tx, onlyK1, before, { accessToken: 'hs-access-refreshed', accessTokenExpiresAt: null });
      await refreshCommitted;
    });
    const rotation = rotateSecrets({ db: database.db, keyring: rotated });
    await untilAStatementWaitsForALock();
    commitRefresh();
    await refresh;
    const report = await rotation;

    expect(report.changedMeanwhile).toBe(1);
    expect((await getCrmConnection(database.db, rotated, tenantId, 'hubspot'))!.accessToken).toBe('hs-access-refreshed');
    // The refreshed token is under k1, so k1 must stay until a later run rewrites it.
    expect(describeRotation(report)).toContain('key k1: 1 ciphertext left — keep it in TRELLIS_ENCRYPTION_KEYS');
    const again = await rotateSecrets({ db: database.db, keyring: rotated });
    expect(again.rewritten).toBe(1);
    expect(describeRotation(again)).toContain('key k1: 0 ciphertexts left — it can be removed from TRELLIS_ENCRYPTION_KEYS');
    expect((await getCrmConnection(database.db, createKeyring(parseKeyring(k2)), tenantId, 'hubspot'))!.accessToken).toBe('hs-access-refreshed');
  });

  it("refuses a token copied into another tenant's row, and the rotation reports it without rewriting it", async () => {
    const from = await tenantWithSecrets(onlyK1, 'umbrella');
    const to = await tenantWithSecrets(onlyK1, 'cyberdyne');
    await database.db.query(
      `UPDATE crm_connections SET access_token_enc = (SELECT access_token_enc FROM crm_connections WHERE tenant_id = $1 AND crm = 'hubspot')
       WHERE tenant_id = $2 AND crm = 'hubspot'`,
      [from.tenantId, to.tenantId],
    );
    await expect(getCrmConnection(database.db, rotated, to.tenantId, 'hubspot')).rejects.toThrow(UnreadableSecretError);
    await expect(getCrmConnection(database.db, rotated, to.tenantId, 'hubspot')).rejects.toThrow(/copied from another row/);
    expect((await getCrmConnection(database.db, rotated, from.tenantId, 'hubspot'))!.accessToken).toBe('hs-access-umbrella');

    const report = await rotateSecrets({ db: database.db, keyring: rotated });
    expect(report.unreadable).toEqual([{ secret: `crm_connections.access_token_enc:${to.tenantId}/hubspot`, reason: expect.stringMatching(/copied from another row/) }]);
    expect(describeRotation(report)).toContain('key k1: 1 ciphertext left — keep it in TRELLIS_ENCRYPTION_KEYS');
  });

  /** Until a statement of this database waits for a row lock: the rotation's rewrite behind the refresh. */
  async function untilAStatementWaitsForALock(): Promise<void> {
    for (;;) {
      const { rows } = await database.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (rows[0]!.n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});
