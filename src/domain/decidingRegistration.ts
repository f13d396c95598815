import type { RegistrationStatus } from './registration';

/** Approved registrations bind now, pending ones may; rejected, expired and closed ones are history. */
const WEIGHT: Record<RegistrationStatus, number> = { approved: 0, pending: 1, won: 2, lost: 2, rejected: 2, expired: 2 };

/**
 * The registration a CRM record shows when several point at it (a deal, or a customer's company):
 * approved over pending over the rest, and within each the newest submitted — the one a rep must
 * respect now. Ties (same status, same instant) fall to the greater id, so the choice is stable.
 */
export function decidingRegistration<T extends { id: string; status: RegistrationStatus; submittedAt: Date }>(registrations: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of registrations) {
    if (!best) {
      best = r;
      continue;
    }
    const byStatus = WEIGHT[r.status] - WEIGHT[best.status];
    const byAge = best.submittedAt.getTime() - r.submittedAt.getTime();
    if (byStatus < 0 || (byStatus === 0 && (byAge < 0 || (byAge === 0 && r.id > best.id)))) best = r;
  }
  return best;
}
