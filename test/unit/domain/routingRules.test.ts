import { RoutingPolicy, RoutingRule, tierRank } from '../../../src/domain/routingPolicy';
import { describeCondition, matchingRule, meetsCondition, type RoutableLead } from '../../../src/domain/routingRules';

const rule = (name: string, when: object) => RoutingRule.parse({ name, when, only: { minTier: 'silver' } });
const rules = [
  rule('Nordics', { countries: ['se', 'NO', 'DK'] }),
  rule('EMEA analytics', { regions: ['EMEA'], products: ['Analytics'] }),
  rule('APAC', { regions: ['APAC', 'LATAM'] }),
];

describe('which routing rule applies to a lead', () => {
  it.each<[string, RoutableLead, string | null]>([
    ['a lead in a listed country', { region: 'EMEA', country: 'SE', products: [] }, 'Nordics'],
    ['a lead in a listed region with a covered product', { region: 'EMEA', country: 'DE', products: ['payments', 'analytics suite'] }, 'EMEA analytics'],
    ['a lead in the region without the product', { region: 'EMEA', country: 'DE', products: ['payments'] }, null],
    ['a lead in the region without products', { region: 'EMEA', country: 'DE', products: [] }, null],
    ['a lead in any of the listed regions', { region: 'LATAM', country: null, products: [] }, 'APAC'],
    ['a lead of unknown region', { region: null, country: null, products: ['analytics'] }, null],
    ['a lead of unknown country', { region: 'NA', country: null, products: [] }, null],
  ])('%s', (_label, lead, name) => {
    expect(matchingRule(rules, lead)?.name ?? null).toBe(name);
  });

  it('no rules, no rule', () => {
    expect(matchingRule([], { region: 'EMEA', country: 'SE', products: [] })).toBeNull();
  });
});

describe('whether a partner meets a rule’s condition', () => {
  it.each<[string, { specialties: string[]; tier: 'registered' | 'silver' | 'gold' | 'platinum' }, { specialties?: string[]; minTier?: 'silver' | 'gold' | 'platinum' }, boolean]>([
    ['one of the named specialties, in any case', { specialties: ['Payments', 'BI'], tier: 'registered' }, { specialties: ['bi', 'analytics'] }, true],
    ['none of the named specialties', { specialties: ['payments'], tier: 'platinum' }, { specialties: ['analytics'] }, false],
    ['a broader specialty is not the one named', { specialties: ['analytics suite'], tier: 'gold' }, { specialties: ['analytics'] }, false],
    ['exactly the minimum tier', { specialties: [], tier: 'gold' }, { minTier: 'gold' }, true],
    ['a tier above the minimum', { specialties: [], tier: 'platinum' }, { minTier: 'gold' }, true],
    ['a tier below the minimum', { specialties: [], tier: 'silver' }, { minTier: 'gold' }, false],
    ['both, when both are named', { specialties: ['bi'], tier: 'silver' }, { specialties: ['bi'], minTier: 'gold' }, false],
  ])('%s', (_label, partner, condition, meets) => {
    expect(meetsCondition(partner, condition)).toBe(meets);
  });

  it('reads a condition as people would', () => {
    expect(describeCondition({ specialties: ['analytics', 'bi'], minTier: 'gold' })).toBe('specialty analytics or bi, gold tier or above');
    expect(describeCondition({ specialties: ['analytics'] })).toBe('specialty analytics');
    expect(describeCondition({ minTier: 'platinum' })).toBe('platinum tier or above');
  });

  it('ranks tiers from registered up', () => {
    expect((['registered', 'silver', 'gold', 'platinum'] as const).map(tierRank)).toEqual([0, 1, 2, 3]);
  });
});

describe('routing rules as an admin writes them', () => {
  it('tidies what was typed', () => {
    expect(RoutingRule.parse({ name: ' EMEA ', when: { products: [' Analytics '], countries: ['de'] }, prefer: { specialties: [' BI '], points: 100 } })).toEqual({
      name: 'EMEA',
      when: { products: ['analytics'], countries: ['DE'] },
      prefer: { specialties: ['BI'], points: 100 },
    });
  });

  it.each<[string, object, (string | number)[], string | null]>([
    ['a blank name', { name: ' ' }, ['name'], null],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, ['name'], null],
    ['no condition', { when: {} }, ['when'], 'name at least one of regions, countries or products'],
    ['an empty list of regions', { when: { regions: [] } }, ['when', 'regions'], null],
    ['an empty list of countries', { when: { countries: [] } }, ['when', 'countries'], null],
    ['an empty list of products', { when: { products: [] } }, ['when', 'products'], null],
    ['a blank product', { when: { products: [' '] } }, ['when', 'products', 0], null],
    ['a product over 120 characters', { when: { products: ['p'.repeat(121)] } }, ['when', 'products', 0], null],
    ['more than 50 products', { when: { products: Array(51).fill('bi') } }, ['when', 'products'], null],
    ['an unknown condition', { when: { regions: ['NA'], tiers: ['gold'] } }, ['when'], null],
    ['a restriction naming nothing', { only: {} }, ['only'], 'name specialties or minTier'],
    ['a preference naming nothing', { only: undefined, prefer: { points: 5 } }, ['prefer'], 'name specialties or minTier'],
    ['a preference worth nothing', { only: undefined, prefer: { minTier: 'gold', points: 0 } }, ['prefer', 'points'], 'must be above 0'],
    ['a preference worth over 100 points', { only: undefined, prefer: { minTier: 'gold', points: 101 } }, ['prefer', 'points'], null],
    ['a blank specialty', { only: { specialties: [' '] } }, ['only', 'specialties', 0], null],
    ['a specialty over 80 characters', { only: { specialties: ['s'.repeat(81)] } }, ['only', 'specialties', 0], null],
    ['an empty list of specialties', { only: { specialties: [] } }, ['only', 'specialties'], null],
    ['neither a restriction nor a preference', { only: undefined }, ['only'], 'a rule restricts (only) or prefers (prefer) partners'],
  ])('refuses %s', (_label, change, path, message) => {
    const result = RoutingRule.safeParse({ name: 'EMEA', when: { regions: ['EMEA'] }, only: { minTier: 'gold' }, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });

  it('names a repeated rule name, whatever its case', () => {
    const result = RoutingPolicy.safeParse({ rules: [rule('EMEA', { regions: ['EMEA'] }), rule('APAC', { regions: ['APAC'] }), rule('emea', { regions: ['NA'] })] });
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ['rules', 2, 'name'], message: 'rule names must be unique' })]);
  });

  it.each<[string, object, (string | number)[]]>([
    ['more than 100 rules', { rules: Array.from({ length: 101 }, (_, i) => ({ name: `r${i}`, when: { regions: ['NA'] }, only: { minTier: 'gold' } })) }, ['rules']],
    ['a weight over 100', { weights: { expertise: 101 } }, ['weights', 'expertise']],
    ['part of a point', { weights: { tier: { registered: 1.5, silver: 7, gold: 11, platinum: 15 } } }, ['weights', 'tier', 'registered']],
    ['a tier left out of the tier points', { weights: { tier: { registered: 1, silver: 7, gold: 11 } } }, ['weights', 'tier', 'platinum']],
    ['an unknown weight', { weights: { size: 5 } }, ['weights']],
    ['a capacity over 10,000', { capacity: { perTier: { registered: 10_001, silver: 5, gold: 8, platinum: 12 } } }, ['capacity', 'perTier', 'registered']],
    ['a negative partner capacity', { capacity: { partners: { '0e7a4c1e-1111-4c1e-9a4c-0e7a4c1e1111': -1 } } }, ['capacity', 'partners', '0e7a4c1e-1111-4c1e-9a4c-0e7a4c1e1111']],
    ['a near-equal band over 50 points', { fairness: { nearEqualPoints: 51 } }, ['fairness', 'nearEqualPoints']],
    ['a fairness window of 0 days', { fairness: { windowDays: 0 } }, ['fairness', 'windowDays']],
    ['a fairness window over a year', { fairness: { windowDays: 366 } }, ['fairness', 'windowDays']],
    ['an unknown setting', { colour: 'red' }, []],
  ])('a policy with %s is refused', (_label, input, path) => {
    const result = RoutingPolicy.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });

  it('takes the extremes of each range', () => {
    const policy = RoutingPolicy.parse({
      weights: { region: 0, country: 100, expertise: 0, tier: { registered: 0, silver: 0, gold: 0, platinum: 100 }, performance: 100, atRiskPenalty: 0 },
      capacity: { perTier: { registered: 0, silver: 0, gold: 0, platinum: 10_000 }, partners: { '0e7a4c1e-1111-4c1e-9a4c-0e7a4c1e1111': 0 } },
      fairness: { nearEqualPoints: 0, windowDays: 365 },
    });
    expect(policy.fairness).toEqual({ nearEqualPoints: 0, windowDays: 365 });
    expect(RoutingPolicy.parse({ fairness: { nearEqualPoints: 50, windowDays: 1 } }).fairness).toEqual({ nearEqualPoints: 50, windowDays: 1 });
  });
});
