/**
 * How a demo partner behaved over the year. Most are healthy to middling; a few went wrong in a
 * way a partner manager recognises, so the health score has something true to say about them.
 */
export type Profile = 'thriving' | 'steady' | 'quiet' | 'newcomer' | 'went_quiet' | 'lapsed' | 'unhappy' | 'slipping';

export interface Traits {
  /** Days ago the partner's history starts. */
  joinedDaysAgo: number;
  /** Days ago the partner stopped registering deals and logging in (0: it has not). */
  quietFor: number;
  /** Registrations per 30 days while active. */
  registrationsPerMonth: number;
  /** Chance that a given day has portal or API activity while active. */
  activeDayOdds: number;
  /** Chance that an approved registration's deal is won. */
  winOdds: number;
  /** PSAT scores (1–5), inclusive range; the last 60 days' from `recentPsat` when given. */
  psat: readonly [number, number];
  recentPsat?: readonly [number, number];
  /** Certifications held, by days ago issued; each is valid for a year. */
  certificationsIssued: readonly number[];
  /** Support cases still open, by days ago opened. */
  openCases: readonly number[];
  /** Cases opened (and closed within days) per 90 days. */
  closedCasesPer90: number;
}

const YEAR_AND_MORE = 455;

export const TRAITS: Record<Profile, Traits> = {
  thriving: { joinedDaysAgo: YEAR_AND_MORE, quietFor: 0, registrationsPerMonth: 0.6, activeDayOdds: 0.28, winOdds: 0.7, psat: [4, 5], certificationsIssued: [345, 290, 120], openCases: [], closedCasesPer90: 1 },
  steady: { joinedDaysAgo: YEAR_AND_MORE, quietFor: 0, registrationsPerMonth: 0.38, activeDayOdds: 0.16, winOdds: 0.55, psat: [3, 5], certificationsIssued: [350, 200], openCases: [], closedCasesPer90: 1 },
  quiet: { joinedDaysAgo: YEAR_AND_MORE, quietFor: 0, registrationsPerMonth: 0.2, activeDayOdds: 0.07, winOdds: 0.5, psat: [3, 4], certificationsIssued: [240], openCases: [], closedCasesPer90: 0.5 },
  newcomer: { joinedDaysAgo: 50, quietFor: 0, registrationsPerMonth: 0.6, activeDayOdds: 0.3, winOdds: 0.5, psat: [4, 4], certificationsIssued: [30], openCases: [], closedCasesPer90: 0 },
  // No registration or login for four months.
  went_quiet: { joinedDaysAgo: YEAR_AND_MORE, quietFor: 125, registrationsPerMonth: 0.5, activeDayOdds: 0.15, winOdds: 0.3, psat: [2, 3], certificationsIssued: [300], openCases: [], closedCasesPer90: 0.5 },
  // Both certifications lapsed two months ago, and the partner has been fading since.
  lapsed: { joinedDaysAgo: YEAR_AND_MORE, quietFor: 65, registrationsPerMonth: 0.3, activeDayOdds: 0.1, winOdds: 0.4, psat: [2, 3], certificationsIssued: [430, 410], openCases: [70], closedCasesPer90: 1 },
  // Unhappy customers and a pile of open support cases.
  unhappy: { joinedDaysAgo: YEAR_AND_MORE, quietFor: 0, registrationsPerMonth: 0.25, activeDayOdds: 0.04, winOdds: 0.2, psat: [2, 3], recentPsat: [1, 2], certificationsIssued: [260], openCases: [95, 60, 34, 12], closedCasesPer90: 1 },
  // Healthy until a month ago: then escalations, a bad survey and silence.
  slipping: { joinedDaysAgo: YEAR_AND_MORE, quietFor: 26, registrationsPerMonth: 0.6, activeDayOdds: 0.3, winOdds: 0.6, psat: [4, 5], recentPsat: [1, 2], certificationsIssued: [330, 180], openCases: [20, 14, 9], closedCasesPer90: 1 },
};
