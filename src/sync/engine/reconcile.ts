import type { Crm } from '../../store/connections';
import { listPartners } from '../../store/partners';
import { crmKey, entityKey, markPending } from '../../store/syncPending';
import { getSyncState, updateSyncState } from '../../store/syncState';
import { loadMapping } from '../mapping/load';
import { objectSpec } from '../mapping/translate';
import type { SyncEngineDeps } from './syncBatch';

/** Pages one run reads before handing over (the next run continues from the saved position). */
const PAGES_PER_RUN = 20;
/** Re-read a little before the watermark: CRM stamps of one second can land after a sweep read them. */
const WATERMARK_OVERLAP_MS = 1_000;

/**
 * Repairs missed webhooks: marks every CRM record modified since the connection's watermark
 * as waiting (the engine reads, merges and drops what is already in agreement), then moves
 * the watermark. Returns how many records were marked.
 */
export async function reconcileOnce(deps: SyncEngineDeps, tenantId: string, crm: Crm): Promise<number> {
  const adapter = deps.adapters(tenantId, crm);
  const spec = objectSpec((await loadMapping(deps.db, tenantId)).partner[crm]);
  const state = await getSyncState(deps.db, tenantId, crm);
  const since = state?.watermark ? new Date(state.watermark.getTime() - WATERMARK_OVERLAP_MS) : null;
  let cursor: string | null = null;
  let newest = state?.watermark ?? null;
  let marked = 0;
  for (let page = 0; page < PAGES_PER_RUN; page++) {
    const result = await adapter.listChangedSince(spec, since, cursor);
    await markPending(deps.db, tenantId, crm, 'partner', result.records.map((r) => crmKey(r.id)));
    marked += result.records.length;
    for (const r of result.records) if (!newest || r.modifiedAt > newest) newest = r.modifiedAt;
    cursor = result.cursor;
    if (!cursor) break;
  }
  await updateSyncState(deps.db, tenantId, crm, { watermark: newest });
  return marked;
}

/**
 * One step of a connection's backfill, resumable from its saved cursor: first every Trellis
 * partner goes out (upserts by Trellis id, so a repeat creates nothing twice), then every CRM
 * record comes in. Returns true when the backfill is complete.
 */
export async function backfillStep(deps: SyncEngineDeps, tenantId: string, crm: Crm): Promise<boolean> {
  const state = await getSyncState(deps.db, tenantId, crm);
  const position = state?.backfillStatus === 'running' && state.backfillCursor ? (JSON.parse(state.backfillCursor) as { phase: 'trellis' | 'crm'; cursor: string | null }) : { phase: 'trellis' as const, cursor: null };
  let seen = state?.backfillStatus === 'running' ? state.backfillSeen : 0;
  if (state?.backfillStatus !== 'running') {
    await updateSyncState(deps.db, tenantId, crm, { backfillStatus: 'running', backfillSeen: 0, backfillStartedAt: deps.clock.now(), backfillFinishedAt: null, backfillCursor: null });
  }
  let next: { phase: 'trellis' | 'crm'; cursor: string | null } | null;
  if (position.phase === 'trellis') {
    const page = await listPartners(deps.db, tenantId, { limit: 100, cursor: position.cursor ?? undefined });
    const ids = page?.data.map((p) => entityKey(p.id)) ?? [];
    await markPending(deps.db, tenantId, crm, 'partner', ids);
    seen += ids.length;
    next = page?.nextCursor ? { phase: 'trellis', cursor: page.nextCursor } : { phase: 'crm', cursor: null };
  } else {
    const adapter = deps.adapters(tenantId, crm);
    const spec = objectSpec((await loadMapping(deps.db, tenantId)).partner[crm]);
    const result = await adapter.listChangedSince(spec, null, position.cursor);
    await markPending(deps.db, tenantId, crm, 'partner', result.records.map((r) => crmKey(r.id)));
    seen += result.records.length;
    next = result.cursor ? { phase: 'crm', cursor: result.cursor } : null;
  }
  if (next) {
    await updateSyncState(deps.db, tenantId, crm, { backfillCursor: JSON.stringify(next), backfillSeen: seen });
    return false;
  }
  await updateSyncState(deps.db, tenantId, crm, { backfillStatus: 'done', backfillCursor: null, backfillSeen: seen, backfillFinishedAt: deps.clock.now(), watermark: deps.clock.now() });
  return true;
}
