import { SECRET_COLUMNS, secretAad, type SecretColumn } from '../store/secretColumns';
import { listCiphertextsToRotate, replaceCiphertexts, tallyCiphertexts, type StoredCiphertext } from '../store/secretRotation';
import { currentPrefix, UnreadableSecretError } from '../security/secrets';
import type { Deps } from './context';

const BATCH = 200;

/** The ciphertexts stored under one key id, after a rotation. */
export interface KeyUse {
  keyId: string;
  active: boolean;
  /** Whether the keyring holds it: a key it lacks leaves its ciphertexts unreadable. */
  inKeyring: boolean;
  ciphertexts: number;
  /** Of those, how many are still `v1`, not bound to their rows. */
  unbound: number;
}

export interface RotationReport {
  activeKeyId: string;
  /** Ciphertexts rewritten under the active key this run. */
  rewritten: number;
  /** Ciphertexts changed by someone else (a token refresh) between read and rewrite: the newer value was kept. */
  changedMeanwhile: number;
  /** Where a ciphertext could not be read (a key missing from the keyring, or one moved between rows), and why. */
  unreadable: { secret: string; reason: string }[];
  keys: KeyUse[];
}

type RotationDeps = Pick<Deps, 'db' | 'keyring'>;

/**
 * Re-encrypts every stored secret that is not yet under the active key in the current format
 * (another key, or `v1`), column by column in batches. Each row is rewritten only if its
 * ciphertext is still the one read, so a token refreshed meanwhile is never overwritten with the
 * older value. Then counts what every key still holds: a key holding nothing can be retired.
 */
export async function rotateSecrets(deps: RotationDeps, batchSize = BATCH): Promise<RotationReport> {
  const report: RotationReport = { activeKeyId: deps.keyring.activeKeyId, rewritten: 0, changedMeanwhile: 0, unreadable: [], keys: [] };
  for (const secret of Object.values(SECRET_COLUMNS) as SecretColumn[]) {
    let after: string[] | null = null;
    for (;;) {
      const batch = await listCiphertextsToRotate(deps.db, secret, currentPrefix(deps.keyring.activeKeyId), after, batchSize);
      if (batch.length === 0) break;
      const replacements = batch.flatMap((from) => reencrypt(deps, secret, from, report));
      const rewritten = await replaceCiphertexts(deps.db, secret, replacements);
      report.rewritten += rewritten;
      report.changedMeanwhile += replacements.length - rewritten;
      after = batch[batch.length - 1]!.key;
    }
  }
  report.keys = await keysInUse(deps);
  return report;
}

function reencrypt(deps: RotationDeps, secret: SecretColumn, from: StoredCiphertext, report: RotationReport): { from: StoredCiphertext; to: string }[] {
  const aad = secretAad(secret, from.key);
  try {
    return [{ from, to: deps.keyring.encrypt(deps.keyring.decrypt(from.ciphertext, aad), aad) }];
  } catch (err) {
    if (!(err instanceof UnreadableSecretError)) throw err;
    report.unreadable.push({ secret: aad, reason: err.message });
    return [];
  }
}

/** Per key id, the ciphertexts stored under it: every key of the keyring, and any other key found. */
export async function keysInUse(deps: RotationDeps): Promise<KeyUse[]> {
  const { keyring } = deps;
  const uses = new Map<string, KeyUse>(keyring.keyIds.map((keyId) => [keyId, { keyId, active: keyId === keyring.activeKeyId, inKeyring: true, ciphertexts: 0, unbound: 0 }]));
  for (const secret of Object.values(SECRET_COLUMNS) as SecretColumn[]) {
    for (const { version, keyId, count } of await tallyCiphertexts(deps.db, secret)) {
      const use = uses.get(keyId) ?? { keyId, active: false, inKeyring: false, ciphertexts: 0, unbound: 0 };
      use.ciphertexts += count;
      if (version === 'v1') use.unbound += count;
      uses.set(keyId, use);
    }
  }
  return [...uses.values()];
}

/** Whether any stored secret waits for a rotation: under an older key, or not yet bound to its row. */
export async function rotationPending(deps: RotationDeps): Promise<boolean> {
  return (await keysInUse(deps)).some((k) => (k.active ? k.unbound : k.ciphertexts) > 0);
}

const ciphertexts = (n: number) => `${n} ciphertext${n === 1 ? '' : 's'}`;

/** The report in sentences, one per key, for the command line and the logs. */
export function describeRotation(report: RotationReport, keysVariable = 'TRELLIS_ENCRYPTION_KEYS'): string[] {
  const lines = [`Rewrote ${ciphertexts(report.rewritten)} under key ${report.activeKeyId}.`];
  if (report.changedMeanwhile > 0) lines.push(`${ciphertexts(report.changedMeanwhile)} changed while being rewritten and kept their newer value; run the rotation again to cover them.`);
  for (const u of report.unreadable) lines.push(`Cannot read ${u.secret}: ${u.reason}.`);
  for (const k of report.keys) {
    const unbound = k.unbound > 0 ? ` (${k.unbound} not yet bound to their rows)` : '';
    if (k.active) lines.push(`key ${k.keyId} (active): ${ciphertexts(k.ciphertexts)}${unbound}`);
    else if (!k.inKeyring) lines.push(`key ${k.keyId}: ${ciphertexts(k.ciphertexts)} under a key ${keysVariable} lacks — they cannot be read until it is added back`);
    else if (k.ciphertexts === 0) lines.push(`key ${k.keyId}: 0 ciphertexts left — it can be removed from ${keysVariable}`);
    else lines.push(`key ${k.keyId}: ${ciphertexts(k.ciphertexts)} left${unbound} — keep it in ${keysVariable}`);
  }
  return lines;
}
