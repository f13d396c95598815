import { normalizeCompanyName } from '../../../src/domain/customer';
import { trigramSimilarity } from '../../../src/domain/trigram';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../../support/databases';

// The index narrows candidates with pg_trgm and the domain decides with its own trigram code:
// if the two ever disagreed, a real conflict could be filtered out before the rule sees it.
const PAIRS = [
  ['General Motors', 'General Mills'],
  ['Deutsche Bank', 'Deutsche Telekom'],
  ['American Airlines', 'American Express'],
  ['Stark Industries', 'Stark Industies'],
  ['Société Générale', 'Societe Generale SA'],
  ['Hewlett Packard Enterprise', 'Hewlett-Packard'],
  ['Bank of America', 'Bank of America Merrill Lynch'],
  ['Müller GmbH', 'Mueller'],
  ['Procter & Gamble', 'Procter and Gamble Co'],
  ['3M', '3M Company'],
  ['A', 'AB'],
  ['Zürich Versicherung', 'Zurich Insurance'],
];

describe.each(STORE_KINDS)('trigram similarity parity with pg_trgm on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it.each(PAIRS)('%s ~ %s', async (a, b) => {
    const [x, y] = [normalizeCompanyName(a), normalizeCompanyName(b)];
    const { rows } = await database.db.query<{ s: number | string }>('SELECT similarity($1, $2) AS s', [x, y]);
    expect(trigramSimilarity(x, y)).toBeCloseTo(Number(rows[0]!.s), 5);
  });
});
