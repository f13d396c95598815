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
