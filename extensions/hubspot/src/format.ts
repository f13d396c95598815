export const money = (amount: number, currency: string): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);

export const day = (iso: string): string => new Date(iso).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** The backend sends only a registration's most pressing conflicts; say so when there are more. */
export const moreConflicts = (shown: number, total: number): string | null =>
  total > shown ? `Showing the ${shown} most pressing of ${total} conflicts.` : null;

export const percent = (share: number): string => `${Math.round(share * 100)} %`;

export const REGISTRATION_STATUS: Record<string, { label: string; variant: 'default' | 'info' | 'success' | 'warning' | 'danger' }> = {
  pending: { label: 'Pending approval', variant: 'warning' },
  approved: { label: 'Approved', variant: 'success' },
  rejected: { label: 'Rejected', variant: 'danger' },
  won: { label: 'Won', variant: 'success' },
  lost: { label: 'Lost', variant: 'default' },
  expired: { label: 'Expired', variant: 'default' },
};

export const CONFLICT_KIND: Record<string, string> = {
  duplicate: 'Duplicate registration',
  cross_region: 'Cross-region conflict',
};
