import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyringSpec, parseKeyring } from '../security/secrets';
import type { Config } from '.';

/** A value kept in the data directory so the sandbox keeps the same credentials across restarts. */
export function remembered(dataDir: string, file: string, make: () => string): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return value;
}

const secret = () => randomBytes(32).toString('base64url');

/**
 * The sandbox needs no secrets from its user: whatever is not configured is made once and
 * remembered in the data directory (the emulators' apps are registered with the same values).
 */
export function withSandboxSecrets(config: Config): Config {
  const keep = (given: string | undefined, file: string, make = secret) => given ?? remembered(config.dataDir, file, make);
  return {
    ...config,
    adminToken: keep(config.adminToken, 'admin-token', () => randomBytes(24).toString('base64url')),
    metricsToken: keep(config.metricsToken, 'metrics-token', () => randomBytes(24).toString('base64url')),
    encryptionKeys: config.encryptionKeys ?? parseKeyring(keep(undefined, 'encryption-keys', () => generateKeyringSpec())),
    signingSecret: keep(config.signingSecret, 'signing-secret'),
    hubspot: { ...config.hubspot, clientSecret: keep(config.hubspot.clientSecret, 'hubspot-client-secret') },
    salesforce: { ...config.salesforce, clientSecret: keep(config.salesforce.clientSecret, 'salesforce-client-secret') },
    slack: {
      ...config.slack,
      clientSecret: keep(config.slack.clientSecret, 'slack-client-secret'),
      signingSecret: keep(config.slack.signingSecret, 'slack-signing-secret'),
    },
  };
}
