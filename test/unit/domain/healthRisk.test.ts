import { DEFAULT_HEALTH_MODEL } from '../../../src/domain/healthModel';
import { assessRisk, graceUntil, hasRecovered, shouldAnnounce, type HealthHistory } from '../../../src/domain/healthRisk';
import { healthScore, type HealthScore, type HealthSignals } from '../../../src/domain/healthScore';

const signals: HealthSignals = {
  engagement: { daysSinceLastActivity: 3, activeDaysLast30: 8 },
  pipeline: { submittedLast90: 4, submittedPrevious90: 4, won: 6, lost: 2 },
  enablement: { currentCertifications: 2 },
  satisfaction: { responses: 5, averageScore: 4.2 },
  support: { openCases: 0, closedLast90: 2 },
};
const scoreOf = (score: number | null): HealthScore => ({ score, components: [], leftOut: [], summary: '' });
const history = (previous: number | null, highestInWindow: number | null = previous, previousAtRisk = false): HealthHistory => ({
  previous: previous === null ? null : { score: previous, atRisk: previousAtRisk },
  highestInWindow,
  firstEvaluatedAt: null,
});

describe('at-risk rule (default: under 40, or 15 points lost within 30 days)', () => {
  it('leaves a healthy, steady partner alone', () => {
    expect(assessRisk(healthScore(signals, DEFAULT_HEALTH_MODEL), history(90), DEFAULT_HEALTH_MODEL)).toEqual({ atRisk: false, drop: 0, reasons: [] });
  });

  it('flags a partner with no data at all as under the threshold, naming its weak components', () => {
    const none: HealthSignals = { ...signals, engagement: { daysSinceLastActivity: null, activeDaysLast30: 0 }, pipeline: { submittedLast90: 0, submittedPrevious90: 0, won: 0, lost: 0 }, enablement: null, satisfaction: null, support: null };
    expect(assessRisk(healthScore(none, DEFAULT_HEALTH_MODEL), history(null), DEFAULT_HEALTH_MODEL)).toEqual({
      atRisk: true,
      drop: 0,
      reasons: [
        'score 11 is under the threshold of 40',
        'engagement 0/100: no portal, API or registration activity recorded; active on 0 of the last 30 days',
        'pipeline 20/100: 0 registrations in the last 90 days (0 in the 90 before); no closed deals in the last year, win rate assumed even',
      ],
    });
  });

  it('flags a fast fall above the threshold: a certification expired yesterday takes 92 to 75', () => {
    const health = healthScore({ ...signals, enablement: { currentCertifications: 0 } }, DEFAULT_HEALTH_MODEL);
    expect(assessRisk(health, history(90, 92), DEFAULT_HEALTH_MODEL)).toEqual({
      atRisk: true,
      drop: 17,
      reasons: ['score fell 17 points within 30 days', 'enablement 0/100: 0 current certifications (unexpired); 2 is healthy'],
    });
  });

  it.each<[string, number | null, HealthHistory, boolean, number]>([
    ['exactly at the threshold is not under it', 40, history(null), false, 0],
    ['one under the threshold', 39, history(null), true, 0],
    ['a fall of exactly the drop points', 75, history(80, 90), true, 15],
    ['a fall of one point less', 76, history(80, 90), false, 14],
    ['a rise', 80, history(70, 70), false, 0],
    ['no score (no weighted data)', null, history(90), false, 0],
  ])('%s', (_label, score, past, atRisk, drop) => {
    expect(assessRisk(scoreOf(score), past, DEFAULT_HEALTH_MODEL)).toMatchObject({ atRisk, drop });
  });

  it.each<[string, boolean, number, HealthHistory['previous'], boolean]>([
    ['becomes at risk', true, 30, { score: 50, atRisk: false }, true],
    ['at risk on its first evaluation', true, 30, null, true],
    ['stays at risk at the same score', true, 30, { score: 30, atRisk: true }, false],
    ['stays at risk, better than before', true, 35, { score: 30, atRisk: true }, false],
    ['falls further while at risk', true, 25, { score: 30, atRisk: true }, true],
    ['not at risk', false, 60, { score: 30, atRisk: true }, false],
  ])('announces when it %s: %s', (_label, atRisk, score, previous, announced) => {
    expect(shouldAnnounce({ atRisk, drop: 0, reasons: [] }, score, previous)).toBe(announced);
  });
});

describe('a new partner’s grace period, the team’s mark, and recovery', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const none: HealthSignals = { ...signals, engagement: { daysSinceLastActivity: null, activeDaysLast30: 0 }, pipeline: { submittedLast90: 0, submittedPrevious90: 0, won: 0, lost: 0 }, enablement: null, satisfaction: null, support: null };
  const empty = healthScore(none, DEFAULT_HEALTH_MODEL);

  // [first evaluated days ago (null: this is the first), grace days, still in grace?]
  it.each<[number | null, number, boolean]>([
    [null, 60, true],
    [0, 60, true],
    [59, 60, true],
    [60, 60, false],
    [200, 60, false],
    [null, 0, false],
  ])('first evaluated %p days ago with %i days of grace: in grace %s', (first, grace, inGrace) => {
    expect(graceUntil(first === null ? null : daysAgo(first), grace, now) !== null).toBe(inGrace);
  });

  it('counts the grace from the first evaluation', () => {
    expect(graceUntil(daysAgo(10), 30, now)).toEqual(new Date('2026-03-22T09:00:00Z'));
    expect(graceUntil(null, 30, now)).toEqual(new Date('2026-04-01T09:00:00Z'));
  });

  it('never puts a new partner with no data at risk by its score, and says when that starts', () => {
    const risk = assessRisk(empty, history(null), DEFAULT_HEALTH_MODEL, { marked: false, graceUntil: new Date('2026-04-20T00:00:00Z') });
    expect(risk).toEqual({ atRisk: false, drop: 0, reasons: ['new partner: its score can put it at risk from 2026-04-20'] });
    expect(shouldAnnounce(risk, empty.score!, null)).toBe(false);
  });

  it('the same partner after its grace period is at risk at 11', () => {
    expect(assessRisk(empty, history(null), DEFAULT_HEALTH_MODEL, { marked: false, graceUntil: null })).toMatchObject({ atRisk: true, reasons: expect.arrayContaining(['score 11 is under the threshold of 40']) });
  });

  it('counts the partner team’s mark as at risk, even in the grace period, and names it first', () => {
    const healthy = healthScore(signals, DEFAULT_HEALTH_MODEL);
    expect(assessRisk(healthy, history(90), DEFAULT_HEALTH_MODEL, { marked: true, graceUntil: null })).toEqual({ atRisk: true, drop: 0, reasons: ['marked at risk by the partner team'] });
    expect(assessRisk(empty, history(null), DEFAULT_HEALTH_MODEL, { marked: true, graceUntil: now }).atRisk).toBe(true);
  });

  // [at risk now, previous evaluation, recovered?]
  it.each<[boolean, HealthHistory['previous'], boolean]>([
    [false, { score: 30, atRisk: true }, true],
    [true, { score: 30, atRisk: true }, false],
    [false, { score: 70, atRisk: false }, false],
    [false, null, false],
  ])('at risk %s after %j: recovered %s', (atRisk, previous, recovered) => {
    expect(hasRecovered({ atRisk, drop: 0, reasons: [] }, previous)).toBe(recovered);
  });
});

describe('the weak components named as reasons', () => {
  const component = (name: HealthScore['components'][number]['component'], value: number | null, weight: number) => ({
    component: name,
    value,
    weight,
    effectiveWeight: 0,
    explanation: `${name} explained`,
  });

  it('names components under 50 that count, weakest first, after the score’s own reasons', () => {
    const health: HealthScore = {
      score: 30,
      components: [
        component('engagement', 49, 25),
        component('pipeline', 10, 30),
        component('enablement', 50, 15),
        component('satisfaction', 0, 0),
        component('support', null, 15),
      ],
      leftOut: ['support'],
      summary: '',
    };
    expect(assessRisk(health, history(null), DEFAULT_HEALTH_MODEL).reasons).toEqual([
      'score 30 is under the threshold of 40',
      'pipeline 10/100: pipeline explained',
      'engagement 49/100: engagement explained',
    ]);
  });

  it('a partner above the threshold that held its score is not at risk however weak a component', () => {
    const health: HealthScore = { score: 60, components: [component('pipeline', 10, 30)], leftOut: [], summary: '' };
    expect(assessRisk(health, history(60, 60), DEFAULT_HEALTH_MODEL)).toEqual({ atRisk: false, drop: 0, reasons: ['pipeline 10/100: pipeline explained'] });
  });

  it('a fall and a low score are both named, the fall first', () => {
    expect(assessRisk(scoreOf(20), history(40, 40), DEFAULT_HEALTH_MODEL).reasons).toEqual(['score fell 20 points within 30 days', 'score 20 is under the threshold of 40']);
  });
});
