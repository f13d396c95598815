import { ENTITY_KINDS, type Crm, type EntityKind } from '../../domain/crm';
import type { Page } from '../../store/pagination';
import { listPartners } from '../../store/partners';
import { listRegistrations } from '../../store/registrations';
import { crmKey, entityKey, markPending } from '../../store/syncPending';
import { getSyncState, updateSyncState } from '../../store/syncState';
import { CrmError } from '../errors';
import { objectSpec } from '../mapping/translate';
import { sweepStart } from '../watermark';
import type { SyncEngineDeps } from './syncBatch';
import { syncTarget } from './targets';

/** Pages one run reads per entity kind before handing over (the next run continues from the saved watermark). */
const PAGES_PER_RUN = 20;

/** One page of a kind's Trellis ids, for the backfill's outbound phase. */
const TRELLIS_PAGES: Record<EntityKind, (deps: SyncEngineDeps, tenantId: string, cursor: string | undefined) => Promise<Page<{ id: string }> | null>> = {
  partner: (deps, tenantId, cursor) => listPartners(deps.db, tenantId, { limit: 100, cursor }),
  registration: (deps, tenantId, cursor) => listRegistrations(deps.db, tenantId, { limit: 100, cursor }),
};

/**
 * Repairs missed webhooks: marks every CRM record of each synced kind modified since the
 * connection's watermark as waiting (the engine reads, merges and drops what is already in
 * agreement), then moves the watermark no further than the least advanced unfinished sweep.
 * Returns how many records were marked.
 */
export async function reconcileOnce(deps: SyncEngineDeps, tenantId: string, crm: Crm): Promise<number> {
  const state = await getSyncState(deps.db, tenantId, crm);
  // Before provisioning the CRM lacks the objects to sweep; the install's backfill reads everything anyway.
  if (!state?.provisionedAt) return 0;
  const adapter = deps.adapters(tenantId, crm);
  const since = sweepStart(state.watermark, adapter);
  let marked = 0;
  let newest = state.watermark;
  let unfinished: Date | null = null;
  // Partners first (see ENTITY_KINDS): a registration's CRM record links to its partner's.
  for (const kind of ENTITY_KINDS) {
    let cursor: string | null = null;
    let kindNewest: Date | null = null;
    try {
      const target = await syncTarget(deps, adapter, tenantId, kind);
      // Registrations kept on deals are Trellis's alone: nothing to read back.
      if (target === 'deals') continue;
      for (let page = 0; page < PAGES_PER_RUN; page++) {
        const result = await adapter.listChangedSince(objectSpec(target), since, cursor);
        await markPending(deps.db, tenantId, crm, kind, result.records.map((r) => crmKey(r.id)));
        marked += result.records.length;
        for (const r of result.records) if (!kindNewest || r.modifiedAt > kindNewest) kindNewest = r.modifiedAt;
        cursor = result.cursor;
        if (!cursor) break;
      }
    } catch (err) {
      if (!(await skippable(deps, tenantId, crm, kind, err))) throw err;
      continue;
    }
    if (kindNewest && (!newest || kindNewest > newest)) newest = kindNewest;
    if (cursor && kindNewest && (!unfinished || kindNewest < unfinished)) unfinished = kindNewest;
  }
  await updateSyncState(deps.db, tenantId, crm, { watermark: unfinished ?? newest });
  return marked;
}

/**
 * Registrations are read only where their object exists: a CRM refusing the sweep of one
 * (the object not provisioned, the package not installed) is reported and the partners' sync goes on.
 */
async function skippable(deps: SyncEngineDeps, tenantId: string, crm: Crm, kind: EntityKind, err: unknown): Promise<boolean> {
  if (!(err instanceof CrmError) || err.kind !== 'permanent' || kind === 'partner') return false;
  const name = crm === 'hubspot' ? 'HubSpot' : 'Salesforce';
  await updateSyncState(deps.db, tenantId, crm, { lastError: `Deal registrations are not read from ${name}: ${err.message}`, lastErrorAt: deps.clock.now() });
  return true;
}

interface BackfillPosition {
  kind: EntityKind;
  phase: 'trellis' | 'crm';
  cursor: string | null;
}

/**
 * One step of a connection's backfill, resumable from its saved position: for each kind,
 * first every Trellis entity goes out (upserts by Trellis id, so a repeat creates nothing
 * twice), then every CRM record comes in. Returns true when the backfill is complete.
 */
export async function backfillStep(deps: SyncEngineDeps, tenantId: string, crm: Crm): Promise<boolean> {
  const state = await getSyncState(deps.db, tenantId, crm);
  const running = state?.backfillStatus === 'running';
  const saved = running && state.backfillCursor ? (JSON.parse(state.backfillCursor) as Partial<BackfillPosition>) : null;
  const position: BackfillPosition = saved ? { kind: saved.kind ?? 'partner', phase: saved.phase ?? 'trellis', cursor: saved.cursor ?? null } : { kind: 'partner', phase: 'trellis', cursor: null };
  let seen = running ? state.backfillSeen : 0;
  if (!running) {
    await updateSyncState(deps.db, tenantId, crm, { backfillStatus: 'running', backfillSeen: 0, backfillStartedAt: deps.clock.now(), backfillFinishedAt: null, backfillCursor: null });
  }
  const nextKind = ENTITY_KINDS[ENTITY_KINDS.indexOf(position.kind) + 1];
  const afterKind: BackfillPosition | null = nextKind ? { kind: nextKind, phase: 'trellis', cursor: null } : null;
  let next: BackfillPosition | null;
  if (position.phase === 'trellis') {
    const page = await TRELLIS_PAGES[position.kind](deps, tenantId, position.cursor ?? undefined);
    const ids = page?.data.map((e) => entityKey(e.id)) ?? [];
    await markPending(deps.db, tenantId, crm, position.kind, ids);
    seen += ids.length;
    next = page?.nextCursor ? { ...position, cursor: page.nextCursor } : { kind: position.kind, phase: 'crm', cursor: null };
  } else {
    const adapter = deps.adapters(tenantId, crm);
    const target = await syncTarget(deps, adapter, tenantId, position.kind);
    // Registrations kept on deals are Trellis's alone: nothing to read back.
    if (target === 'deals') {
      next = afterKind;
    } else {
      try {
        const result = await adapter.listChangedSince(objectSpec(target), null, position.cursor);
        await markPending(deps.db, tenantId, crm, position.kind, result.records.map((r) => crmKey(r.id)));
        seen += result.records.length;
        next = result.cursor ? { ...position, cursor: result.cursor } : afterKind;
      } catch (err) {
        if (!(await skippable(deps, tenantId, crm, position.kind, err))) throw err;
        next = afterKind;
      }
    }
  }
  if (next) {
    await updateSyncState(deps.db, tenantId, crm, { backfillCursor: JSON.stringify(next), backfillSeen: seen });
    return false;
  }
  await updateSyncState(deps.db, tenantId, crm, { backfillStatus: 'done', backfillCursor: null, backfillSeen: seen, backfillFinishedAt: deps.clock.now(), watermark: deps.clock.now() });
  return true;
}
