import { normalizeCompanyName, registrableDomain } from '../domain/customer';
import { indexedKeys } from '../domain/nameMatch';
import type { Queryable } from './db';

/** The account columns the conflict search reads, derived from the customer's normalized name and domain. */
export function accountMatchColumns(normalizedName: string, normalizedDomain: string | null) {
  return { registrableDomain: normalizedDomain ? registrableDomain(normalizedDomain) : null, nameKeys: indexedKeys(normalizedName) };
}

const BATCH = 5_000;

/**
 * Recomputes every stored customer key with the current normalization (legal forms, transliteration,
 * abbreviations) so customers stored before still match the ones submitted after. Runs in each
 * migration that changes the normalization; the raw name and domain are kept, so nothing is guessed.
 */
export async function recomputeCustomerKeys(q: Queryable): Promise<void> {
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const { rows } = await q.query<{ id: string; name: string; normalized_domain: string | null }>(
      'SELECT id, name, normalized_domain FROM accounts WHERE id > $1 ORDER BY id LIMIT $2',
      [after, BATCH],
    );
    if (rows.length === 0) break;
    const names = rows.map((r) => normalizeCompanyName(r.name));
    const columns = rows.map((r, i) => accountMatchColumns(names[i]!, r.normalized_domain));
    await q.query(
      `UPDATE accounts a SET normalized_name = u.normalized_name, registrable_domain = u.registrable_domain,
         name_keys = ARRAY(SELECT jsonb_array_elements_text(u.name_keys))
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) AS u(id, normalized_name, registrable_domain, name_keys)
       WHERE a.id = u.id`,
      [rows.map((r) => r.id), names, columns.map((c) => c.registrableDomain), columns.map((c) => JSON.stringify(c.nameKeys))],
    );
    after = rows[rows.length - 1]!.id;
  }
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const { rows } = await q.query<{ id: string; company_name: string }>(
      'SELECT id, company_name FROM crm_deals WHERE id > $1 AND company_name IS NOT NULL ORDER BY id LIMIT $2',
      [after, BATCH],
    );
    if (rows.length === 0) break;
    await q.query(
      `UPDATE crm_deals d SET company_normalized_name = u.normalized_name
       FROM unnest($1::uuid[], $2::text[]) AS u(id, normalized_name) WHERE d.id = u.id`,
      [rows.map((r) => r.id), rows.map((r) => normalizeCompanyName(r.company_name))],
    );
    after = rows[rows.length - 1]!.id;
  }
}
