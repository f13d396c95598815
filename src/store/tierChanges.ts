import { randomUUID } from 'node:crypto';
import type { Tier } from '../domain/partner';
import type { Queryable } from './db';
import { selectPage, type Page } from './pagination';

export interface TierChange {
  id: string;
  partnerId: string;
  oldTier: Tier;
  newTier: Tier;
  reason: string;
  changedBy: string;
  changedAt: Date;
}

interface TierChangeRow {
  id: string;
  partner_id: string;
  old_tier: Tier;
  new_tier: Tier;
  reason: string;
  changed_by: string;
  changed_at: Date;
}

const toTierChange = (r: TierChangeRow): TierChange => ({
  id: r.id,
  partnerId: r.partner_id,
  oldTier: r.old_tier,
  newTier: r.new_tier,
  reason: r.reason,
  changedBy: r.changed_by,
  changedAt: r.changed_at,
});

export async function insertTierChange(q: Queryable, tenantId: string, change: Omit<TierChange, 'id'>): Promise<void> {
  await q.query(
    'INSERT INTO tier_changes (id, tenant_id, partner_id, old_tier, new_tier, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [randomUUID(), tenantId, change.partnerId, change.oldTier, change.newTier, change.reason, change.changedBy, change.changedAt],
  );
}

/** A partner's tier changes, newest first; null when the cursor is not ours. */
export function listTierChanges(q: Queryable, tenantId: string, partnerId: string, page: { limit: number; cursor?: string | undefined }): Promise<Page<TierChange> | null> {
  const query = {
    columns: 'id, partner_id, old_tier, new_tier, reason, changed_by, changed_at',
    table: 'tier_changes',
    orderedBy: 'changed_at',
    tenantId,
    filters: [['partner_id = ?', partnerId]] as [string, unknown][],
    limit: page.limit,
    cursor: page.cursor,
  };
  return selectPage(q, query, toTierChange, (c) => ({ at: c.changedAt, id: c.id }));
}
