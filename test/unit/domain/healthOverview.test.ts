import { healthOverview, type PartnerHealthPoint } from '../../../src/domain/healthOverview';

const point = (name: string, score: number, baselineScore: number | null, atRisk = false): PartnerHealthPoint => ({
  partnerId: name.toLowerCase(),
  name,
  region: 'NA',
  tier: 'gold',
  score,
  atRisk,
  evaluatedAt: new Date('2026-03-01T00:00:00Z'),
  baselineScore,
});

describe('health overview', () => {
  const points = [
    point('Aster', 10, 40, true),
    point('Birch', 25, 30, true),
    point('Cedar', 59, 59),
    point('Dune', 60, 45),
    point('Elm', 80, null),
    point('Fir', 100, 70),
  ];

  it('counts partners per score band, edges included', () => {
    expect(healthOverview(points).distribution.map((b) => [b.band, b.partners])).toEqual([
      ['0–19', 1],
      ['20–39', 1],
      ['40–59', 1],
      ['60–79', 1],
      ['80–100', 2],
    ]);
  });

  it('lists the largest rises and falls, leaving out partners without a baseline or a change', () => {
    const { movers } = healthOverview(points, 2);
    expect(movers.up.map((m) => [m.name, m.change])).toEqual([
      ['Fir', 30],
      ['Dune', 15],
    ]);
    expect(movers.down.map((m) => [m.name, m.change])).toEqual([
      ['Aster', -30],
      ['Birch', -5],
    ]);
  });

  it('lists partners at risk, lowest score first', () => {
    expect(healthOverview(points).atRisk.map((p) => p.name)).toEqual(['Aster', 'Birch']);
  });

  it('is empty, not broken, without snapshots', () => {
    expect(healthOverview([])).toMatchObject({ partners: 0, movers: { up: [], down: [] }, atRisk: [] });
  });
});

describe('health overview edges', () => {
  it('labels each band with its bounds', () => {
    expect(healthOverview([]).distribution).toEqual([
      { band: '0–19', from: 0, to: 19, partners: 0, members: [] },
      { band: '20–39', from: 20, to: 39, partners: 0, members: [] },
      { band: '40–59', from: 40, to: 59, partners: 0, members: [] },
      { band: '60–79', from: 60, to: 79, partners: 0, members: [] },
      { band: '80–100', from: 80, to: 100, partners: 0, members: [] },
    ]);
  });

  it('puts a score outside 0–100 in the nearest end band', () => {
    expect(healthOverview([point('Low', -5, null), point('High', 105, null), point('Edge', 19, null), point('Next', 20, null)]).distribution.map((b) => b.partners)).toEqual([2, 1, 0, 0, 1]);
  });

  it('shows at most five movers each way unless told otherwise, equal changes by name, with what a reader needs', () => {
    const risers = ['Oak', 'Ash', 'Yew', 'Elm', 'Fir', 'Bay'].map((name) => point(name, 60, 50));
    const { movers } = healthOverview([...risers, point('Pine', 40, 50), point('Ivy', 40, 50)]);
    expect(movers.up.map((m) => m.name)).toEqual(['Ash', 'Bay', 'Elm', 'Fir', 'Oak']);
    expect(movers.down).toEqual([
      { partnerId: 'ivy', name: 'Ivy', region: 'NA', tier: 'gold', score: 40, change: -10 },
      { partnerId: 'pine', name: 'Pine', region: 'NA', tier: 'gold', score: 40, change: -10 },
    ]);
  });

  it('lists partners at risk with equal scores by name, without the flag itself', () => {
    const { atRisk } = healthOverview([point('Yew', 30, null, true), point('Ash', 30, null, true), point('Oak', 90, null)]);
    expect(atRisk).toEqual([
      { partnerId: 'ash', name: 'Ash', region: 'NA', tier: 'gold', score: 30, evaluatedAt: new Date('2026-03-01T00:00:00Z'), baselineScore: null },
      { partnerId: 'yew', name: 'Yew', region: 'NA', tier: 'gold', score: 30, evaluatedAt: new Date('2026-03-01T00:00:00Z'), baselineScore: null },
    ]);
  });
});
