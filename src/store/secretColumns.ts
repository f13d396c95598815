import type { SecretAad } from '../security/secrets';

/** A key column of a table holding secrets, with its SQL type (for casting parameters in batch statements). */
interface KeyColumn {
  name: string;
  type: 'uuid' | 'text';
}

/**
 * A column holding ciphertexts, and the columns naming its row. The row key is what binds a
 * ciphertext to its row (the associated data), so it must be known before the row is written and
 * never change afterwards.
 */
export interface SecretColumn<K extends readonly KeyColumn[] = readonly KeyColumn[]> {
  table: string;
  column: string;
  rowKey: K;
}

const secretColumn = <const K extends readonly KeyColumn[]>(table: string, column: string, rowKey: K): SecretColumn<K> => ({ table, column, rowKey });

/*
 * CRM connections and Slack installations are upserted on their natural key (tenant and CRM; tenant):
 * the id generated for the insert is dropped when the row exists, so it could not name the row the
 * ciphertext lands in; the natural key does, and binds the token to its tenant.
 */
const crmConnection = [
  { name: 'tenant_id', type: 'uuid' },
  { name: 'crm', type: 'text' },
] as const;

/** Every stored secret. Card credentials and API keys are kept as hashes, not ciphertexts. */
export const SECRET_COLUMNS = {
  crmAccessToken: secretColumn('crm_connections', 'access_token_enc', crmConnection),
  crmRefreshToken: secretColumn('crm_connections', 'refresh_token_enc', crmConnection),
  slackBotToken: secretColumn('slack_installations', 'bot_token_enc', [{ name: 'tenant_id', type: 'uuid' }] as const),
  // The nonce is the primary key, chosen before the insert.
  pkceVerifier: secretColumn('oauth_states', 'code_verifier_enc', [{ name: 'nonce', type: 'text' }] as const),
};

type KeyValues<K extends readonly KeyColumn[]> = { readonly [I in keyof K]: string };

/** The associated data of a secret in one row: `<table>.<column>:<key>[/<key>…]`. */
export function secretAad<K extends readonly KeyColumn[]>(secret: SecretColumn<K>, key: KeyValues<K>): SecretAad {
  return `${secret.table}.${secret.column}:${(key as readonly string[]).join('/')}` as SecretAad;
}
