import { normalizeCompanyName } from '../../src/domain/customer';
import type { DealRegistrationInput } from '../../src/domain/registration';
import type { Random } from '../support/random';
import { companyName, lookAlike, misspell, typedDomain } from './companyNames';
import { PRODUCTS, type SeededAccount, type SeededPartner } from './seed';

export const QUERY_KINDS = ['exact', 'misspelled', 'look-alike', 'unknown'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface CheckQuery {
  kind: QueryKind;
  partner: SeededPartner;
  input: DealRegistrationInput;
}

export interface QueryPool {
  accounts: readonly SeededAccount[];
  /** Accounts that hold an open registration, so most checks can hit something. */
  openAccounts: readonly SeededAccount[];
  partners: readonly SeededPartner[];
  /** Normalized names and domains already taken, so "unknown" companies really are unknown. */
  knownNames: ReadonlySet<string>;
  knownDomains: Set<string>;
}

function customerFor(kind: QueryKind, pool: QueryPool, random: Random): DealRegistrationInput['customer'] {
  if (kind === 'unknown') {
    for (;;) {
      const name = companyName(random);
      if (pool.knownNames.has(normalizeCompanyName(name))) continue;
      const domain = random.next() < 0.5 ? typedDomain(name, random, pool.knownDomains) : null;
      return domain ? { name, domain: domain.typed } : { name };
    }
  }
  const account = random.next() < 0.7 ? random.pick(pool.openAccounts) : random.pick(pool.accounts);
  if (kind === 'exact') {
    // Retyped: same company and, half the time, its domain spelled differently.
    const name = random.next() < 0.5 ? account.name.toUpperCase() : account.name;
    return account.domain && random.next() < 0.5 ? { name, domain: `http://${account.normalizedDomain}/` } : { name };
  }
  // Misspellings and look-alikes come without a domain, so only the name can match them.
  return { name: kind === 'misspelled' ? misspell(account.name, random) : lookAlike(account.name, random) };
}

/** Checks a partner might submit: 30% exact, 30% misspelled, 20% look-alike, 20% unknown customers. */
export function buildQueries(count: number, pool: QueryPool, random: Random): CheckQuery[] {
  const queries: CheckQuery[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random.next();
    const kind: QueryKind = roll < 0.3 ? 'exact' : roll < 0.6 ? 'misspelled' : roll < 0.8 ? 'look-alike' : 'unknown';
    const partner = random.pick(pool.partners);
    const first = random.pick(PRODUCTS);
    const products = random.next() < 0.3 ? [first, random.pick(PRODUCTS.filter((p) => p !== first))] : [first];
    queries.push({
      kind,
      partner,
      input: {
        partnerId: partner.id,
        customer: customerFor(kind, pool, random),
        products,
        amount: 50_000,
        currency: 'USD',
        expectedCloseDate: '2030-06-30',
      },
    });
  }
  return queries;
}
