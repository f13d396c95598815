import type { Clock } from '../domain/clock';
import type { TenantSettings } from '../domain/settings';
import type { Db } from '../store/db';
import type { Keyring } from '../store/secrets';

export interface Deps {
  db: Db;
  clock: Clock;
  /** Encrypts and decrypts CRM and Slack tokens at rest. */
  keyring: Keyring;
}

/** Who acts, for which tenant, under which rules. */
export interface Actor {
  tenantId: string;
  settings: TenantSettings;
  /** Recorded on decisions and in the audit log: a user's email, a Slack user, or an API key's name. */
  name: string;
}
