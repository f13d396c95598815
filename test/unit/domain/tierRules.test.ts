import type { Region } from '../../../src/domain/partner';
import { qualifyingTier, TierRules, type TierStanding } from '../../../src/domain/tierRules';

const rules = TierRules.parse({
  currency: 'USD',
  tiers: [
    { tier: 'gold', minAnnualWonRevenue: 100000, minCurrentCertifications: 2, minRegistrations: 10 },
    { tier: 'silver', minAnnualWonRevenue: 20000, minCurrentCertifications: 0, minRegistrations: 3 },
    { tier: 'platinum', minAnnualWonRevenue: 500000, minCurrentCertifications: 4, minRegistrations: 25 },
  ],
  regionalAdjustments: { APAC: 0.8 },
});
const standing = (annualWonRevenue: number, currentCertifications: number, registrations: number): TierStanding => ({ annualWonRevenue, currentCertifications, registrations });

describe('tier rules', () => {
  it.each<[string, TierStanding, Region, string]>([
    ['no deals at all', standing(0, 0, 0), 'NA', 'registered'],
    ['exactly the gold targets (a tie meets them)', standing(100000, 2, 10), 'NA', 'gold'],
    ['a cent under the gold revenue target', standing(99999.99, 2, 10), 'NA', 'silver'],
    ['gold but for a certification that expired yesterday', standing(150000, 1, 12), 'NA', 'silver'],
    ['every platinum target', standing(600000, 5, 30), 'NA', 'platinum'],
    ['APAC targets ×0.8: 80,000 and 8 registrations make gold', standing(80000, 2, 8), 'APAC', 'gold'],
    ['the same outside APAC', standing(80000, 2, 8), 'EMEA', 'silver'],
    ['APAC: 2 × 0.8 = 1.6 certifications still needs 2', standing(80000, 1, 8), 'APAC', 'silver'],
    ['APAC: 3 × 0.8 = 2.4 registrations needs 3 for silver', standing(16000, 0, 2), 'APAC', 'registered'],
    ['APAC: exactly 16,000 and 3 registrations', standing(16000, 0, 3), 'APAC', 'silver'],
  ])('%s', (_label, s, region, tier) => {
    expect(qualifyingTier(s, region, rules).tier).toBe(tier);
  });

  it('explains the targets met and the ones missed for the tier above', () => {
    expect(qualifyingTier(standing(100000, 2, 10), 'NA', rules).reason).toBe(
      'meets gold: won 100000 USD ≥ 100000, 2 current certifications ≥ 2, 10 registrations ≥ 10; ' +
        'misses platinum: won 100000 USD < 500000, 2 current certifications < 4, 10 registrations < 25',
    );
    expect(qualifyingTier(standing(0, 0, 0), 'APAC', rules).reason).toBe("meets no tier's targets (APAC targets ×0.8); misses silver: won 0 USD < 16000, 0 registrations < 3");
    expect(qualifyingTier(standing(600000, 5, 30), 'NA', rules).reason).not.toContain('misses');
  });

  it.each<[string, unknown, (string | number)[]]>([
    ['a tier given twice', { currency: 'USD', tiers: [{ tier: 'gold', minAnnualWonRevenue: 1, minCurrentCertifications: 0, minRegistrations: 0 }, { tier: 'gold', minAnnualWonRevenue: 2, minCurrentCertifications: 0, minRegistrations: 0 }] }, ['tiers', 1, 'tier']],
    ['registered as an earned tier', { currency: 'USD', tiers: [{ tier: 'registered', minAnnualWonRevenue: 0, minCurrentCertifications: 0, minRegistrations: 0 }] }, ['tiers', 0, 'tier']],
    ['a zero regional factor', { currency: 'USD', tiers: [{ tier: 'gold', minAnnualWonRevenue: 1, minCurrentCertifications: 0, minRegistrations: 0 }], regionalAdjustments: { APAC: 0 } }, ['regionalAdjustments', 'APAC']],
    ['a lower-case currency', { currency: 'usd', tiers: [{ tier: 'gold', minAnnualWonRevenue: 1, minCurrentCertifications: 0, minRegistrations: 0 }] }, ['currency']],
  ])('rejects %s with its path', (_label, input, path) => {
    const result = TierRules.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });
});

describe('tier rules, further', () => {
  const gold = (change: object = {}) => ({ tier: 'gold', minAnnualWonRevenue: 1000, minCurrentCertifications: 1, minRegistrations: 1, ...change });

  it('fills in no regional adjustments, and takes a factor up to 2', () => {
    expect(TierRules.parse({ currency: 'EUR', tiers: [gold()] })).toEqual({ currency: 'EUR', tiers: [gold()], regionalAdjustments: {} });
    expect(TierRules.parse({ currency: 'EUR', tiers: [gold()], regionalAdjustments: { NA: 2 } }).regionalAdjustments).toEqual({ NA: 2 });
  });

  it.each<[string, object, (string | number)[], string | null]>([
    ['no tiers', { tiers: [] }, ['tiers'], null],
    ['four tiers', { tiers: [gold(), gold({ tier: 'silver' }), gold({ tier: 'platinum' }), gold({ tier: 'silver' })] }, ['tiers'], null],
    ['a tier given twice', { tiers: [gold(), gold({ minRegistrations: 2 })] }, ['tiers', 1, 'tier'], 'gold is given twice'],
    ['a negative revenue target', { tiers: [gold({ minAnnualWonRevenue: -1 })] }, ['tiers', 0, 'minAnnualWonRevenue'], null],
    ['half a certification', { tiers: [gold({ minCurrentCertifications: 0.5 })] }, ['tiers', 0, 'minCurrentCertifications'], null],
    ['a negative registration target', { tiers: [gold({ minRegistrations: -1 })] }, ['tiers', 0, 'minRegistrations'], null],
    ['an unknown target', { tiers: [gold({ minPartners: 1 })] }, ['tiers', 0], null],
    ['a factor over 2', { regionalAdjustments: { EMEA: 2.1 } }, ['regionalAdjustments', 'EMEA'], null],
    ['a factor for an unknown region', { regionalAdjustments: { EU: 1.5 } }, ['regionalAdjustments'], null],
    ['a currency name', { currency: 'Euro' }, ['currency'], 'must be an ISO 4217 code such as USD'],
    ['a currency inside other text', { currency: 'xEURx' }, ['currency'], 'must be an ISO 4217 code such as USD'],
    ['an unknown rule', { bonus: 1 }, [], null],
  ])('refuses %s', (_label, change, path, message) => {
    const result = TierRules.safeParse({ currency: 'EUR', tiers: [gold()], ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });

  it('rounds a regionally adjusted revenue target to the cent', () => {
    const thirds = TierRules.parse({ currency: 'EUR', tiers: [gold({ minAnnualWonRevenue: 1000.01, minCurrentCertifications: 0, minRegistrations: 0 })], regionalAdjustments: { LATAM: 0.333 } });
    expect(qualifyingTier(standing(333, 0, 0), 'LATAM', thirds)).toEqual({ tier: 'gold', reason: 'meets gold (LATAM targets ×0.333): won 333 EUR ≥ 333, 0 current certifications ≥ 0, 0 registrations ≥ 0' });
    expect(qualifyingTier(standing(332.99, 0, 0), 'LATAM', thirds).tier).toBe('registered');
  });

  it('names only the missed targets of the tier above, and nothing above the top tier', () => {
    expect(qualifyingTier(standing(20000, 5, 3), 'NA', rules).reason).toBe(
      'meets silver: won 20000 USD ≥ 20000, 5 current certifications ≥ 0, 3 registrations ≥ 3; misses gold: won 20000 USD < 100000, 3 registrations < 10',
    );
    expect(qualifyingTier(standing(600000, 5, 30), 'NA', rules).reason).toBe('meets platinum: won 600000 USD ≥ 500000, 5 current certifications ≥ 4, 30 registrations ≥ 25');
  });
});
