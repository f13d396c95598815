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
