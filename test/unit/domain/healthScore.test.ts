import { assessRisk, healthScore, type HealthInputs } from '../../../src/domain/healthScore';

const healthy: HealthInputs = { recentRegistrations: 4, won: 6, lost: 2, daysSinceActivity: 3, certifications: 2 };

describe('partner health score', () => {
  it.each<[string, Partial<HealthInputs>, number]>([
    ['a busy, winning, certified partner', {}, 93],
    ['the same partner with every factor at its best', { won: 8, lost: 0 }, 100],
    ['no registrations for a quarter', { recentRegistrations: 0 }, 63],
    ['losing most deals', { won: 1, lost: 7 }, 74],
    ['too few closed deals to judge: an average win rate is assumed', { won: 0, lost: 2 }, 85],
    ['dormant for three months', { daysSinceActivity: 90 }, 68],
    ['half-way to dormant', { daysSinceActivity: 52 }, 80],
    ['never active at all', { recentRegistrations: 0, won: 0, lost: 0, daysSinceActivity: null, certifications: 0 }, 15],
    ['certifications not tracked: the factor is left out, not counted as zero', { certifications: null }, 91],
    ['no certifications', { certifications: 0 }, 78],
  ])('%s', (_label, change, expected) => {
    expect(healthScore({ ...healthy, ...change }).score).toBe(expected);
  });

  it.each<[string, Partial<HealthInputs>, number | null, boolean, string[]]>([
    ['healthy and steady', {}, 90, false, []],
    ['under the threshold', { recentRegistrations: 0, won: 1, lost: 7, daysSinceActivity: 80 }, null, true, [
      'few deal registrations in the last 90 days',
      'low win rate over the last year',
      'no recent deal activity',
    ]],
    ['above the threshold but fell sharply', { recentRegistrations: 1, daysSinceActivity: 60 }, 93, true, [
      'score fell 38 points since the last evaluation',
      'few deal registrations in the last 90 days',
      'no recent deal activity',
    ]],
    ['fell, but by less than the drop rule', { daysSinceActivity: 40 }, 93, false, []],
  ])('%s', (_label, change, previous, atRisk, reasons) => {
    const risk = assessRisk(healthScore({ ...healthy, ...change }), previous);
    expect(risk.atRisk).toBe(atRisk);
    expect(risk.reasons).toEqual(reasons);
  });
});
