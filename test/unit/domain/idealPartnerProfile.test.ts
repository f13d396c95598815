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

describe('partner fit, reason by reason', () => {
  it('says what matched and what missed', () => {
    expect(partnerFit(profile, ideal).reasons).toEqual([
      'works in EMEA, a profile region (EMEA)',
      'specializes in analytics, payments (2 of 2 wanted)',
      '120 employees, within 50–500',
      'meets 2 of 2 performance targets: 3 registrations in 90 days (wanted 2); win rate 75 % (wanted 50 %)',
    ]);
    expect(partnerFit(profile, { ...ideal, specialties: ['bi'], employeeCount: 49, performance: { submittedLast90: 1, won: 0, lost: 0, currentCertifications: 0 } }).reasons).toEqual([
      'works in EMEA, a profile region (EMEA)',
      'none of the wanted specialties (analytics, payments)',
      '49 employees, outside 50–500',
      'meets 0 of 2 performance targets: 1 registrations in 90 days (wanted 2); no closed deals (wanted 50 %)',
    ]);
  });

  it.each<[object, number, string]>([
    [{ min: 10 }, 9, '9 employees, outside 10 or more'],
    [{ min: 10 }, 10, '10 employees, within 10 or more'],
    [{ max: 100 }, 100, '100 employees, within up to 100'],
    [{ max: 100 }, 101, '101 employees, outside up to 100'],
  ])('a size range of %j and %i employees', (employeeCount, n, reason) => {
    const fit = partnerFit(IdealPartnerProfile.parse({ employeeCount }), { ...ideal, employeeCount: n });
    expect(fit.reasons).toEqual([reason]);
    expect(fit.score).toBe(reason.includes('within') ? 100 : 0);
  });

  it('judges certifications, and counts an empty performance profile as met', () => {
    const certified = IdealPartnerProfile.parse({ performance: { minCurrentCertifications: 2 } });
    expect(partnerFit(certified, { ...ideal, performance: { submittedLast90: 0, won: 0, lost: 0, currentCertifications: 2 } })).toEqual({
      score: 100,
      reasons: ['meets 1 of 1 performance targets: 2 current certifications (wanted 2)'],
    });
    expect(partnerFit(certified, { ...ideal, performance: { submittedLast90: 0, won: 0, lost: 0, currentCertifications: 1 } }).score).toBe(0);
    expect(partnerFit(IdealPartnerProfile.parse({ performance: {} }), ideal)).toEqual({ score: 100, reasons: ['meets 0 of 0 performance targets: '] });
  });

  it('leaves a criterion weighted 0 out of the score but still gives its reason', () => {
    const regionless = IdealPartnerProfile.parse({ regions: ['NA'], specialties: ['analytics'], weights: { region: 0 } });
    expect(partnerFit(regionless, ideal)).toEqual({ score: 100, reasons: ['works in EMEA, not a profile region (NA)', 'specializes in analytics (1 of 1 wanted)'] });
  });

  it('fills in the weights', () => {
    expect(IdealPartnerProfile.parse({ regions: ['NA'] })).toEqual({ regions: ['NA'], specialties: [], weights: { region: 25, specialties: 30, size: 20, performance: 25 } });
  });

  it.each<[string, unknown, (string | number)[], string | null]>([
    ['nothing to judge', { weights: { region: 10 } }, [], 'describe at least one of regions, specialties, employeeCount or performance'],
    ['a size range upside down', { employeeCount: { min: 2, max: 1 } }, ['employeeCount', 'max'], 'must not be below min'],
    ['more than four regions', { regions: ['NA', 'EMEA', 'APAC', 'LATAM', 'NA'] }, ['regions'], null],
    ['a blank specialty', { specialties: [' '] }, ['specialties', 0], null],
    ['a specialty over 80 characters', { specialties: ['s'.repeat(81)] }, ['specialties', 0], null],
    ['more than 50 specialties', { specialties: Array(51).fill('bi') }, ['specialties'], null],
    ['part of an employee', { employeeCount: { min: 1.5 } }, ['employeeCount', 'min'], null],
    ['a negative registration target', { performance: { minRegistrationsLast90: -1 } }, ['performance', 'minRegistrationsLast90'], null],
    ['a negative win rate', { performance: { minWinRate: -0.1 } }, ['performance', 'minWinRate'], null],
    ['an unknown performance target', { performance: { minRevenue: 5 } }, ['performance'], null],
    ['a weight over 100', { regions: ['NA'], weights: { size: 101 } }, ['weights', 'size'], null],
    ['a negative weight', { regions: ['NA'], weights: { performance: -1 } }, ['weights', 'performance'], null],
    ['an unknown criterion', { regions: ['NA'], colour: 'red' }, [], null],
  ])('rejects %s', (_label, input, path, message) => {
    const result = IdealPartnerProfile.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });

  it('takes a size range of one headcount, and a win rate target of 0 or 1', () => {
    expect(IdealPartnerProfile.safeParse({ employeeCount: { min: 5, max: 5 }, performance: { minWinRate: 1 } }).success).toBe(true);
    expect(IdealPartnerProfile.safeParse({ performance: { minWinRate: 0 }, weights: { region: 100, size: 0 } }).success).toBe(true);
  });
});
