import { principalFor } from '../../../src/domain/access';
import { fixedClock } from '../../../src/domain/clock';
import type { ChannelConflict } from '../../../src/domain/conflicts';
import { coreName, normalizeCompanyName } from '../../../src/domain/customer';
import { typoDistance } from '../../../src/domain/nameMatch';
import type { Actor, Deps } from '../../../src/usecases/context';
import { checkDealRegistration } from '../../../src/usecases/submitDealRegistration';
import { createTenant } from '../../../src/usecases/tenants';
import { naiveConflicts } from '../../../bench/conflict-check/naive';
import { buildQueries, QUERY_KINDS, type CheckQuery } from '../../../bench/conflict-check/queries';
import { seedAccounts, seedPartners, seedRegistrations } from '../../../bench/conflict-check/seed';
import { seededRandom } from '../../../bench/support/random';
import { createTestDatabase, STORE_KINDS, type TestDatabase } from '../../support/databases';
import { testKeyring } from '../../support/deps';

/** The last letter dropped from every word long enough for a typo: a name spelled alike word for word, but not one edit away. */
const slipInEveryWord = (name: string) => name.split(' ').map((w) => (/^\p{L}{5,}$/u.test(w) ? w.slice(0, -1) : w)).join(' ');

const fingerprint = (conflicts: readonly ChannelConflict[]) =>
  conflicts.map((c) => `${c.registrationId}:${c.kind}:${c.score}:${c.evidence.matchedOn}:${c.evidence.nameMeasure ?? ''}`).sort().join('|');

/**
 * The indexed candidate search narrows the tenant's registrations before the matching rule runs; it
 * must never leave out one the rule would match. Exact, misspelled, look-alike and unknown customers
 * are checked both ways: through the index, and against every open registration with no index at all.
 */
describe.each(STORE_KINDS)('conflict candidates on %s: the index finds what the rule matches', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it('finds exactly the conflicts a scan of every open registration finds', async () => {
    const { db } = database;
    const clock = fixedClock(new Date());
    const deps: Deps = { db, clock, keyring: testKeyring() };
    const { tenant } = await createTenant(deps, 'Candidates');
    const actor: Actor = { tenantId: tenant.id, settings: tenant.settings, name: 'test', principal: principalFor('admin') };
    const random = seededRandom(7);
    const partners = await seedPartners(db, tenant.id, 20);
    const accounts = await seedAccounts(db, tenant.id, 1_000, random);
    await seedRegistrations(db, tenant.id, 4_000, () => undefined);
    await db.query(
      `UPDATE accounts a SET has_open_registrations = EXISTS (
         SELECT 1 FROM deal_registrations r WHERE r.tenant_id = a.tenant_id AND r.account_id = a.id AND r.status IN ('pending', 'approved'))
       WHERE a.tenant_id = $1`,
      [tenant.id],
    );
    const { rows } = await db.query<{ account_id: string }>(
      "SELECT DISTINCT account_id FROM deal_registrations WHERE tenant_id = $1 AND status IN ('pending', 'approved')",
      [tenant.id],
    );
    const open = new Set(rows.map((r) => r.account_id));
    const queries = buildQueries(250, {
      accounts,
      openAccounts: accounts.filter((a) => open.has(a.id)),
      partners,
      knownNames: new Set(accounts.map((a) => a.normalizedName)),
      knownDomains: new Set(accounts.flatMap((a) => (a.normalizedDomain ? [a.normalizedDomain] : []))),
    }, random);

    // Only names whose cores end up more than one edit apart: the index finds those through their words alone.
    const core = (name: string) => coreName(normalizeCompanyName(name)).replace(/ /g, '');
    const slipped = queries
      .filter((q) => q.kind === 'exact' && typoDistance(core(q.input.customer.name), core(slipInEveryWord(q.input.customer.name))) === null)
      .map((q): CheckQuery => ({ ...q, kind: 'misspelled', input: { ...q.input, customer: { name: slipInEveryWord(q.input.customer.name) } } }));
    const differing: string[] = [];
    const withConflicts = new Map<CheckQuery['kind'], number>(QUERY_KINDS.map((k) => [k, 0]));
    let slippedWithConflicts = 0;
    for (const query of [...queries, ...slipped]) {
      const indexed = await checkDealRegistration(deps, actor, query.input);
      const scanned = await naiveConflicts(db, tenant.id, tenant.settings, query, clock.now());
      if (fingerprint(indexed) !== fingerprint(scanned)) differing.push(`${query.kind} "${query.input.customer.name}": indexed ${indexed.length}, scanned ${scanned.length}`);
      if (scanned.length > 0) withConflicts.set(query.kind, withConflicts.get(query.kind)! + 1);
      if (scanned.length > 0 && slipped.includes(query)) slippedWithConflicts++;
    }
    expect(differing).toEqual([]);
    // The comparison means something only if customers of each kind that should conflict do.
    expect(withConflicts.get('exact')).toBeGreaterThan(10);
    expect(withConflicts.get('misspelled')).toBeGreaterThan(5);
    expect(slippedWithConflicts).toBeGreaterThan(3);
  });
});
