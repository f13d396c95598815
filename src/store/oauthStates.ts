import type { Queryable } from './db';
import { SECRET_COLUMNS, secretAad } from './secretColumns';
import type { Keyring } from '../security/secrets';

const verifierAad = (nonce: string) => secretAad(SECRET_COLUMNS.pkceVerifier, [nonce]);

export type InstallProvider = 'hubspot' | 'salesforce' | 'slack';
/** Signing in through a CRM or an OpenID Connect provider: identity only, nothing is installed. */
export type SignInProvider = 'hubspot_signin' | 'salesforce_signin' | 'oidc_signin';
/** Whatever sends the browser away with a state and takes it back at a callback. */
export type StateProvider = InstallProvider | SignInProvider;

/** What an install (or a sign-in) remembers between sending the browser away and its return. */
export interface PendingInstall {
  nonce: string;
  provider: StateProvider;
  /** The tenant adding this connection; null when the CRM account decides the tenant. */
  tenantId: string | null;
  codeVerifier: string | null;
  /** Salesforce: the login host the admin chose, where the code is exchanged (a sign-in's OpenID issuer). */
  loginUrl: string | null;
  expiresAt: Date;
}

export async function insertPendingInstall(q: Queryable, keyring: Keyring, p: PendingInstall): Promise<void> {
  await q.query(
    'INSERT INTO oauth_states (nonce, provider, tenant_id, code_verifier_enc, login_url, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [p.nonce, p.provider, p.tenantId, p.codeVerifier ? keyring.encrypt(p.codeVerifier, verifierAad(p.nonce)) : null, p.loginUrl, p.expiresAt],
  );
}

/**
 * Marks a pending install used and returns it, or null when it is unknown or was used
 * already: the conditional update lets exactly one of two racing callbacks through.
 */
export async function consumePendingInstall(q: Queryable, keyring: Keyring, nonce: string, provider: StateProvider): Promise<PendingInstall | null> {
  const { rows } = await q.query<{ nonce: string; provider: StateProvider; tenant_id: string | null; code_verifier_enc: string | null; login_url: string | null; expires_at: Date }>(
    `UPDATE oauth_states SET used_at = now() WHERE nonce = $1 AND provider = $2 AND used_at IS NULL
     RETURNING nonce, provider, tenant_id, code_verifier_enc, login_url, expires_at`,
    [nonce, provider],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    nonce: row.nonce,
    provider: row.provider,
    tenantId: row.tenant_id,
    codeVerifier: row.code_verifier_enc ? keyring.decrypt(row.code_verifier_enc, verifierAad(row.nonce)) : null,
    loginUrl: row.login_url,
    expiresAt: row.expires_at,
  };
}

/** Old states are only kept long enough to recognise a replay as one. */
export async function deleteStalePendingInstalls(q: Queryable, before: Date): Promise<void> {
  await q.query('DELETE FROM oauth_states WHERE expires_at < $1', [before]);
}
