import type { CrmAdapter } from './port';

/** CRM stamps of one second can land after a sweep read them. */
const STAMP_OVERLAP_MS = 1_000;

/**
 * Where a sweep of changes starts: a little before the watermark. Besides the stamps' second,
 * a CRM listing changes from a lagging index lists an edit only once it is indexed, possibly
 * after edits stamped later moved the watermark past it; re-reading the lag's worth picks it up
 * on the next sweep. Records read twice are merged twice, which changes nothing.
 */
export function sweepStart(watermark: Date | null, adapter: CrmAdapter): Date | null {
  return watermark ? new Date(watermark.getTime() - STAMP_OVERLAP_MS - (adapter.capabilities.listingLagMs ?? 0)) : null;
}
