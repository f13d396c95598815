import { approverOf, type Approver } from '../domain/approver';
import type { DealRegistration } from '../domain/registration';
import type { Queryable } from '../store/db';
import { getPartnersByIds } from '../store/partners';
import { listVendorUsers } from '../store/vendorUsers';

/** Who a pending registration waits for, and since when. */
export interface AwaitingDecision {
  /** Null when the team has nobody who may decide it. */
  approver: Approver | null;
  waitingSince: Date;
}

/**
 * For each pending registration, the person it waits for (see `approverOf`) and since when;
 * decided and closed registrations wait for nobody and are left out. The cards, Slack, the API
 * and the approval inbox all ask here.
 */
export async function awaitingDecisionOf(q: Queryable, tenantId: string, registrations: readonly DealRegistration[]): Promise<Map<string, AwaitingDecision>> {
  const pending = registrations.filter((r) => r.status === 'pending');
  if (pending.length === 0) return new Map();
  const [team, partners] = await Promise.all([listVendorUsers(q, tenantId), getPartnersByIds(q, tenantId, [...new Set(pending.map((r) => r.partnerId))])]);
  const byId = new Map(partners.map((p) => [p.id, p]));
  return new Map(
    pending.map((r) => {
      const partner = byId.get(r.partnerId);
      return [r.id, { approver: partner ? approverOf(partner, team) : null, waitingSince: r.submittedAt }];
    }),
  );
}
