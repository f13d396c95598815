import { IdealPartnerProfile, partnerFit, type FitFacts } from '../../../src/domain/idealPartnerProfile';

// Default weights: region 25, specialties 30, size 20, performance 25.
const profile = IdealPartnerProfile.parse({
  regions: ['EMEA'],
  specialties: ['analytics', 'payments'],
  employeeCount: { min: 50, max: 500 },
  performance: { minRegistrationsLast90: 2, minWinRate: 0.5 },
});
const ideal: FitFacts = { region: 'EMEA', specialties: ['Analytics', 'payments'], employeeCount: 120, performance: { submittedLast90: 3, won: 3, lost: 1, currentCertifications: 0 } };

describe('partner fit', () => {
  it.each<[string, Partial<FitFacts>, number | null]>([
    ['everything the profile asks for', {}, 100],
    ['a prospect of unknown size with no track record: region 25 + half the specialties 15 of 55', { specialties: ['analytics'], employeeCount: null, performance: null }, 73],
    ['nothing matches', { region: 'NA', specialties: [], employeeCount: 12, performance: { submittedLast90: 0, won: 0, lost: 0, currentCertifications: 0 } }, 0],
    ['on the size boundary, an even win rate meeting the target exactly, half the specialties, another region', { region: 'NA', specialties: ['PAYMENTS'], employeeCount: 500, performance: { submittedLast90: 2, won: 1, lost: 1, currentCertifications: 0 } }, 60],
    ['one of two performance targets: no closed deals', { performance: { submittedLast90: 5, won: 0, lost: 0, currentCertifications: 3 } }, 88],
  ])('%s', (_label, change, expected) => {
    expect(partnerFit(profile, { ...ideal, ...change }).score).toBe(expected);
  });

  it('gives a reason per criterion', () => {
    expect(partnerFit(profile, { ...ideal, region: 'APAC', specialties: ['analytics'], employeeCount: null, performance: null }).reasons).toEqual([
      'works in APAC, not a profile region (EMEA)',
      'specializes in analytics (1 of 2 wanted)',
      'employee count unknown, so size is not judged',
      'no track record yet, so performance is not judged',
    ]);
  });

  it('has no score when nothing the profile asks about is known', () => {
    const sizeOnly = IdealPartnerProfile.parse({ employeeCount: { min: 10 } });
    expect(partnerFit(sizeOnly, { ...ideal, employeeCount: null })).toEqual({ score: null, reasons: ['employee count unknown, so size is not judged'] });
  });

  it.each<[string, unknown, (string | number)[]]>([
    ['an empty profile', {}, []],
    ['a size range upside down', { employeeCount: { min: 500, max: 50 } }, ['employeeCount', 'max']],
    ['a win rate over 1', { performance: { minWinRate: 55 } }, ['performance', 'minWinRate']],
    ['an unknown region', { regions: ['EU'] }, ['regions', 0]],
  ])('rejects %s with its path', (_label, input, path) => {
    const result = IdealPartnerProfile.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });
});
