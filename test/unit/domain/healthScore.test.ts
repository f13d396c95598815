import { DEFAULT_HEALTH_MODEL, HealthModel } from '../../../src/domain/healthModel';
import { healthScore, type HealthSignals } from '../../../src/domain/healthScore';

// Component values of this partner: engagement 100, pipeline 88 (volume 1, win rate 7/10, velocity 1),
// enablement 100, satisfaction 80 (PSAT 4.2), support 80 (load 1 of 5): 25·1 + 30·.88 + 15·1 + 15·.8 + 15·.8 = 90.4.
const healthy: HealthSignals = {
  engagement: { daysSinceLastActivity: 3, activeDaysLast30: 8 },
  pipeline: { submittedLast90: 4, submittedPrevious90: 4, won: 6, lost: 2 },
  enablement: { currentCertifications: 2 },
  satisfaction: { responses: 5, averageScore: 4.2 },
  support: { openCases: 0, closedLast90: 2 },
};

const noDataAtAll: HealthSignals = {
  engagement: { daysSinceLastActivity: null, activeDaysLast30: 0 },
  pipeline: { submittedLast90: 0, submittedPrevious90: 0, won: 0, lost: 0 },
  enablement: null,
  satisfaction: null,
  support: null,
};

const model = (weights: Partial<HealthModel['weights']>) => HealthModel.parse({ weights: { engagement: 0, pipeline: 0, enablement: 0, satisfaction: 0, support: 0, ...weights } });

describe('partner health score', () => {
  it.each<[string, Partial<HealthSignals>, number]>([
    ['a busy, winning, certified, satisfied partner', {}, 90],
    ['no deals at all: no volume, no velocity, an even win rate assumed (pipeline 20)', { pipeline: { submittedLast90: 0, submittedPrevious90: 0, won: 0, lost: 0 } }, 70],
    ['its one certification expired: enablement 0', { enablement: { currentCertifications: 0 } }, 75],
    ['no PSAT responses: satisfaction left out, 78.4 of 85', { satisfaction: null }, 92],
    ['four open and four recently closed cases: support 0', { support: { openCases: 4, closedLast90: 4 } }, 78],
    ['dormant for three months', { engagement: { daysSinceLastActivity: 90, activeDaysLast30: 0 } }, 65],
    ['half-way to dormant, active half as often as healthy', { engagement: { daysSinceLastActivity: 52, activeDaysLast30: 4 } }, 78],
    ['registrations slowing to half the quarter before: velocity .5', { pipeline: { submittedLast90: 2, submittedPrevious90: 4, won: 6, lost: 2 } }, 81],
  ])('%s', (_label, change, expected) => {
    expect(healthScore({ ...healthy, ...change }, DEFAULT_HEALTH_MODEL).score).toBe(expected);
  });

  it('explains each component with its value, weight and share', () => {
    const health = healthScore({ ...healthy, satisfaction: null }, DEFAULT_HEALTH_MODEL);
    expect(health.components.map((c) => [c.component, c.value, c.weight, c.effectiveWeight])).toEqual([
      ['engagement', 100, 25, 29.4],
      ['pipeline', 88, 30, 35.3],
      ['enablement', 100, 15, 17.6],
      ['satisfaction', null, 15, 0],
      ['support', 80, 15, 17.6],
    ]);
    expect(health.components[1]!.explanation).toBe('4 registrations in the last 90 days (4 in the 90 before); won 6 of 8 closed in the last year');
    expect(health.components[3]!.explanation).toBe('left out: no PSAT responses in the last 180 days');
    expect(health.leftOut).toEqual(['satisfaction']);
    expect(health.summary).toBe('Weighted mean of engagement, pipeline, enablement, support; satisfaction left out for lack of data and the other weights rescaled to 100 %.');
  });

  it('scores a partner with no data at all on engagement and pipeline alone, saying what was left out', () => {
    // 25·0 + 30·.2 = 6 of 55.
    const health = healthScore(noDataAtAll, DEFAULT_HEALTH_MODEL);
    expect(health.score).toBe(11);
    expect(health.leftOut).toEqual(['enablement', 'satisfaction', 'support']);
    expect(health.components[0]!.explanation).toBe('no portal, API or registration activity recorded; active on 0 of the last 30 days');
  });

  it('is not scored when no weighted component has data', () => {
    const health = healthScore(noDataAtAll, model({ satisfaction: 100 }));
    expect(health.score).toBeNull();
    expect(health.summary).toBe('Not scored: no weighted component has data.');
  });

  it('takes weights as relative: 1:1:2 and 10:10:20 give the same score, and a weight of 0 does not count', () => {
    // (1·1 + 1·.88 + 2·.8) / 4 = .87
    const small = healthScore(healthy, model({ engagement: 1, pipeline: 1, support: 2 }));
    const large = healthScore(healthy, model({ engagement: 10, pipeline: 10, support: 20 }));
    expect(small.score).toBe(87);
    expect(large.score).toBe(87);
    expect(small.components.find((c) => c.component === 'enablement')).toMatchObject({ value: 100, effectiveWeight: 0, explanation: expect.stringContaining('weighted 0, so not counted') });
  });
});

describe('health model', () => {
  it('has defaults so a new tenant works, and fills the weights a change leaves out', () => {
    expect(HealthModel.parse({})).toEqual({
      weights: { engagement: 25, pipeline: 30, enablement: 15, satisfaction: 15, support: 15 },
      atRiskBelow: 40,
      dropPoints: 15,
      dropWindowDays: 30,
    });
    expect(HealthModel.parse({ weights: { engagement: 50 } }).weights).toMatchObject({ engagement: 50, pipeline: 30 });
  });

  it.each<[string, unknown, (string | number)[]]>([
    ['a negative weight', { weights: { support: -1 } }, ['weights', 'support']],
    ['an unknown component', { weights: { vibes: 10 } }, ['weights']],
    ['every weight 0', { weights: { engagement: 0, pipeline: 0, enablement: 0, satisfaction: 0, support: 0 } }, ['weights']],
    ['a threshold over 100', { atRiskBelow: 101 }, ['atRiskBelow']],
  ])('rejects %s with its path', (_label, input, path) => {
    const result = HealthModel.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });
});

describe('health explained component by component', () => {
  it('words each component as a partner manager reads it', () => {
    const health = healthScore(healthy, DEFAULT_HEALTH_MODEL);
    expect(health.components.map((c) => c.explanation)).toEqual([
      'last active 3 days ago; active on 8 of the last 30 days',
      '4 registrations in the last 90 days (4 in the 90 before); won 6 of 8 closed in the last year',
      '2 current certifications (unexpired); 2 is healthy',
      'average PSAT 4.2 of 5 from 5 responses in the last 180 days',
      '0 open support cases, 2 closed in the last 90 days; more load lowers the score',
    ]);
    expect(health.summary).toBe('Weighted mean of engagement, pipeline, enablement, satisfaction, support.');
  });

  it('counts one of a thing as one', () => {
    const health = healthScore(
      {
        ...healthy,
        engagement: { daysSinceLastActivity: 1, activeDaysLast30: 1 },
        pipeline: { submittedLast90: 1, submittedPrevious90: 0, won: 1, lost: 0 },
        enablement: { currentCertifications: 1 },
        satisfaction: { responses: 1, averageScore: 3 },
        support: { openCases: 1, closedLast90: 0 },
      },
      DEFAULT_HEALTH_MODEL,
    );
    expect(health.components.map((c) => [c.value, c.explanation])).toEqual([
      [65, 'last active 1 day ago; active on 1 of the last 30 days'],
      // Volume .25, win rate 2/3, and a start from nothing is full velocity.
      [57, '1 registration in the last 90 days (0 in the 90 before); won 1 of 1 closed in the last year'],
      [50, '1 current certification (unexpired); 2 is healthy'],
      [50, 'average PSAT 3.0 of 5 from 1 response in the last 180 days'],
      [80, '1 open support case, 0 closed in the last 90 days; more load lowers the score'],
    ]);
  });

  it('says why each component without data was left out', () => {
    const health = healthScore(noDataAtAll, DEFAULT_HEALTH_MODEL);
    expect(health.components.slice(2).map((c) => c.explanation)).toEqual([
      'left out: no certifications are recorded for any of your partners',
      'left out: no PSAT responses in the last 180 days',
      'left out: no support cases are recorded for any of your partners',
    ]);
    expect(health.summary).toBe('Weighted mean of engagement, pipeline; enablement, satisfaction, support left out for lack of data and the other weights rescaled to 100 %.');
  });

  it('gives no component a share when nothing weighted has data', () => {
    expect(healthScore(noDataAtAll, model({ satisfaction: 100 })).components.map((c) => c.effectiveWeight)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('health model limits', () => {
  it.each<[string, unknown, (string | number)[], string | null]>([
    ['every weight 0', { weights: { engagement: 0, pipeline: 0, enablement: 0, satisfaction: 0, support: 0 } }, ['weights'], 'at least one weight must be above 0'],
    ['a weight over 100', { weights: { pipeline: 101 } }, ['weights', 'pipeline'], null],
    ['a negative threshold', { atRiskBelow: -1 }, ['atRiskBelow'], null],
    ['a threshold with a fraction', { atRiskBelow: 40.5 }, ['atRiskBelow'], null],
    ['a drop of 0 points', { dropPoints: 0 }, ['dropPoints'], null],
    ['a drop over 100 points', { dropPoints: 101 }, ['dropPoints'], null],
    ['a drop window of 0 days', { dropWindowDays: 0 }, ['dropWindowDays'], null],
    ['a drop window over a year', { dropWindowDays: 366 }, ['dropWindowDays'], null],
    ['an unknown setting', { colour: 'red' }, [], null],
  ])('rejects %s', (_label, input, path, message) => {
    const result = HealthModel.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    if (message) expect(result.error!.issues[0]!.message).toBe(message);
  });

  it('takes the extremes of each range', () => {
    const extremes = { weights: { engagement: 100, pipeline: 0, enablement: 0, satisfaction: 0, support: 0 }, atRiskBelow: 100, dropPoints: 100, dropWindowDays: 365 };
    expect(HealthModel.parse(extremes)).toEqual(extremes);
    expect(HealthModel.parse({ atRiskBelow: 0, dropPoints: 1, dropWindowDays: 1 })).toMatchObject({ atRiskBelow: 0, dropPoints: 1, dropWindowDays: 1 });
  });
});
