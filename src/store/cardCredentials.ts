import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from './db';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface CardCredentialOwner {
  tenantId: string;
  crm: 'salesforce';
  externalAccountId: string;
}

/**
 * Issues the secret a Salesforce org's Named Credential sends to the card backend, revoking
 * the previous one. Returned in clear text this once; only its hash is kept.
 */
export async function issueCardCredential(q: Queryable, tenantId: string, crm: 'salesforce', externalAccountId: string): Promise<string> {
  const secret = `tcs_${randomBytes(32).toString('base64url')}`;
  await q.query('UPDATE card_credentials SET revoked_at = now() WHERE tenant_id = $1 AND crm = $2 AND revoked_at IS NULL', [tenantId, crm]);
  await q.query(
    'INSERT INTO card_credentials (id, tenant_id, crm, external_account_id, secret_hash, secret_prefix) VALUES ($1, $2, $3, $4, $5, $6)',
    [randomUUID(), tenantId, crm, externalAccountId, hashSecret(secret), secret.slice(0, 8)],
  );
  return secret;
}

/** The tenant and org a presented secret belongs to; revoked or unknown secrets find nothing. */
export async function findCardCredentialOwner(q: Queryable, secret: string): Promise<CardCredentialOwner | null> {
  const { rows } = await q.query<{ tenant_id: string; crm: 'salesforce'; external_account_id: string }>(
    'SELECT tenant_id, crm, external_account_id FROM card_credentials WHERE secret_hash = $1 AND revoked_at IS NULL',
    [hashSecret(secret)],
  );
  const row = rows[0];
  return row ? { tenantId: row.tenant_id, crm: row.crm, externalAccountId: row.external_account_id } : null;
}
