/** What a partner's registrations say about it: the input to co-sell ranking and partner health. */
export interface PartnerPerformance {
  partnerId: string;
  /** Registrations submitted in the last 90 days, and in the 90 days before that. */
  submittedLast90: number;
  submittedPrevious90: number;
  /** Outcomes of registrations submitted in the last 365 days. */
  won: number;
  lost: number;
  rejected: number;
  expired: number;
  /** Open pipeline (pending and approved registrations), per currency, largest first. */
  pipeline: { currency: string; amount: number; count: number }[];
  lastSubmittedAt: Date | null;
}

export const emptyPerformance = (partnerId: string): PartnerPerformance => ({
  partnerId,
  submittedLast90: 0,
  submittedPrevious90: 0,
  won: 0,
  lost: 0,
  rejected: 0,
  expired: 0,
  pipeline: [],
  lastSubmittedAt: null,
});

/** Won share of closed registrations, smoothed towards one half so one early loss does not read as 0 %. */
export const smoothedWinRate = (p: Pick<PartnerPerformance, 'won' | 'lost'>): number => (p.won + 1) / (p.won + p.lost + 2);
