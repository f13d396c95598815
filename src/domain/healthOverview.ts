import type { Region, Tier } from './partner';

/** One partner's latest health score and the score it is compared with. */
export interface PartnerHealthPoint {
  partnerId: string;
  name: string;
  region: Region;
  tier: Tier;
  score: number;
  atRisk: boolean;
  evaluatedAt: Date;
  /** The earlier score movers are measured against; null without one. */
  baselineScore: number | null;
}

export interface HealthMover {
  partnerId: string;
  name: string;
  region: Region;
  tier: Tier;
  score: number;
  change: number;
}

export interface HealthOverview {
  partners: number;
  /** Partners per score band: 0–19, 20–39, 40–59, 60–79, 80–100; `members` are the band's partners, lowest score first. */
  distribution: Array<{ band: string; from: number; to: number; partners: number; members: Array<Pick<PartnerHealthPoint, 'partnerId' | 'name' | 'score'>> }>;
  /** The largest rises and falls, at most `moverCount` each; partners without a baseline or change are left out. */
  movers: { up: HealthMover[]; down: HealthMover[] };
  /** Partners at risk, lowest score first. */
  atRisk: Array<Omit<PartnerHealthPoint, 'atRisk'>>;
}

const BANDS: Array<[number, number]> = [
  [0, 19],
  [20, 39],
  [40, 59],
  [60, 79],
  [80, 100],
];

export function healthOverview(points: readonly PartnerHealthPoint[], moverCount = 5): HealthOverview {
  const distribution = BANDS.map(([from, to]) => {
    // Scores are whole numbers; anything outside 0..100 lands in the nearest end band.
    const members = points
      .filter((p) => (from === 0 || p.score >= from) && (to === 100 || p.score <= to))
      .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
      .map((p) => ({ partnerId: p.partnerId, name: p.name, score: p.score }));
    return { band: `${from}–${to}`, from, to, partners: members.length, members };
  });
  const changes: HealthMover[] = points
    .filter((p) => p.baselineScore !== null && p.score !== p.baselineScore)
    .map((p) => ({ partnerId: p.partnerId, name: p.name, region: p.region, tier: p.tier, score: p.score, change: p.score - p.baselineScore! }));
  const byName = (a: HealthMover, b: HealthMover) => a.name.localeCompare(b.name);
  return {
    partners: points.length,
    distribution,
    movers: {
      up: changes.filter((m) => m.change > 0).sort((a, b) => b.change - a.change || byName(a, b)).slice(0, moverCount),
      down: changes.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || byName(a, b)).slice(0, moverCount),
    },
    atRisk: points
      .filter((p) => p.atRisk)
      .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
      .map(({ atRisk: _atRisk, ...rest }) => rest),
  };
}
