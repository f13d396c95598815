/**
 * `npm run secrets:rotate`: rewrites every stored secret of the store at DATABASE_URL under the
 * first key of TRELLIS_ENCRYPTION_KEYS and prints, per key, how many ciphertexts it still holds
 * (a key holding none can be removed). Safe beside running servers: a row changed meanwhile is left as it is.
 */
import { ConfigError, loadConfig } from './config';
import { openDb } from './store/openDb';
import { createKeyring } from './security/secrets';
import { describeRotation, rotateSecrets } from './usecases/rotateSecrets';

async function main(): Promise<number> {
  const config = loadConfig();
  if (config.database.kind !== 'postgres') {
    throw new ConfigError('Set DATABASE_URL to the store to rotate. The embedded store is rotated by Trellis itself when it starts with a new key.');
  }
  if (!config.encryptionKeys) throw new ConfigError('Set TRELLIS_ENCRYPTION_KEYS: the new key first, then every key still in use.');
  const db = await openDb(config.database.url);
  try {
    const report = await rotateSecrets({ db, keyring: createKeyring(config.encryptionKeys) });
    for (const line of describeRotation(report)) console.log(line);
    return report.unreadable.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  },
);
