import { emptyPerformance, smoothedWinRate } from '../../../src/domain/performance';

describe('a partner’s track record', () => {
  it.each([
    [0, 0, 0.5],
    [0, 1, 1 / 3],
    [1, 0, 2 / 3],
    [3, 1, 4 / 6],
    [98, 0, 99 / 100],
  ])('won %i, lost %i: a smoothed win rate of %d', (won, lost, rate) => {
    expect(smoothedWinRate({ won, lost })).toBeCloseTo(rate, 12);
  });

  it('starts empty', () => {
    expect(emptyPerformance('p1')).toEqual({
      partnerId: 'p1',
      submittedLast90: 0,
      submittedPrevious90: 0,
      won: 0,
      lost: 0,
      rejected: 0,
      expired: 0,
      pipeline: [],
      lastSubmittedAt: null,
    });
  });
});
